import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export class FloorRequestRequestDto {
  @ApiProperty({ description: 'The site asking for the floor.' })
  @IsUUID()
  siteId!: string;

  @ApiPropertyOptional({ description: 'The delegate who will speak; omit when the site asks.' })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiPropertyOptional({ example: 'Kiến nghị về cán bộ không chuyên trách ở ấp, khóm' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MoveFloorRequestDto {
  @ApiProperty({ description: '1-based place in the queue.', example: 1 })
  @IsInt()
  @Min(1)
  position!: number;
}
