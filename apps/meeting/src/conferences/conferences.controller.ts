import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConferenceSnapshot, ConferenceSummary, ConferenceView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { ConferencesService } from './conferences.service';
import { ConferenceResponseDto, ConferenceSnapshotResponseDto, ConferenceSummaryResponseDto } from './dto/conference.response.dto';
import { ConferenceTransitionRequestDto } from './dto/conference-transition.dto';
import { CreateConferenceRequestDto } from './dto/create-conference.dto';

/**
 * A status change: the chair's (conference.manage), refused with 409 from the wrong status (docs/rules.md), or
 * CONFERENCE_CHANGED when the body's expectedStatus is no longer the status.
 */
const transitionDoc = (operationId: string, summary: string) =>
  Endpoint({ operationId, summary, response: ConferenceResponseDto, errors: [400, 401, 403, 404, 409] });

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(private readonly conferences: ConferencesService) {}

  @Get()
  @Endpoint({
    operationId: 'listConferences', summary: 'The caller\'s conferences, newest planned first, with the caller\'s roles.',
    response: [ConferenceSummaryResponseDto], errors: [401],
  })
  list(@CurrentUser() user: AuthUser): Promise<ConferenceSummary[]> {
    return this.conferences.list(user);
  }

  @Post()
  @Endpoint({
    operationId: 'createConference', summary: 'Convenes a conference with its site tree and agenda; the caller chairs it.',
    response: ConferenceSnapshotResponseDto, status: 201, errors: [400, 401, 403, 404],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateConferenceRequestDto): Promise<ConferenceSnapshot> {
    return this.conferences.create(user, dto);
  }

  @Get(':conferenceId')
  @Endpoint({
    operationId: 'getConference', summary: 'The whole conference as a snapshot.',
    response: ConferenceSnapshotResponseDto, errors: [400, 401, 403, 404],
  })
  get(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<ConferenceSnapshot> {
    return this.conferences.get(user, conferenceId);
  }

  // One route per action: a catch-all `:action` segment would shadow the sub-resources
  // (participants, sites, agenda, …) that other controllers mount under a conference.
  @Post(':conferenceId/schedule')
  @HttpCode(200)
  @transitionDoc('scheduleConference', 'draft → scheduled.')
  schedule(@CurrentUser() user: AuthUser, @IdParam('conferenceId') id: string, @Body() dto: ConferenceTransitionRequestDto): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'schedule', dto);
  }

  @Post(':conferenceId/start')
  @HttpCode(200)
  @transitionDoc('startConference', 'draft or scheduled → live.')
  start(@CurrentUser() user: AuthUser, @IdParam('conferenceId') id: string, @Body() dto: ConferenceTransitionRequestDto): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'start', dto);
  }

  @Post(':conferenceId/adjourn')
  @HttpCode(200)
  @transitionDoc('adjournConference', 'live → adjourned (a pause, with an optional reason); ends the current speaker\'s turn.')
  adjourn(@CurrentUser() user: AuthUser, @IdParam('conferenceId') id: string, @Body() dto: ConferenceTransitionRequestDto): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'adjourn', dto);
  }

  @Post(':conferenceId/resume')
  @HttpCode(200)
  @transitionDoc('resumeConference', 'adjourned → live.')
  resume(@CurrentUser() user: AuthUser, @IdParam('conferenceId') id: string, @Body() dto: ConferenceTransitionRequestDto): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'resume', dto);
  }

  @Post(':conferenceId/end')
  @HttpCode(200)
  @transitionDoc('endConference', 'live or adjourned → ended; ends the current speaker\'s turn.')
  end(@CurrentUser() user: AuthUser, @IdParam('conferenceId') id: string, @Body() dto: ConferenceTransitionRequestDto): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'end', dto);
  }

  @Post(':conferenceId/cancel')
  @HttpCode(200)
  @transitionDoc('cancelConference', 'draft or scheduled → cancelled; needs a reason.')
  cancel(@CurrentUser() user: AuthUser, @IdParam('conferenceId') id: string, @Body() dto: ConferenceTransitionRequestDto): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'cancel', dto);
  }
}
