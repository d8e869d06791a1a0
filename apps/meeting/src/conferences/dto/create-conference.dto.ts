import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength,
  Min, ValidateNested,
} from 'class-validator';
import {
  AGENDA_ITEM_KINDS, AgendaItemKind, AgendaItemRequest, CONFERENCE_KINDS, ConferenceKind, CreateConferenceRequest, CreateSiteRequest,
} from '@hoinghi/contracts';

export class CreateSiteRequestDto implements CreateSiteRequest {
  @ApiProperty({ description: 'A key, unique in this request, that other sites use as parentKey.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  key!: string;

  @ApiProperty({ example: 'Điểm cầu Huyện Tháp Mười' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Hội trường Huyện ủy Tháp Mười' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @ApiProperty()
  @IsUUID()
  orgUnitId!: string;

  @ApiPropertyOptional({ description: 'The key of the site this one is relayed through.' })
  @IsOptional()
  @IsString()
  parentKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isMain?: boolean;
}

export class AgendaItemRequestDto implements AgendaItemRequest {
  @ApiProperty({ example: 'Quán triệt Nghị quyết' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  presenter?: string;

  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(600)
  plannedMinutes!: number;
}

export class CreateConferenceRequestDto implements CreateConferenceRequest {
  @ApiProperty({ example: 'Hội nghị trực tuyến góp ý dự thảo văn bản' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: CONFERENCE_KINDS })
  @IsIn(CONFERENCE_KINDS)
  kind!: ConferenceKind;

  @ApiProperty()
  @IsUUID()
  hostUnitId!: string;

  @ApiProperty({ example: '2026-11-23T01:30:00.000Z' })
  @IsDateString()
  plannedStart!: string;

  @ApiProperty({ example: '2026-11-23T04:30:00.000Z' })
  @IsDateString()
  plannedEnd!: string;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  quorumNumerator?: number;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  quorumDenominator?: number;

  @ApiProperty({ type: [CreateSiteRequestDto] })
  @ValidateNested({ each: true })
  @Type(() => CreateSiteRequestDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  sites!: CreateSiteRequestDto[];

  @ApiProperty({ type: [AgendaItemRequestDto] })
  @ValidateNested({ each: true })
  @Type(() => AgendaItemRequestDto)
  @ArrayMaxSize(200)
  agenda!: AgendaItemRequestDto[];
}
