import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ParticipantView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { AddParticipantRequestDto, UpdateParticipantRequestDto } from './dto/participant.dto';
import { ParticipantResponseDto } from './dto/participant.response.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('participants')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  @Endpoint({ operationId: 'listParticipants', summary: 'Everyone with a role in the conference.', response: [ParticipantResponseDto], errors: [400, 401, 403, 404] })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<ParticipantView[]> {
    return this.participants.list(user, conferenceId);
  }

  @Post()
  @Endpoint({
    operationId: 'addParticipant', summary: 'Gives a person a role (at a site, for site roles and delegates).',
    response: ParticipantResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  add(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @Body() dto: AddParticipantRequestDto,
  ): Promise<ParticipantView> {
    return this.participants.add(user, conferenceId, dto);
  }

  @Patch(':participantId')
  @Endpoint({
    operationId: 'updateParticipant', summary: 'Changes a person\'s role, site or voting right (the organisers; role and site stay once they have records).',
    response: ParticipantResponseDto, errors: [400, 401, 403, 404, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('participantId') participantId: string,
    @Body() dto: UpdateParticipantRequestDto,
  ): Promise<ParticipantView> {
    return this.participants.update(user, conferenceId, participantId, dto);
  }

  @Delete(':participantId')
  @HttpCode(204)
  @Endpoint({
    operationId: 'removeParticipant', summary: 'Takes a role away (the organisers; not from someone with records, nor the last chair).',
    response: null, errors: [400, 401, 403, 404, 409],
  })
  remove(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('participantId') participantId: string): Promise<void> {
    return this.participants.remove(user, conferenceId, participantId);
  }
}
