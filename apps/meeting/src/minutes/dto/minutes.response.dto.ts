import { ApiProperty } from '@nestjs/swagger';
import {
  MINUTES_BUSINESS_CHANGES, MINUTES_STATUSES, type MinutesAbsentee, type MinutesBusinessChange, type MinutesBusinessChangeKind, type MinutesDraftFact, type MinutesGuest, type MinutesDiffView, type MinutesFacts, type MinutesItemView, type MinutesSpeaker,
  type MinutesStatus, type MinutesTask, type MinutesVersionSummary, type MinutesVersionView, type MinutesVote, POLL_KINDS, type PollKind, type PollResult,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

const Int = (description?: string) => ApiProperty({ type: 'integer', description });
const NullableText = (description?: string) => ApiProperty({ type: String, nullable: true, description });

export class MinutesSpeakerResponseDto implements MinutesSpeaker {
  @IdProperty({ nullable: true, description: 'The floor request (floor log) the speaker came from.' }) floorRequestId!: string | null;
  @ApiProperty() fullName!: string;
  @ApiProperty() siteName!: string;
  @TimeProperty({ nullable: true }) startedAt!: string | null;
  @TimeProperty({ nullable: true }) endedAt!: string | null;
  @ApiProperty() summary!: string;
}

export class MinutesTaskResponseDto implements MinutesTask {
  @ApiProperty() unit!: string;
  @ApiProperty() task!: string;
  @NullableText('yyyy-mm-dd') due!: string | null;
}

export class MinutesItemResponseDto implements MinutesItemView {
  @IdProperty() agendaItemId!: string;
  @Int() position!: number;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [MinutesSpeakerResponseDto] }) speakers!: MinutesSpeakerResponseDto[];
  @ApiProperty() conclusion!: string;
  @ApiProperty({ type: [MinutesTaskResponseDto] }) tasks!: MinutesTaskResponseDto[];
  @Int('Send it back with an edit: a newer one means someone else edited meanwhile (409).') revision!: number;
  @TimeProperty({ nullable: true }) updatedAt!: string | null;
  @NullableText() updatedByName!: string | null;
}

class MinutesAbsenteeResponseDto implements MinutesAbsentee {
  @ApiProperty() fullName!: string;
  @NullableText() reason!: string | null;
}

class MinutesSiteAttendanceResponseDto {
  @ApiProperty() siteName!: string;
  @Int() convened!: number;
  @Int() present!: number;
  @ApiProperty({ type: [MinutesAbsenteeResponseDto] }) absentees!: MinutesAbsenteeResponseDto[];
}

class MinutesGuestResponseDto implements MinutesGuest {
  @ApiProperty() fullName!: string;
  @NullableText('The site they attend at.') siteName!: string | null;
}

class MinutesAttendanceResponseDto {
  @Int() convened!: number;
  @Int() present!: number;
  @Int() late!: number;
  @Int() absent!: number;
  @ApiProperty({ type: [MinutesSiteAttendanceResponseDto] }) perSite!: MinutesSiteAttendanceResponseDto[];
  @ApiProperty({ type: [MinutesGuestResponseDto], description: 'Invited guests (the conference\'s observers).' }) guests!: MinutesGuestResponseDto[];
}

class MinutesQuorumResponseDto {
  @Int() convened!: number;
  @Int() present!: number;
  @ApiProperty() met!: boolean;
}

class MinutesDispositionCountsResponseDto {
  @Int() accepted!: number;
  @Int() partly_accepted!: number;
  @Int() explained!: number;
  @Int('Not yet decided.') pending!: number;
}

class MinutesDraftFactResponseDto implements MinutesDraftFact {
  @ApiProperty() title!: string;
  @Int() version!: number;
  @Int() comments!: number;
  @Int() sites!: number;
  @Int('The consolidation points the comments were grouped into.') points!: number;
  @ApiProperty({ type: MinutesDispositionCountsResponseDto }) byDisposition!: MinutesDispositionCountsResponseDto;
}

class MinutesVoteResponseDto implements MinutesVote {
  @IdProperty() pollId!: string;
  @IdProperty() agendaItemId!: string;
  @ApiProperty() title!: string;
  @EnumProperty(POLL_KINDS) kind!: PollKind;
  @ApiProperty() secret!: boolean;
  @ApiProperty({ type: Object, description: 'An open vote\'s words for yes, no, abstain.' }) labels!: MinutesVote['labels'];
  @ApiProperty({ type: Object, description: 'The published PollResult (see the polls routes): counts, percentages of the base, the rule, passed or not.' }) result!: PollResult;
}

