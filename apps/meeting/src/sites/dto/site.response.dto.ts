import { ApiProperty } from '@nestjs/swagger';
import type { SiteView } from '@hoinghi/contracts';
import { IdProperty } from '../../common/api-docs';

export class SiteResponseDto implements SiteView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() place!: string;
  @IdProperty() orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @IdProperty({ nullable: true, description: 'The site it relays from; null for the main site.' }) parentSiteId!: string | null;
  @ApiProperty() isMain!: boolean;
}
