import { ApiProperty } from '@nestjs/swagger';
import {
  POLL_BASES, POLL_KINDS, POLL_STATUSES, POLL_THRESHOLDS, VOTE_CHOICES, type BallotReceipt, type OpenVoteTally, type PollBase,
  type PollElectorate, type PollKind, type PollOption, type PollResult, type PollsSection, type PollStatus, type PollThreshold,
  type PollTurnout, type PollView, type PollVoterView, type VoteChoice,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

const COUNTS = { type: 'object', properties: { yes: { type: 'integer' }, no: { type: 'integer' }, abstain: { type: 'integer' } } } as const;

export class PollOptionResponseDto implements PollOption {
  @ApiProperty({ description: 'Made when the poll is created; ballots name options by it.' }) id!: string;
  @ApiProperty() label!: string;
}

export class PollElectorateResponseDto implements PollElectorate {
  @ApiProperty({ type: 'integer', description: 'Members summoned with a right to vote.' }) electorate!: number;
  @ApiProperty({ type: 'integer', description: 'Of them, absent with a reason when the poll opened.' }) excused!: number;
  @ApiProperty({ type: 'integer', description: 'Of them, present when the poll opened.' }) presentAtOpen!: number;
}

export class PollTurnoutResponseDto implements PollTurnout {
  @IdProperty() pollId!: string;
  @ApiProperty({ type: 'integer' }) voted!: number;
  @ApiProperty({ type: 'integer' }) electorate!: number;
}

export class PollResponseDto implements PollView {
  @IdProperty() id!: string;
  @IdProperty() agendaItemId!: string;
  @EnumProperty(POLL_KINDS) kind!: PollKind;
  @ApiProperty({ description: 'Confidence ballots and elections: no ballot can be linked to its voter.' }) secret!: boolean;
  @ApiProperty() title!: string;
  @ApiProperty({ ...COUNTS, properties: { yes: { type: 'string' }, no: { type: 'string' }, abstain: { type: 'string' } }, description: 'The words of each choice of an open vote.' })
  labels!: Record<VoteChoice, string>;
  @ApiProperty({ type: [PollOptionResponseDto], description: 'Officials (confidence) or candidates (election).' }) options!: PollOptionResponseDto[];
  @ApiProperty({ type: 'integer' }) maxChoices!: number;
  @EnumProperty(POLL_BASES) base!: PollBase;
  @EnumProperty(POLL_THRESHOLDS) threshold!: PollThreshold;
  @ApiProperty({ type: 'integer' }) quorumNumerator!: number;
  @ApiProperty({ type: 'integer' }) quorumDenominator!: number;
  @ApiProperty() allowLateVoters!: boolean;
  @EnumProperty(POLL_STATUSES) status!: PollStatus;
  @ApiProperty({ type: PollElectorateResponseDto, nullable: true, description: 'Frozen when the poll opened.' }) electorate!: PollElectorateResponseDto | null;
  @ApiProperty({ type: PollTurnoutResponseDto }) turnout!: PollTurnoutResponseDto;
  @TimeProperty({ nullable: true }) openedAt!: string | null;
  @TimeProperty({ nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: 'object', nullable: true, additionalProperties: true,
    description: 'Once published (never changes): `kind`, `base`, `threshold`, `baseCount`, `required`, `cast`, `electorate`, `lateVoters`, and per kind: '
      + 'open — `counts`, `percents` (of the base), `passed`; confidence — `officials` with counts, percents, `lowOverHalf`, `lowTwoThirds`; '
      + 'election — `seats`, `candidates` by descending votes with `outcome` (elected, tied, not_elected), `tie`. See PollResult in libs/contracts.',
  })
  result!: PollResult | null;
  @IdProperty({ nullable: true, description: 'A re-vote among candidates tied at the last seat: the election it resolves.' }) runoffOf!: string | null;
}

export class BallotReceiptResponseDto implements BallotReceipt {
  @IdProperty({ description: 'Proves the ballot was recorded; says nothing about what it chose.' }) receiptId!: string;
  @IdProperty() pollId!: string;
  @EnumProperty(['recorded'], { description: 'Committed in PostgreSQL: it will be counted exactly once.' }) status!: 'recorded';
}

export class PollVoterResponseDto implements PollVoterView {
  @IdProperty() participantId!: string;
  @ApiProperty() fullName!: string;
  @IdProperty({ nullable: true }) siteId!: string | null;
  @ApiProperty() voted!: boolean;
  @EnumProperty(VOTE_CHOICES, { description: 'Open votes, to the leaders only. Never for a secret ballot.' }) choice?: VoteChoice;
}

export class OpenVoteTallyResponseDto implements OpenVoteTally {
  @IdProperty() pollId!: string;
  @ApiProperty(COUNTS) counts!: Record<VoteChoice, number>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Per site: siteId, electors, voted, counts.' })
  perSite!: OpenVoteTally['perSite'];
}

export class PollsSectionResponseDto implements PollsSection {
  @ApiProperty({ type: [PollResponseDto] }) items!: PollResponseDto[];
  @ApiProperty({ type: [OpenVoteTallyResponseDto], description: 'The leaders: the open vote\'s live tally.' }) tallies!: OpenVoteTallyResponseDto[];
  @ApiProperty({ type: [BallotReceiptResponseDto], description: 'The viewer\'s own receipts.' }) myReceipts!: BallotReceiptResponseDto[];
  @ApiProperty({ type: 'object', properties: { turnout: { type: 'integer' }, tally: { type: 'integer' } }, description: 'Versions the turnouts and tallies are as of.' })
  asOf!: { turnout: number; tally: number };
}
