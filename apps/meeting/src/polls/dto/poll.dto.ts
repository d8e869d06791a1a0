import {
  CHOICE_LABEL_SETS, CONFIDENCE_LEVELS, POLL_BASES, POLL_KINDS, POLL_LIMITS, POLL_THRESHOLDS, VOTE_CHOICES,
  type CastBallotRequest, type ChoiceLabelSet, type CreateRunoffRequest, type ConfidenceLevel, type CreatePollRequest, type PollBase, type PollKind, type PollThreshold,
  type VoteChoice,
} from '@hoinghi/contracts';
import {
  BooleanField, EnumField, IdempotencyKeyField, IdField, IdListField, IntField, NestedListField, TextField, TextListField,
} from '../../common/dto-fields';

export class CreatePollRequestDto implements CreatePollRequest {
  @IdField({ description: 'The agenda item the vote belongs to (e.g. "Thông qua các chỉ tiêu").' })
  agendaItemId!: string;

  @EnumField(POLL_KINDS, { description: '`open`: biểu quyết công khai; `confidence`: lấy phiếu tín nhiệm (secret); `election`: bầu cử bằng phiếu kín (secret).' })
  kind!: PollKind;

  @TextField(POLL_LIMITS.titleChars, { example: 'Thông qua chỉ tiêu: hằng năm 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên' })
  title!: string;

  @EnumField(CHOICE_LABEL_SETS, { optional: true, description: 'Open votes: `party` (default: tán thành / không tán thành / không biểu quyết) or `state` (đồng ý / không đồng ý / phiếu trắng).' })
  labelSet?: ChoiceLabelSet;

  @TextListField(POLL_LIMITS.options, POLL_LIMITS.optionChars, { optional: true, description: 'Confidence: the officials (name and post); election: the candidates. Not for open votes.' })
  options?: string[];

  @IntField(1, POLL_LIMITS.options, { optional: true, description: 'Election: seats, the most candidates a ballot may choose (default 1).' })
  maxChoices?: number;

  @EnumField(POLL_BASES, { optional: true, description: 'What shares are of (default `electorate`: every member summoned with a right to vote).' })
  base?: PollBase;

  @EnumField(POLL_THRESHOLDS, { optional: true, description: 'Default `more_than_half`; `two_thirds`: at least 2/3 of the base.' })
  threshold?: PollThreshold;

  @IntField(1, 1000, { optional: true, description: 'Presence needed to open, as a fraction of the electorate (default: the conference\'s quorum rule).' })
  quorumNumerator?: number;

  @IntField(1, 1000, { optional: true })
  quorumDenominator?: number;

  @BooleanField({ optional: true, description: 'Default true: an elector checked in after the poll opened may still vote while it is open.' })
  allowLateVoters?: boolean;
}

export class CreateRunoffRequestDto implements CreateRunoffRequest {
  @TextField(POLL_LIMITS.titleChars, { optional: true, example: 'Bầu lại 1 Ủy viên Ban Thường vụ', description: 'Default (also when empty): "Bầu lại: " and the election\'s title.' })
  title?: string;
}

export class RatingDto {
  @IdField({ description: 'An official of the poll.' })
  optionId!: string;

  @EnumField(CONFIDENCE_LEVELS, { description: '`high`: tín nhiệm cao; `medium`: tín nhiệm; `low`: tín nhiệm thấp.' })
  level!: ConfidenceLevel;
}

export class CastBallotRequestDto implements CastBallotRequest {
  @IdempotencyKeyField('Made by the client once per ballot and sent again on every retry of it: a resend answers the same receipt and counts nothing new.')
  idempotencyKey!: string;

  @EnumField(VOTE_CHOICES, { optional: true, description: 'Open vote: `yes`, `no` or `abstain` (the poll\'s labels say how they are worded).' })
  choice?: VoteChoice;

  @NestedListField(() => RatingDto, 'rating', 0, POLL_LIMITS.options, { optional: true, description: 'Confidence ballot: every official of the poll exactly once.' })
  ratings?: RatingDto[];

  @IdListField(POLL_LIMITS.options, { optional: true, description: 'Election: the chosen candidates, at most the poll\'s maxChoices; an empty list is a blank ballot.' })
  selected?: string[];
}

export class PollVotersQueryDto {
  @IdField({ optional: true, description: 'One site\'s electors (required for site staff; the leaders may leave it out for all).' })
  siteId?: string;
}
