import { ORG_UNIT_LEVELS, OrgUnitLevel } from '@hoinghi/contracts';
import { DateTimeField, EnumField, IdField, TextField } from '../../common/dto-fields';

export class SearchOrgUnitsQueryDto {
  @TextField(100, { optional: true, description: 'Part of the name, with or without diacritics.', example: 'thap muoi' })
  q?: string;

  @IdField({ optional: true, description: 'Only the direct children of this unit.' })
  parentId?: string;
}

export class CreateOrgUnitRequestDto {
  @TextField(200, { example: 'Huyện ủy Tháp Mười' })
  name!: string;

  @EnumField(ORG_UNIT_LEVELS)
  level!: OrgUnitLevel;

  @IdField({ optional: true })
  parentId?: string;

  @DateTimeField({ optional: true, description: 'When the current term (nhiệm kỳ) began: the unit\'s minutes are numbered from 01 within it (a Party committee). Absent: per calendar year.', example: '2025-10-15T00:00:00+07:00' })
  termStartedAt?: string;
}

export class UpdateOrgUnitRequestDto {
  @TextField(200, { optional: true, example: 'Đảng ủy xã Mỹ An' })
  name?: string;

  @EnumField(ORG_UNIT_LEVELS, { optional: true, description: 'district is kept for units before the 2025 reform.' })
  level?: OrgUnitLevel;

  @IdField({ optional: true, description: 'The new parent unit; null makes it a root.' })
  parentId?: string | null;

  @DateTimeField({ optional: true, description: 'When a new term (nhiệm kỳ) began: minutes are numbered from 01 again; null: numbered per calendar year.', example: '2025-10-15T00:00:00+07:00' })
  termStartedAt?: string | null;
}
