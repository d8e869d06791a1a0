import { ApiProperty } from '@nestjs/swagger';
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_STATES, type AgendaItemKind, type AgendaItemState, type AgendaItemView } from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class AgendaItemResponseDto implements AgendaItemView {
  @IdProperty() id!: string;
  @ApiProperty({ type: 'integer', description: '1-based place in the agenda.' }) position!: number;
  @ApiProperty() title!: string;
  @EnumProperty(AGENDA_ITEM_KINDS) kind!: AgendaItemKind;
  @ApiProperty() presenter!: string;
  @ApiProperty({ type: 'integer' }) plannedMinutes!: number;
  @EnumProperty(AGENDA_ITEM_STATES) state!: AgendaItemState;
  @TimeProperty({ nullable: true }) startedAt!: string | null;
  @TimeProperty({ nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The chair\'s reason for the last skip or reopening (for the minutes); null otherwise.' }) stateReason!: string | null;
}
