import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AttendanceRecordView, AttendanceSummary } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AttendanceService } from './attendance.service';
import { CheckInRequestDto } from './dto/attendance.dto';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('attendance')
  summary(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<AttendanceSummary> {
    return this.attendance.summary(user, conferenceId);
  }

  @Get('sites/:siteId/attendance')
  site(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('siteId', ParseIdPipe) siteId: string,
  ): Promise<AttendanceRecordView[]> {
    return this.attendance.siteRecords(user, conferenceId, siteId);
  }

  @Put('sites/:siteId/attendance/:participantId')
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('siteId', ParseIdPipe) siteId: string,
    @Param('participantId', ParseIdPipe) participantId: string,
    @Body() dto: CheckInRequestDto,
  ): Promise<AttendanceRecordView> {
    return this.attendance.checkIn(user, conferenceId, siteId, participantId, dto);
  }

  @Post('sites/:siteId/attendance/:participantId/check-out')
  @HttpCode(200)
  checkOut(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('siteId', ParseIdPipe) siteId: string,
    @Param('participantId', ParseIdPipe) participantId: string,
  ): Promise<AttendanceRecordView> {
    return this.attendance.checkOut(user, conferenceId, siteId, participantId);
  }
}
