import { Body, Controller, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConferenceSnapshot, ConferenceView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { ConferenceResponseDto, ConferenceSnapshotResponseDto } from '../conferences/dto/conference.response.dto';
import { ConferenceSetupService } from './conference-setup.service';
import { CopyConferenceRequestDto, UpdateConferenceRequestDto } from './dto/conference-setup.dto';

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class ConferenceSetupController {
  constructor(private readonly setup: ConferenceSetupService) {}

  @Patch()
  @Endpoint({
    operationId: 'updateConference',
    summary: 'Changes the title, planned times or quorum rule (the organisers); once live only the title and planned end (409 CONFERENCE_ALREADY_STARTED), never once ended.',
    response: ConferenceResponseDto, errors: [400, 401, 403, 404, 409],
  })
  update(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: UpdateConferenceRequestDto): Promise<ConferenceView> {
    return this.setup.update(user, conferenceId, dto);
  }

  @Post('copy')
  @Endpoint({
    operationId: 'copyConference', summary: 'A new draft conference with this one\'s sites, agenda and participants, under a new title and dates; the caller chairs it.',
    response: ConferenceSnapshotResponseDto, status: 201, errors: [400, 401, 403, 404],
  })
  copy(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: CopyConferenceRequestDto): Promise<ConferenceSnapshot> {
    return this.setup.copy(user, conferenceId, dto);
  }
}
