import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ORG_UNIT_LEVELS, OrgUnitLevel } from '@hoinghi/contracts';

export class SearchOrgUnitsQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, with or without diacritics.', example: 'thap muoi' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only the direct children of this unit.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class CreateOrgUnitRequestDto {
  @ApiProperty({ example: 'Huyện ủy Tháp Mười' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORG_UNIT_LEVELS })
  @IsIn(ORG_UNIT_LEVELS)
  level!: OrgUnitLevel;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;
}
