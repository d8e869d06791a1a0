import { ORG_UNIT_LEVELS, OrgUnitLevel } from '@hoinghi/contracts';
import { EnumField, IdField, TextField } from '../../common/dto-fields';

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
}

export class UpdateOrgUnitRequestDto {
  @TextField(200, { optional: true, example: 'Đảng ủy xã Mỹ An' })
  name?: string;

  @EnumField(ORG_UNIT_LEVELS, { optional: true, description: 'district is kept for units before the 2025 reform.' })
  level?: OrgUnitLevel;

  @IdField({ optional: true, description: 'The new parent unit; null makes it a root.' })
  parentId?: string | null;
}
