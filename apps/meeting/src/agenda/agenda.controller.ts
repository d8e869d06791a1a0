import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AgendaItemView } from '@hoinghi/contracts';
import { invalid } from '@hoinghi/domain';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AgendaService } from './agenda.service';
import { AgendaItemRequestDto, ReorderAgendaRequestDto } from './dto/agenda.dto';

const TRANSITIONS = ['start', 'complete', 'skip'] as const;

@ApiTags('agenda')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/agenda')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Post()
  add(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Body() dto: AgendaItemRequestDto,
  ): Promise<AgendaItemView> {
    return this.agenda.add(user, conferenceId, dto);
  }

  @Put('order')
  reorder(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Body() dto: ReorderAgendaRequestDto,
  ): Promise<AgendaItemView[]> {
    return this.agenda.reorder(user, conferenceId, dto.itemIds);
  }

  @Post('next')
  @HttpCode(200)
  next(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<AgendaItemView[]> {
    return this.agenda.next(user, conferenceId);
  }

  @Post(':itemId/:transition')
  @HttpCode(200)
  @ApiParam({ name: 'transition', enum: TRANSITIONS })
  transition(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Param('itemId', ParseIdPipe) itemId: string,
    @Param('transition') transition: string,
  ): Promise<AgendaItemView[]> {
    const known = TRANSITIONS.find((t) => t === transition);
    if (!known) throw invalid('VALIDATION_FAILED', `transition must be one of: ${TRANSITIONS.join(', ')}.`);
    return this.agenda.transition(user, conferenceId, itemId, known);
  }
}