class MinutesBusinessChangeResponseDto implements MinutesBusinessChange {
  @EnumProperty(MINUTES_BUSINESS_CHANGES) kind!: MinutesBusinessChangeKind;
  @TimeProperty() at!: string;
  @IdProperty({ nullable: true, description: 'The item skipped or reopened; null for the conference\'s own changes.' }) agendaItemId!: string | null;
  @NullableText('The chair\'s reason (required to skip, reopen or cancel; optional to adjourn).') reason!: string | null;
}

export class MinutesFactsResponseDto implements MinutesFacts {
  @ApiProperty() conferenceTitle!: string;
  @ApiProperty({ description: 'The issuing body (the host unit).' }) hostUnit!: string;
  @NullableText('The body above the issuing body.') superiorBody!: string | null;
  @ApiProperty({ description: 'The main site.' }) place!: string;
  @ApiProperty({ description: 'Where the main site is (the place on the date line).' }) locality!: string;
  @ApiProperty({ type: [String] }) connectedSites!: string[];
  @TimeProperty() plannedStart!: string;
  @TimeProperty({ nullable: true }) startedAt!: string | null;
  @TimeProperty({ nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: [String] }) chairs!: string[];
  @ApiProperty({ type: [String] }) recorders!: string[];
  @ApiProperty({ type: MinutesAttendanceResponseDto }) attendance!: MinutesAttendanceResponseDto;
  @ApiProperty({ type: MinutesQuorumResponseDto, nullable: true }) quorumAtOpening!: MinutesQuorumResponseDto | null;
  @ApiProperty({ type: [MinutesVoteResponseDto], description: 'Each vote with a published result, as held.' }) votes!: MinutesVoteResponseDto[];
  @ApiProperty({ type: [MinutesDraftFactResponseDto] }) drafts!: MinutesDraftFactResponseDto[];
  @ApiProperty({ type: [MinutesBusinessChangeResponseDto], description: 'Items skipped or reopened, the conference adjourned, resumed or cancelled, in order, with the chair\'s reasons (from the audit trail).' })
  businessChanges!: MinutesBusinessChangeResponseDto[];
}

export class MinutesVersionSummaryResponseDto implements MinutesVersionSummary {
  @Int() version!: number;
  @EnumProperty(MINUTES_STATUSES) status!: MinutesStatus;
  @NullableText('Số …-BB/…') documentNumber!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) corrects!: number | null;
  @NullableText() correctionReason!: string | null;
  @TimeProperty({ nullable: true }) publishedAt!: string | null;
  @NullableText('SHA-256 (hex) of the canonical content.') sha256!: string | null;
}

export class MinutesVersionResponseDto implements MinutesVersionView {
  @IdProperty() conferenceId!: string;
  @Int() version!: number;
  @EnumProperty(MINUTES_STATUSES) status!: MinutesStatus;
  @NullableText('Số …-BB/…') documentNumber!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) corrects!: number | null;
  @NullableText() correctionReason!: string | null;
  @NullableText() returnReason!: string | null;
  @TimeProperty({ nullable: true }) submittedAt!: string | null;
  @TimeProperty({ nullable: true }) approvedAt!: string | null;
  @NullableText() approvedByName!: string | null;
  @TimeProperty({ nullable: true }) publishedAt!: string | null;
  @NullableText('SHA-256 (hex) of the canonical content.') sha256!: string | null;
  @ApiProperty({ type: MinutesFactsResponseDto }) facts!: MinutesFactsResponseDto;
  @ApiProperty({ type: [MinutesItemResponseDto] }) items!: MinutesItemResponseDto[];
  @ApiProperty({ description: 'A published version whose sources (attendance, people, drafts) changed after publication.' }) sourcesChanged!: boolean;
}

class MinutesItemChangeResponseDto {
  @IdProperty() agendaItemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String], enum: ['summary', 'speakers', 'conclusion', 'tasks'] }) changed!: Array<'summary' | 'speakers' | 'conclusion' | 'tasks'>;
  @ApiProperty({ type: MinutesItemResponseDto, nullable: true }) before!: MinutesItemResponseDto | null;
  @ApiProperty({ type: MinutesItemResponseDto, nullable: true }) after!: MinutesItemResponseDto | null;
}

export class MinutesDiffResponseDto implements MinutesDiffView {
  @Int() from!: number;
  @Int() to!: number;
  @ApiProperty({ type: [MinutesItemChangeResponseDto] }) items!: MinutesItemChangeResponseDto[];
  @ApiProperty() factsChanged!: boolean;
}
