import { ApiProperty } from '@nestjs/swagger';
import { PARTICIPANT_ROLES, type ParticipantRole, type ParticipantView } from '@hoinghi/contracts';
import { EnumProperty, IdProperty } from '../../common/api-docs';

export class ParticipantResponseDto implements ParticipantView {
  @IdProperty() id!: string;
  @IdProperty() userId!: string;
  @ApiProperty() fullName!: string;
  @EnumProperty(PARTICIPANT_ROLES) role!: ParticipantRole;
  @IdProperty({ nullable: true }) siteId!: string | null;
  @ApiProperty() votingRight!: boolean;
}
