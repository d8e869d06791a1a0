import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PARTICIPANT_ROLES, ParticipantRole } from '@hoinghi/contracts';

export class AddParticipantRequestDto {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role!: ParticipantRole;

  @ApiPropertyOptional({ description: 'Required for site chairs, operators and delegates: where they attend.' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ description: 'Delegates only; defaults to true.' })
  @IsOptional()
  @IsBoolean()
  votingRight?: boolean;
}
