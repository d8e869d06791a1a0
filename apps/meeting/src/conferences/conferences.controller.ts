import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ConferenceSnapshot, ConferenceSummary, ConferenceView } from '@hoinghi/contracts';
import { ConferenceAction, invalid } from '@hoinghi/domain';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ConferencesService } from './conferences.service';
import { CreateConferenceRequestDto } from './dto/create-conference.dto';

const ACTIONS: ConferenceAction[] = ['schedule', 'start', 'adjourn', 'resume', 'end', 'cancel'];

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

  @Post(':conferenceId/:action')
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: ACTIONS })
  transition(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('action') action: string,
  ): Promise<ConferenceView> {
    if (!ACTIONS.includes(action as ConferenceAction)) {
      throw invalid('VALIDATION_FAILED', `action must be one of: ${ACTIONS.join(', ')}.`);
    }
    return this.conferences.transition(user, conferenceId, action as ConferenceAction);
  }
}
