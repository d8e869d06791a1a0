import { ApiProperty } from '@nestjs/swagger';
import { ORG_UNIT_LEVELS, type OrgUnitLevel, type OrgUnitView } from '@hoinghi/contracts';
import { EnumProperty, IdProperty } from '../../common/api-docs';

export class OrgUnitResponseDto implements OrgUnitView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @EnumProperty(ORG_UNIT_LEVELS) level!: OrgUnitLevel;
  @IdProperty({ nullable: true }) parentId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current term (nhiệm kỳ) began; minutes are numbered from 01 within it. Null: per calendar year.' })
  termStartedAt!: string | null;
}
