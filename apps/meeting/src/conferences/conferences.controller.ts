import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConferenceSnapshot, ConferenceSummary, ConferenceView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ConferencesService } from './conferences.service';
import { CreateConferenceRequestDto } from './dto/create-conference.dto';

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(private readonly conferences: ConferencesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<ConferenceSummary[]> {
    return this.conferences.list(user);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateConferenceRequestDto): Promise<ConferenceSnapshot> {
    return this.conferences.create(user, dto);
  }

  @Get(':conferenceId')
  get(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<ConferenceSnapshot> {
    return this.conferences.get(user, conferenceId);
  }

  // One route per action: a catch-all `:action` segment would shadow the sub-resources
  // (participants, sites, agenda, …) that other controllers mount under a conference.
  @Post(':conferenceId/schedule')
  @HttpCode(200)
  schedule(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) id: string): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'schedule');
  }

  @Post(':conferenceId/start')
  @HttpCode(200)
  start(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) id: string): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'start');
  }

  @Post(':conferenceId/adjourn')
  @HttpCode(200)
  adjourn(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) id: string): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'adjourn');
  }

  @Post(':conferenceId/resume')
  @HttpCode(200)
  resume(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) id: string): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'resume');
  }

  @Post(':conferenceId/end')
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) id: string): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'end');
  }

  @Post(':conferenceId/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) id: string): Promise<ConferenceView> {
    return this.conferences.transition(user, id, 'cancel');
  }
}
