import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class AddSiteRequestDto {
  @ApiProperty({ example: 'Điểm cầu Huyện Lấp Vò' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @ApiProperty()
  @IsUUID()
  orgUnitId!: string;

  @ApiPropertyOptional({ description: 'The site this one is relayed through; the main site when omitted.' })
  @IsOptional()
  @IsUUID()
  parentSiteId?: string;
}
