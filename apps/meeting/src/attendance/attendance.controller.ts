import { Body, Controller, Get, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { XLSX_CONTENT_TYPE, type AttendanceRecordView, type AttendanceSummary } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { download } from '../common/downloads';
import { IdParam } from '../common/parse-id.pipe';
import { AttendanceService } from './attendance.service';
import { CheckInRequestDto } from './dto/attendance.dto';
import { AttendanceRecordResponseDto, AttendanceSummaryResponseDto } from './dto/attendance.response.dto';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('attendance')
  @Endpoint({
    operationId: 'getAttendanceSummary', summary: 'Totals per site and the quorum.',
    response: AttendanceSummaryResponseDto, errors: [400, 401, 403, 404],
  })
  summary(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<AttendanceSummary> {
    return this.attendance.summary(user, conferenceId);
  }

  @Get('sites/:siteId/attendance')
  @Endpoint({
    operationId: 'listSiteAttendance', summary: 'Every delegate convened at the site, with their check-in (the site\'s staff and chairs).',
    response: [AttendanceRecordResponseDto], errors: [400, 401, 403, 404],
  })
  site(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('siteId') siteId: string,
  ): Promise<AttendanceRecordView[]> {
    return this.attendance.siteRecords(user, conferenceId, siteId);
  }

  @Get('attendance/absentees')
  @Endpoint({
    operationId: 'listAbsentees',
    summary: 'Delegates not present at any site (absent with the reason, not checked in, or gone), for the chairs and the secretariat.',
    response: [AttendanceRecordResponseDto], errors: [400, 401, 403, 404],
  })
  absentees(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<AttendanceRecordView[]> {
    return this.attendance.absentees(user, conferenceId);
  }

  @Get('attendance/report')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @Endpoint({
    operationId: 'downloadAttendanceReport', summary: 'The attendance report (.xlsx) of every site, a worksheet each, with names, states and reasons (the chairs and the secretariat).',
    response: null, errors: [400, 401, 403, 404],
  })
  async report(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<StreamableFile> {
    return download(await this.attendance.report(user, conferenceId));
  }

  @Get('sites/:siteId/attendance/report')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @Endpoint({
    operationId: 'downloadSiteAttendanceReport', summary: 'One site\'s attendance report (.xlsx) with names, states and reasons (the site\'s staff, the chairs and the secretariat).',
    response: null, errors: [400, 401, 403, 404],
  })
  async siteReport(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('siteId') siteId: string): Promise<StreamableFile> {
    return download(await this.attendance.report(user, conferenceId, siteId));
  }

  @Put('sites/:siteId/attendance/:participantId')
  @Endpoint({
    operationId: 'checkIn', summary: 'Records a delegate present, late, or absent with a reason (điểm danh).',
    response: AttendanceRecordResponseDto, errors: [400, 401, 403, 404, 409],
  })
  checkIn(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('siteId') siteId: string,
    @IdParam('participantId') participantId: string,
    @Body() dto: CheckInRequestDto,
  ): Promise<AttendanceRecordView> {
    return this.attendance.checkIn(user, conferenceId, siteId, participantId, dto);
  }

  @Post('sites/:siteId/attendance/:participantId/check-out')
  @HttpCode(200)
  @Endpoint({
    operationId: 'checkOut', summary: 'A delegate leaves early: no longer counted present.',
    response: AttendanceRecordResponseDto, errors: [400, 401, 403, 404, 409],
  })
  checkOut(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('siteId') siteId: string,
    @IdParam('participantId') participantId: string,
  ): Promise<AttendanceRecordView> {
    return this.attendance.checkOut(user, conferenceId, siteId, participantId);
  }
}
