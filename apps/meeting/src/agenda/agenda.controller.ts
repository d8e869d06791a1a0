import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AgendaItemView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { AgendaService } from './agenda.service';
import { AgendaItemResponseDto } from './dto/agenda-item.response.dto';
import { AgendaItemControlRequestDto, AgendaItemRequestDto, NextAgendaItemRequestDto, ReorderAgendaRequestDto } from './dto/agenda.dto';

/** A change to the running agenda: the chair's (agenda.control), only while live; answers the whole agenda. */
const runDoc = (operationId: string, summary: string) =>
  Endpoint({ operationId, summary, response: [AgendaItemResponseDto], errors: [400, 401, 403, 404, 409] });

@ApiTags('agenda')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/agenda')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Post()
  @Endpoint({ operationId: 'addAgendaItem', summary: 'Appends an item to the agenda.', response: AgendaItemResponseDto, status: 201, errors: [400, 401, 403, 404, 409] })
  add(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @Body() dto: AgendaItemRequestDto,
  ): Promise<AgendaItemView> {
    return this.agenda.add(user, conferenceId, dto);
  }

  @Put('order')
  @Endpoint({
    operationId: 'reorderAgenda', summary: 'Puts the items in a new order; items that have started keep their place.',
    response: [AgendaItemResponseDto], errors: [400, 401, 403, 404, 409],
  })
  reorder(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @Body() dto: ReorderAgendaRequestDto,
  ): Promise<AgendaItemView[]> {
    return this.agenda.reorder(user, conferenceId, dto.itemIds);
  }

  @Post('next')
  @HttpCode(200)
  @runDoc('nextAgendaItem', 'Finishes the item in progress and starts the next pending one.')
  next(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: NextAgendaItemRequestDto): Promise<AgendaItemView[]> {
    return this.agenda.next(user, conferenceId, dto.expectedActiveItemId === undefined ? null : { activeItemId: dto.expectedActiveItemId });
  }

  @Post(':itemId/start')
  @HttpCode(200)
  @runDoc('startAgendaItem', 'Starts a pending item (one item in progress at a time).')
  start(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: AgendaItemControlRequestDto,
  ): Promise<AgendaItemView[]> {
    return this.agenda.transition(user, conferenceId, itemId, 'start', dto);
  }

  @Post(':itemId/complete')
  @HttpCode(200)
  @runDoc('completeAgendaItem', 'Marks the item in progress done.')
  complete(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: AgendaItemControlRequestDto,
  ): Promise<AgendaItemView[]> {
    return this.agenda.transition(user, conferenceId, itemId, 'complete', dto);
  }

  @Post(':itemId/skip')
  @HttpCode(200)
  @runDoc('skipAgendaItem', 'Skips a pending item or cuts the one in progress short; needs a reason (for the minutes).')
  skip(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: AgendaItemControlRequestDto,
  ): Promise<AgendaItemView[]> {
    return this.agenda.transition(user, conferenceId, itemId, 'skip', dto);
  }

  @Post(':itemId/reopen')
  @HttpCode(200)
  @runDoc('reopenAgendaItem', 'Reopens a done or skipped item: pending again, to start or reach with "next"; needs a reason (for the minutes).')
  reopen(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('itemId') itemId: string,
    @Body() dto: AgendaItemControlRequestDto,
  ): Promise<AgendaItemView[]> {
    return this.agenda.transition(user, conferenceId, itemId, 'reopen', dto);
  }
}
