import { PARTICIPANT_ROLES, ParticipantRole } from '@hoinghi/contracts';
import { BooleanField, EnumField, IdField } from '../../common/dto-fields';

export class AddParticipantRequestDto {
  @IdField()
  userId!: string;

  @EnumField(PARTICIPANT_ROLES)
  role!: ParticipantRole;

  @IdField({ optional: true, description: 'Required for site chairs, operators and delegates: where they attend.' })
  siteId?: string;

  @BooleanField({ optional: true, description: 'Delegates only; defaults to true.' })
  votingRight?: boolean;
}

export class UpdateParticipantRequestDto {
  @EnumField(PARTICIPANT_ROLES, { optional: true })
  role?: ParticipantRole;

  @IdField({ optional: true, description: 'Where they attend; required for site chairs, operators and delegates.' })
  siteId?: string;

  @BooleanField({ optional: true, description: 'Delegates only (others never vote).' })
  votingRight?: boolean;
}
