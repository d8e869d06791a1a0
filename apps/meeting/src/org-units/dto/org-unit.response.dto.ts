import { ApiProperty } from '@nestjs/swagger';
import { ORG_UNIT_LEVELS, type OrgUnitLevel, type OrgUnitView } from '@hoinghi/contracts';
import { EnumProperty, IdProperty } from '../../common/api-docs';

export class OrgUnitResponseDto implements OrgUnitView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @EnumProperty(ORG_UNIT_LEVELS) level!: OrgUnitLevel;
  @IdProperty({ nullable: true }) parentId!: string | null;
}
