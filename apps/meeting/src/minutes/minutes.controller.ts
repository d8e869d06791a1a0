import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DocumentJobReceipt, MinutesDiffView, MinutesItemView, MinutesSpeaker, MinutesVersionSummary, MinutesVersionView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { MinutesService } from './minutes.service';
import { DocumentJobReceiptResponseDto } from '../documents/dto/document.response.dto';
import {
  AddMinutesSpeakerRequestDto, EditMinutesItemRequestDto, MinutesDiffQueryDto, MinutesDocumentRequestDto, MinutesReasonRequestDto,
} from './dto/minutes.dto';
import {
  MinutesDiffResponseDto, MinutesItemResponseDto, MinutesSpeakerResponseDto, MinutesVersionResponseDto, MinutesVersionSummaryResponseDto,
} from './dto/minutes.response.dto';

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  @Endpoint({ operationId: 'getMinutes', summary: 'The minutes being kept, or the latest published (the chairs and secretariat).', response: MinutesVersionResponseDto, errors: [401, 403, 404] })
  current(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<MinutesVersionView> {
    return this.minutes.current(user, conferenceId);
  }

  @Get('versions')
  @Endpoint({ operationId: 'listMinutesVersions', summary: 'The versions of the minutes, newest first (sites: the published ones).', response: [MinutesVersionSummaryResponseDto], errors: [401, 403, 404] })
  versions(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<MinutesVersionSummary[]> {
    return this.minutes.versions(user, conferenceId);
  }

  @Get('versions/:version')
  @Endpoint({ operationId: 'getMinutesVersion', summary: 'One version of the minutes (sites: published ones only).', response: MinutesVersionResponseDto, errors: [400, 401, 403, 404] })
  version(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Param('version', ParseIntPipe) version: number): Promise<MinutesVersionView> {
    return this.minutes.version(user, conferenceId, version);
  }

  @Post('versions/:version/documents')
  @HttpCode(202)
  @Endpoint({ operationId: 'renderMinutesDocument', summary: 'Asks the worker to render a published version as .docx or .pdf (the PDF signed when the issuing body\'s certificate is configured): 202 with the job id to poll at GET …/documents/:jobId (the leaders and every site\'s staff).', response: DocumentJobReceiptResponseDto, status: 202, errors: [400, 401, 403, 404, 409] })
  requestDocument(
    @CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Param('version', ParseIntPipe) version: number,
    @Body() dto: MinutesDocumentRequestDto,
  ): Promise<DocumentJobReceipt> {
    return this.minutes.requestDocument(user, conferenceId, version, dto.format);
  }

  @Get('floor-log')
  @Endpoint({ operationId: 'getMinutesFloorLog', summary: 'Everyone who had the floor, in order, as speakers to insert (the chairs and secretariat).', response: [MinutesSpeakerResponseDto], errors: [401, 403, 404] })
  floorLog(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<MinutesSpeaker[]> {
    return this.minutes.floorLog(user, conferenceId);
  }

  @Get('diff')
  @Endpoint({ operationId: 'diffMinutes', summary: 'What differs between two versions, item by item.', response: MinutesDiffResponseDto, errors: [400, 401, 403, 404] })
  diff(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Query() query: MinutesDiffQueryDto): Promise<MinutesDiffView> {
    return this.minutes.diff(user, conferenceId, query.from, query.to);
  }

  @Put('items/:agendaItemId')
  @Endpoint({ operationId: 'editMinutesItem', summary: 'The secretariat\'s text of one agenda item; 409 MINUTES_ITEM_STALE with the current text if someone edited it meanwhile.', response: MinutesItemResponseDto, errors: [400, 401, 403, 404, 409] })
  editItem(
    @CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('agendaItemId') agendaItemId: string,
    @Body() dto: EditMinutesItemRequestDto,
  ): Promise<MinutesItemView> {
    return this.minutes.editItem(user, conferenceId, agendaItemId, dto);
  }

  @Post('items/:agendaItemId/speakers')
  @Endpoint({ operationId: 'addMinutesSpeaker', summary: 'Adds a speaker from the floor log (full name, site, times) to an agenda item.', response: MinutesItemResponseDto, status: 201, errors: [400, 401, 403, 404, 409] })
  addSpeaker(
    @CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('agendaItemId') agendaItemId: string,
    @Body() dto: AddMinutesSpeakerRequestDto,
  ): Promise<MinutesItemView> {
    return this.minutes.addSpeaker(user, conferenceId, agendaItemId, dto);
  }

  @Post('submit')
  @HttpCode(200)
  @Endpoint({ operationId: 'submitMinutes', summary: 'The secretariat submits the minutes to the chair.', response: MinutesVersionResponseDto, errors: [401, 403, 404, 409] })
  submit(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<MinutesVersionView> {
    return this.minutes.act(user, conferenceId, 'submit');
  }

  @Post('return')
  @HttpCode(200)
  @Endpoint({ operationId: 'returnMinutes', summary: 'The chair sends the minutes back to the secretariat, saying why.', response: MinutesVersionResponseDto, errors: [400, 401, 403, 404, 409] })
  sendBack(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: MinutesReasonRequestDto): Promise<MinutesVersionView> {
    return this.minutes.act(user, conferenceId, 'return', dto.reason);
  }

  @Post('approve')
  @HttpCode(200)
  @Endpoint({ operationId: 'approveMinutes', summary: 'The chair approves the submitted minutes.', response: MinutesVersionResponseDto, errors: [401, 403, 404, 409] })
  approve(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<MinutesVersionView> {
    return this.minutes.act(user, conferenceId, 'approve');
  }

  @Post('publish')
  @HttpCode(200)
  @Endpoint({ operationId: 'publishMinutes', summary: 'The chair publishes the approved minutes: numbered, frozen, hashed, and announced to every site.', response: MinutesVersionResponseDto, errors: [401, 403, 404, 409] })
  publish(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<MinutesVersionView> {
    return this.minutes.act(user, conferenceId, 'publish');
  }

  @Post('corrections')
  @Endpoint({ operationId: 'correctMinutes', summary: 'Starts a correction of the published minutes: the next version, saying why.', response: MinutesVersionResponseDto, status: 201, errors: [400, 401, 403, 404, 409] })
  correct(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: MinutesReasonRequestDto): Promise<MinutesVersionView> {
    return this.minutes.correct(user, conferenceId, dto.reason);
  }
}
