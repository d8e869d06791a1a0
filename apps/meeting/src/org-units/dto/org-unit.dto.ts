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
