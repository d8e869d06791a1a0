import { IdListField } from '../../common/dto-fields';

export { AgendaItemRequestDto } from '../../conferences/dto/create-conference.dto';

export class ReorderAgendaRequestDto {
  @IdListField(200, { description: 'Every item id of the agenda, in the new order.' })
  itemIds!: string[];
}
