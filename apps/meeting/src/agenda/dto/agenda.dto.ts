import { AGENDA_ITEM_STATES, type AgendaItemState } from '@hoinghi/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { REASON_MAX_LENGTH } from '@hoinghi/domain';
import { EnumField, IdListField, TextField } from '../../common/dto-fields';

export { AgendaItemRequestDto } from '../../conferences/dto/create-conference.dto';

export class ReorderAgendaRequestDto {
  @IdListField(200, { description: 'Every item id of the agenda, in the new order.' })
  itemIds!: string[];
}

/** "Next", as the chair saw the agenda: a stale view gets 409 AGENDA_CHANGED instead of moving twice. */
export class NextAgendaItemRequestDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, required: false, description: 'The item in progress when the chair pressed "next" (null: none). Absent: no check.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID or null' })
  expectedActiveItemId?: string | null;
}

/** Start, complete, skip or reopen, as the chair saw the item: a stale view gets 409 AGENDA_CHANGED. */
export class AgendaItemControlRequestDto {
  @EnumField(AGENDA_ITEM_STATES, { optional: true, description: 'The item\'s state when the chair pressed. Absent: no check.' })
  expectedState?: AgendaItemState;

  @TextField(REASON_MAX_LENGTH, {
    optional: true,
    description: 'Required to skip or reopen (400 REASON_REQUIRED without it), for the minutes; refused by start and complete. Kept in the audit line and as the item\'s stateReason.',
    example: 'Chuyển sang phiên chiều',
  })
  reason?: string;
}
