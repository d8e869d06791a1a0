import { IdField, IntField, TextField } from '../../common/dto-fields';

export class FloorRequestRequestDto {
  @IdField({ description: 'The site asking for the floor.' })
  siteId!: string;

  @IdField({ optional: true, description: 'The delegate who will speak; omit when the site asks.' })
  participantId?: string;

  @TextField(500, { optional: true, example: 'Kiến nghị về cán bộ không chuyên trách ở ấp, khóm' })
  note?: string;

  @IdField({ optional: true, description: 'The topic as a draft section (of a current version of a draft put to this conference), beside or instead of `note`.' })
  sectionId?: string;
}

export class FloorLimitRequestDto {
  @IntField(30, 3600, { optional: true, description: 'Seconds this speaker may speak; omit or null for no limit.', example: 300 })
  limitSeconds?: number | null;
}

export class MoveFloorRequestDto {
  @IntField(1, 10000, { description: '1-based place in the queue.', example: 1 })
  position!: number;
}
