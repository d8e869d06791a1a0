import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsUUID } from 'class-validator';

export { AgendaItemRequestDto } from '../../conferences/dto/create-conference.dto';

export class ReorderAgendaRequestDto {
  @ApiProperty({ type: [String], description: 'Every item id of the agenda, in the new order.' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(200)
  itemIds!: string[];
}
