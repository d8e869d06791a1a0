import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DeskMessageView, DeskThreadView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { SendDeskMessageRequestDto } from './dto/desk.dto';
import { DeskMessageResponseDto, DeskThreadResponseDto } from './dto/desk.response.dto';
import { DeskService } from './desk.service';

@ApiTags('desk')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/desk')
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  @Get()
  @Endpoint({
    operationId: 'listDeskThreads', summary: 'The technical desk threads the caller may read, with unread counts (the main hall\'s desk: every site; a site\'s staff: their own).',
    response: [DeskThreadResponseDto], errors: [400, 401, 403, 404],
  })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<DeskThreadView[]> {
    return this.desk.list(user, conferenceId);
  }

  @Get(':siteId/messages')
  @Endpoint({ operationId: 'listDeskMessages', summary: 'The newest messages of one site\'s thread with the technical desk, oldest first.', response: [DeskMessageResponseDto], errors: [400, 401, 403, 404] })
  messages(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('siteId') siteId: string): Promise<DeskMessageView[]> {
    return this.desk.messages(user, conferenceId, siteId);
  }

  @Post(':siteId/messages')
  @Endpoint({
    operationId: 'sendDeskMessage', summary: 'Writes in one site\'s thread with the main hall\'s technical desk (that site\'s staff, or the desk).',
    response: DeskMessageResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  send(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('siteId') siteId: string,
    @Body() dto: SendDeskMessageRequestDto,
  ): Promise<DeskMessageView> {
    return this.desk.send(user, conferenceId, siteId, dto.text);
  }

  @Post(':siteId/read')
  @HttpCode(200)
  @Endpoint({ operationId: 'markDeskThreadRead', summary: 'Marks one site\'s thread read up to now for the caller.', response: DeskThreadResponseDto, errors: [400, 401, 403, 404] })
  markRead(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('siteId') siteId: string): Promise<DeskThreadView> {
    return this.desk.markRead(user, conferenceId, siteId);
  }
}
