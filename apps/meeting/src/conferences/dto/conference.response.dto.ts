import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  CONFERENCE_KINDS, CONFERENCE_STATUSES, PARTICIPANT_ROLES, type ConferenceKind, type ConferenceStatus, type ConferenceSummary,
  type ConferenceView, type ParticipantRole, type RoleAssignment,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class ConferenceResponseDto implements ConferenceView {
  @IdProperty() id!: string;
  @ApiProperty() title!: string;
  @EnumProperty(CONFERENCE_KINDS) kind!: ConferenceKind;
  @EnumProperty(CONFERENCE_STATUSES) status!: ConferenceStatus;
  @IdProperty() hostUnitId!: string;
  @ApiProperty() hostUnitName!: string;
  @TimeProperty() plannedStart!: string;
  @TimeProperty() plannedEnd!: string;
  @ApiProperty({ type: 'integer', description: 'Quorum as a fraction of convened delegates, e.g. 2/3.' }) quorumNumerator!: number;
  @ApiProperty({ type: 'integer' }) quorumDenominator!: number;
  @TimeProperty({ nullable: true }) startedAt!: string | null;
  @TimeProperty({ nullable: true }) endedAt!: string | null;
}

export class RoleAssignmentResponseDto implements RoleAssignment {
  @EnumProperty(PARTICIPANT_ROLES) role!: ParticipantRole;
  @IdProperty({ nullable: true, description: 'Where the role applies; null for conference-wide roles.' }) siteId!: string | null;
}

export class ConferenceSummaryResponseDto extends ConferenceResponseDto implements ConferenceSummary {
  @ApiProperty({ type: 'integer' }) siteCount!: number;
  @ApiProperty({ type: [RoleAssignmentResponseDto], description: 'The caller\'s roles in this conference.' }) myRoles!: RoleAssignmentResponseDto[];
}

/**
 * TODO(ConferenceSnapshot): the realtime model's snapshot is being reshaped (libs/contracts model/realtime);
 * once that lands, describe its sections here and make this class `implements ConferenceSnapshot`.
 */
@ApiSchema({
  description: 'Everything a site needs to draw the conference: `version`, `conference`, `sites`, `agenda`, `attendance`, '
    + '`floor`, as ConferenceSnapshot in libs/contracts. Its exact schema is to follow (it is being reshaped).',
})
export class ConferenceSnapshotResponseDto {}
