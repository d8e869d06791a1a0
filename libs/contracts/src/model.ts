// Shapes shared by the meeting service, the media gateway, the worker and the web app.
import type { DeskThreadView } from './desk';
import type { ViewerScope } from './audience';
import type { CommentsSection } from './comments';
import type { ConsolidationPointView } from './consolidation';
import type { DraftSummary } from './drafts';
import type { MinutesVersionSummary } from './minutes';
import type { PollsSection } from './polls';

// Enumerations are string unions so they serialise as-is in JSON, PostgreSQL and socket payloads.

export const CONFERENCE_KINDS = ['review', 'briefing', 'dissemination', 'draft_consultation', 'confidence_vote', 'other'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

export const CONFERENCE_STATUSES = ['draft', 'scheduled', 'live', 'adjourned', 'ended', 'cancelled'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const AGENDA_ITEM_KINDS = [
  'report', 'dissemination', 'draft_consultation', 'discussion', 'recommendations',
  'vote', 'commitments', 'awards', 'conclusion',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_STATES = ['pending', 'active', 'done', 'skipped'] as const;
export type AgendaItemState = (typeof AGENDA_ITEM_STATES)[number];

export const PARTICIPANT_ROLES = ['chair', 'co_chair', 'site_chair', 'site_operator', 'delegate', 'secretary', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const FLOOR_REQUEST_STATUSES = ['queued', 'speaking', 'done', 'withdrawn'] as const;
export type FloorRequestStatus = (typeof FLOOR_REQUEST_STATUSES)[number];

/** centre → province → district → commune; depth is data, levels only label it. */
export const ORG_UNIT_LEVELS = ['centre', 'province', 'district', 'commune', 'agency'] as const;
export type OrgUnitLevel = (typeof ORG_UNIT_LEVELS)[number];

/** What one conference may hold; documented in the OpenAPI limits and enforced on every way in. */
export const CONFERENCE_LIMITS = {
  sites: 5000,
  agendaItems: 200,
  /** A national conference: 3,400 sites × (delegates, operator, site chair) with room to spare. */
  participants: 50000,
} as const;

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  isAdmin: boolean;
  canConvene: boolean;
  /** Disabled by an administrator: cannot sign in, refresh or call anything. */
  disabled: boolean;
}

/** One page of GET /users: `items` from `offset` on, of `total` matches in all. */
export interface UserPage {
  items: UserView[];
  total: number;
  limit: number;
  offset: number;
}

export interface LoginResponse {
  accessToken: string;
  /** When the access token ends; renew before with POST /auth/refresh (and `auth:renew` on a socket). */
  expiresAt: string;
  user: UserView;
}

export interface OrgUnitView {
  id: string;
  name: string;
  level: OrgUnitLevel;
  parentId: string | null;
  /** When the body's current term (nhiệm kỳ) began: its minutes are numbered from 01 within it. Null: per calendar year. */
  termStartedAt: string | null;
}

export interface RoleAssignment {
  role: ParticipantRole;
  siteId: string | null;
}

export interface ConferenceView {
  id: string;
  title: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  hostUnitId: string;
  hostUnitName: string;
  plannedStart: string;
  plannedEnd: string;
  /** Quorum as a fraction of convened delegates, e.g. 2/3. */
  quorumNumerator: number;
  quorumDenominator: number;
  startedAt: string | null;
  endedAt: string | null;
  /** Why it was cancelled, or why it is paused (adjourned); null otherwise. */
  statusReason: string | null;
}

export interface ConferenceSummary extends ConferenceView {
  siteCount: number;
  myRoles: RoleAssignment[];
}

export interface SiteView {
  id: string;
  name: string;
  place: string;
  orgUnitId: string;
  orgUnitName: string;
  parentSiteId: string | null;
  isMain: boolean;
}

export interface AgendaItemView {
  id: string;
  position: number;
  title: string;
  kind: AgendaItemKind;
  presenter: string;
  plannedMinutes: number;
  state: AgendaItemState;
  startedAt: string | null;
  endedAt: string | null;
  /** The chair's reason for the item's last skip or reopening (for the minutes); null otherwise. */
  stateReason: string | null;
}

export interface ParticipantView {
  id: string;
  userId: string;
  fullName: string;
  role: ParticipantRole;
  siteId: string | null;
  votingRight: boolean;
}

export interface AttendanceRecordView {
  participantId: string;
  fullName: string;
  siteId: string;
  status: AttendanceStatus | null; // null: not yet checked
  reason: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export interface SiteAttendance {
  siteId: string;
  convened: number;
  present: number; // on time or late, and not checked out
  late: number;
  absent: number;
}

export interface QuorumView {
  convened: number;
  present: number;
  required: number;
  reached: boolean;
}

export interface AttendanceSummary {
  perSite: SiteAttendance[];
  totals: SiteAttendance & { siteId: 'all' };
  quorum: QuorumView;
}

export interface FloorRequestView {
  id: string;
  siteId: string;
  /** So a site that sees only its own part of the conference can still say where the speaker is. */
  siteName: string;
  participantId: string | null;
  speakerName: string; // the delegate's name, or the site's name when a site asks
  note: string | null;
  status: FloorRequestStatus;
  requestedAt: string;
  grantedAt: string | null;
  endedAt: string | null;
  spokenSeconds: number | null;
  /** 1-based place in the queue while waiting, else null. */
  place: number | null;
  /** The draft section the speaker will speak about (the topic beside `note`), or null. */
  section: FloorTopicSection | null;
  /** The speaking-time limit the chair set for this turn, in seconds; null: no limit. */
  limitSeconds: number | null;
}

/** A draft section named as a speaker's topic, with what a site needs to say it ("Dự thảo Kế hoạch — Mục 2. …"). */
export interface FloorTopicSection {
  id: string;
  draftId: string;
  draftTitle: string;
  label: string;
  heading: string;
}

export interface FloorState {
  holder: FloorRequestView | null;
  /** In the order the chair will grant them: every request for the leaders, a site's own for a site. */
  queue: FloorRequestView[];
}

/**
 * What one viewer needs to draw the conference, cut to what their roles let them see (`scope`):
 * the chairs and secretariat get every site; a site gets itself, the main site, the agenda, the
 * programme and the totals, so its snapshot stays small however many sites the conference has.
 */
/**
 * The chair's media controls of a conference (content sharing and audio): whether the floor holder may
 * share a screen (the main hall always may), and which sites the chair has muted. Every site sees them;
 * the media gateway enforces them.
 */
export interface MediaControlsView {
  floorShareAllowed: boolean;
  mutedSiteIds: string[];
}

/** PUT /conferences/:id/media-controls/sharing (the chairs). */
export interface SetSharingRequest {
  floorShareAllowed: boolean;
}

/** The chair's audio commands: one site (`siteId`), or every site but the floor holder and the main hall, and undoing them. */
export const AUDIO_COMMANDS = ['mute', 'unmute', 'mute-all-but-floor', 'unmute-all'] as const;
export type AudioCommandName = (typeof AUDIO_COMMANDS)[number];

/** POST /conferences/:id/media-controls/audio (the chairs). */
export interface AudioCommandRequest {
  command: AudioCommandName;
  /** The site, for 'mute' and 'unmute'. */
  siteId?: string;
}

export interface ConferenceSnapshot {
  version: number;
  scope: ViewerScope;
  conference: ConferenceView;
  /** Leaders: every site. Others: the main site and their own. */
  sites: SiteView[];
  agenda: AgendaItemView[];
  /** perSite as `sites`; totals and quorum for everyone. */
  attendance: AttendanceSummary;
  /** The version the totals and quorum are as of (they also arrive coalesced, newest wins). */
  totalsVersion: number;
  /** The delegates of the sites the viewer runs (site chair, operator), with their attendance. */
  records: AttendanceRecordView[];
  floor: FloorState;
  /** The drafts put to the conference for comment. */
  drafts: DraftSummary[];
  /** Leaders: every comment of the conference; others: their own and (site staff) their site's opinions; and their receipts. */
  comments: CommentsSection;
  /** Versions of the minutes, newest first: leaders every one, others the published ones. */
  minutes: MinutesVersionSummary[];
  /** Leaders: the consolidation points of every draft; others: none. */
  points: ConsolidationPointView[];
  /** Every poll with its turnout (and result once published); the leaders also the open vote's live tally; the viewer's own receipts. */
  polls: PollsSection;
  /** The desk threads the viewer may read (the main hall's desk: every district's; a district's staff: their own), with unread counts. */
  desk: DeskThreadView[];
  /** Whether the floor holder may share a screen, and who is muted (everyone sees them). */
  mediaControls: MediaControlsView;
}

/** ErrorResponse.current of CONFERENCE_CHANGED: who changed the conference's status last, when, and the conference as it is now. */
export interface ConferenceChangedBy {
  name: string | null;
  at: string | null;
  conference: ConferenceView;
}

/** ErrorResponse.current of AGENDA_CHANGED: who changed the agenda last, when, and the agenda as it is now. */
export interface AgendaChangedBy {
  name: string | null;
  at: string | null;
  agenda: AgendaItemView[];
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorUserId: string | null; // null: the platform itself (e.g. the media gateway)
  actorName: string | null;
  action: string;
  details: Record<string, unknown>;
}

/** Body of POST /conferences. Exactly one site is the main one; sites name their parent by key. */
export interface CreateConferenceRequest {
  title: string;
  kind: ConferenceKind;
  hostUnitId: string;
  plannedStart: string; // ISO 8601
  plannedEnd: string;
  quorumNumerator?: number;
  quorumDenominator?: number;
  sites: CreateSiteRequest[];
  agenda: AgendaItemRequest[];
}

export interface CreateSiteRequest {
  key: string;
  name: string;
  place?: string;
  orgUnitId: string;
  /** The site it relays from; without one, a connected site hangs directly off the main site. */
  parentKey?: string;
  isMain?: boolean;
}

export interface AgendaItemRequest {
  title: string;
  kind: AgendaItemKind;
  presenter?: string;
  plannedMinutes: number;
}
