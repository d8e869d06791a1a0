import { MinutesVersionSummaryResponseDto } from '../../minutes/dto/minutes.response.dto';
import { DeskThreadResponseDto } from '../../desk/dto/desk.response.dto';
import { MediaControlsResponseDto } from '../../media-controls/dto/media-controls.dto';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  CONFERENCE_KINDS, CONFERENCE_STATUSES, PARTICIPANT_ROLES, type ConferenceKind, type ConferenceStatus, type ConferenceSummary,
  type ConferenceSnapshot, type ConferenceView, type ParticipantRole, type RoleAssignment, type ViewerScope,
} from '@hoinghi/contracts';
import { AgendaItemResponseDto } from '../../agenda/dto/agenda-item.response.dto';
import { AttendanceRecordResponseDto, AttendanceSummaryResponseDto } from '../../attendance/dto/attendance.response.dto';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';
import { CommentsSectionResponseDto } from '../../comments/dto/comment.response.dto';
import { ConsolidationPointResponseDto } from '../../consolidation/dto/consolidation.response.dto';
import { DraftSummaryResponseDto } from '../../drafts/dto/draft.response.dto';
import { FloorStateResponseDto } from '../../floor/dto/floor.response.dto';
import { PollsSectionResponseDto } from '../../polls/dto/poll.response.dto';
import { SiteResponseDto } from '../../sites/dto/site.response.dto';

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
  @ApiProperty({ type: String, nullable: true, description: 'Why it was cancelled, or why it is paused (adjourned); null otherwise.' }) statusReason!: string | null;
}

export class RoleAssignmentResponseDto implements RoleAssignment {
  @EnumProperty(PARTICIPANT_ROLES) role!: ParticipantRole;
  @IdProperty({ nullable: true, description: 'Where the role applies; null for conference-wide roles.' }) siteId!: string | null;
}

export class ConferenceSummaryResponseDto extends ConferenceResponseDto implements ConferenceSummary {
  @ApiProperty({ type: 'integer' }) siteCount!: number;
  @ApiProperty({ type: [RoleAssignmentResponseDto], description: 'The caller\'s roles in this conference.' }) myRoles!: RoleAssignmentResponseDto[];
}

export class ViewerScopeResponseDto implements ViewerScope {
  @IdProperty() userId!: string;
  @ApiProperty({ description: 'Chair, co-chair or secretary: sees every site\'s counts and the whole floor queue.' }) leader!: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Sites the caller attends at in any role.' }) siteIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Sites the caller runs (site chair, operator): their delegates\' records, their desk thread.' }) staffSiteIds!: string[];
  @ApiProperty({ description: 'The main hall\'s technical desk (chair, co-chair, the main site\'s chair and operators): every site\'s desk thread.' }) desk!: boolean;
}

@ApiSchema({
  description: 'What the caller needs to draw the conference, cut to what their roles let them see (`scope`): the chairs and '
    + 'secretariat get every site; a site gets itself, the main site, the agenda, the programme and the totals. Kept live by '
    + 'the socket deltas (docs/asyncapi.json).',
})
export class ConferenceSnapshotResponseDto implements ConferenceSnapshot {
  @ApiProperty({ type: 'integer', description: 'The change-log version this snapshot is at.' }) version!: number;
  @ApiProperty({ type: ViewerScopeResponseDto }) scope!: ViewerScopeResponseDto;
  @ApiProperty({ type: ConferenceResponseDto }) conference!: ConferenceResponseDto;
  @ApiProperty({ type: [SiteResponseDto], description: 'Leaders: every site. Others: the main site and their own.' }) sites!: SiteResponseDto[];
  @ApiProperty({ type: [AgendaItemResponseDto] }) agenda!: AgendaItemResponseDto[];
  @ApiProperty({ type: AttendanceSummaryResponseDto, description: 'perSite as `sites`; totals and quorum for everyone.' }) attendance!: AttendanceSummaryResponseDto;
  @ApiProperty({ type: 'integer', description: 'The version the totals and quorum are as of.' }) totalsVersion!: number;
  @ApiProperty({ type: [AttendanceRecordResponseDto], description: 'The delegates of the sites the caller runs, with their attendance.' }) records!: AttendanceRecordResponseDto[];
  @ApiProperty({ type: FloorStateResponseDto }) floor!: FloorStateResponseDto;
  @ApiProperty({ type: [DraftSummaryResponseDto], description: 'The drafts put to the conference for comment.' }) drafts!: DraftSummaryResponseDto[];
  @ApiProperty({ type: CommentsSectionResponseDto, description: 'The comments on drafts the viewer may see, and their own receipts.' }) comments!: CommentsSectionResponseDto;
  @ApiProperty({ type: [MinutesVersionSummaryResponseDto], description: 'Versions of the minutes, newest first: the chairs and secretariat every one, sites the published ones.' }) minutes!: MinutesVersionSummaryResponseDto[];
  @ApiProperty({ type: [ConsolidationPointResponseDto], description: 'Leaders: the consolidation points of every draft; others: none.' }) points!: ConsolidationPointResponseDto[];
  @ApiProperty({ type: PollsSectionResponseDto, description: 'Every poll with its turnout (and result once published); the leaders the open vote\'s live tally; the viewer\'s receipts.' }) polls!: PollsSectionResponseDto;
  @ApiProperty({ type: [DeskThreadResponseDto], description: 'The desk threads the caller may read (the main hall\'s desk: every district\'s; a district\'s staff: their own), with unread counts.' }) desk!: DeskThreadResponseDto[];
  @ApiProperty({ type: MediaControlsResponseDto, description: 'Whether the floor holder may share a screen, and which sites the chair has muted (everyone sees them).' }) mediaControls!: MediaControlsResponseDto;
}
