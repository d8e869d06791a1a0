// socket.io contract of the meeting service (default namespace). The protocol, step by step, is in
// docs/asyncapi.json and docs/architecture.md ("Live updates").
import type { CommentReceipt, CommentView } from './comments';
import type { ConsolidationPointView } from './consolidation';
import type { DeskMessageView } from './desk';
import type { DraftSummary } from './drafts';
import type { MinutesItemView, MinutesVersionSummary } from './minutes';
import type { OpenVoteTally, PollTurnout, PollView } from './polls';
import type { ErrorResponse } from './errors';
import type {
  AgendaItemView, AttendanceRecordView, AttendanceSummary, ConferenceSnapshot, ConferenceView, FloorRequestView, MediaControlsView,
  QuorumView, SiteAttendance, SiteView,
} from './model';
import type { MediaStatusEvent } from './bus';
import type { NoticeView } from './notices';

/**
 * One change as clients receive it. Its size does not grow with the conference: it carries what
 * changed, never a whole section.
 * - `version` grows by one per change in the conference (all audiences together);
 * - `stream` is the audience's stream (see `streamOf`); `prev` the version of the previous change in
 *   that stream, or null for a *state* change (totals) that carries the whole of what it describes,
 *   may be coalesced, and is applied when newer than what the client has.
 */
export type ConferenceDelta = DeltaHead & DeltaBody;

export interface DeltaHead {
  version: number;
  prev: number | null;
  stream: string;
  /** When the change was committed (the same instant live and in catch-up). */
  at: string;
}

export type DeltaBody =
  /** Status, times, quorum rule. Audience: conference. */
  | { type: 'conference.updated'; data: { conference: ConferenceView } }
  /** A site joined the conference tree. Audience: leaders. */
  | { type: 'site.added'; data: { site: SiteView; attendance: SiteAttendance } }
  /** The agenda items that were added or changed state or position. Audience: conference. */
  | { type: 'agenda.changed'; data: { items: AgendaItemView[] } }
  /** One delegate's attendance. Audience: the staff of that site. */
  | { type: 'attendance.record'; data: { record: AttendanceRecordView } }
  /** One site's counts, with the totals and quorum after the change. Audience: that site. */
  | { type: 'attendance.site'; data: { site: SiteAttendance; totals: Totals; quorum: QuorumView } }
  /** Totals and quorum (a state change, coalesced). Audience: conference. */
  | { type: 'attendance.totals'; data: { totals: Totals; quorum: QuorumView } }
  /** Who has the floor now. Audience: conference. */
  | { type: 'floor.holder'; data: { holder: FloorRequestView | null } }
  /** One site's floor requests that changed (status, place); closed ones leave the queue. Audience: that site. */
  | { type: 'floor.requests'; data: { requests: FloorRequestView[] } }
  /** A draft was put to the conference, or has a new version (its sections are read over REST). Audience: conference. */
  | { type: 'draft.published'; data: { draft: DraftSummary } }
  /** A draft's consultation was opened or closed. Audience: conference. */
  | { type: 'draft.updated'; data: { draft: DraftSummary } }
  /** A comment was stored, edited or withdrawn. Audiences: the leaders; a site's opinion also its site's staff. */
  | { type: 'comment.changed'; data: { comment: CommentView } }
  /** The author's receipt turned into "received": their comment is stored. Audience: the author (person). */
  | { type: 'comment.received'; data: { receipt: CommentReceipt & { draftId: string; commentId: string }; comment: CommentView } }
  /** A version of the minutes was started, submitted, returned, approved or published. Audience: leaders; published: conference. */
  | { type: 'minutes.changed'; data: { minutes: MinutesVersionSummary } }
  /** One agenda item's text in the minutes being kept (another secretary's edit). Audience: leaders. */
  | { type: 'minutes.item'; data: { version: number; item: MinutesItemView } }
  /** A consolidation point was made, regrouped, decided on or absorbed into a version. Audience: the leaders. */
  | { type: 'point.changed'; data: { point: ConsolidationPointView } }
  /** A consolidation point was deleted (its comments are free to be grouped again). Audience: the leaders. */
  | { type: 'point.removed'; data: { pointId: string; draftId: string } }
  /** A poll was created, opened, closed or published (then with its result). Audience: conference. */
  | { type: 'poll.changed'; data: { poll: PollView } }
  /** How many have voted (a state change, coalesced). Audience: conference. Never who, never what. */
  | { type: 'poll.turnout'; data: { turnout: PollTurnout } }
  /** An open vote's live tally (a state change, coalesced). Audience: leaders. Secret ballots have none. */
  | { type: 'poll.tally'; data: { tally: OpenVoteTally } }
  /** A message in a site's desk thread. Audience: desk (that site's staff and the main hall's desk). */
  | { type: 'desk.message'; data: { message: DeskMessageView; siteName: string } }
  /** The chair's media controls (who may share, who is muted), whole. Audience: conference. */
  | { type: 'media.controls'; data: { controls: MediaControlsView } };

export type ConferenceDeltaType = DeltaBody['type'];

type Totals = AttendanceSummary['totals'];

export const conferenceRoom = (conferenceId: string) => `conference:${conferenceId}`;
/** Every connection of one user, joined at the handshake: their notices, across conferences. */
export const noticesRoom = (userId: string) => `notices:${userId}`;

export const ClientEvent = {
  Join: 'conference:join',
  Leave: 'conference:leave',
  Sync: 'conference:sync',
  /** A fresh access token (from POST /api/auth/refresh) for this connection, before the current one ends. */
  Renew: 'auth:renew',
} as const;

export const ServerEvent = {
  Delta: 'conference:delta',
  /** This server may have missed deltas (its Redis link came back): ask `conference:sync`. */
  Resync: 'conference:resync',
  /** Media gateway incidents (a worker died, was replaced), relayed by the meeting service; not versioned. */
  MediaStatus: 'conference:media-status',
  /** A notice for the connection's user (NoticeView, unread): a conference they are convened to was scheduled, changed, started … */
  Notice: 'notices:new',
  /** The user read notices on one of their devices (NoticesReadEvent): every connection of theirs updates. */
  NoticesRead: 'notices:read',
  /** The connection's access token ended without `auth:renew` (an ErrorResponse, SESSION_EXPIRED); the server disconnects. */
  SessionExpired: 'auth:expired',
} as const;

export interface JoinRequest {
  conferenceId: string;
  /** The last version this client applied; the server answers with the missing deltas, or a snapshot. */
  sinceVersion?: number;
}

export type JoinAck =
  | { ok: true; mode: 'snapshot'; snapshot: ConferenceSnapshot }
  | { ok: true; mode: 'deltas'; version: number; deltas: ConferenceDelta[] }
  | { ok: false; error: ErrorResponse };

/**
 * A connection lives as long as its access token: at `expiresAt` the server sends `auth:expired` and
 * disconnects, and refuses join and sync from then on. Renew before with the token of POST /api/auth/refresh
 * (same user).
 */
export interface RenewRequest {
  token: string;
}

export type RenewAck = { ok: true; expiresAt: string } | { ok: false; error: ErrorResponse };

export interface NoticesReadEvent {
  /** The notices now read; null: all of them. */
  ids: string[] | null;
  /** The user's unread notices after it. */
  unread: number;
}

export interface ServerToClientEvents {
  [ServerEvent.Notice]: (notice: NoticeView) => void;
  [ServerEvent.NoticesRead]: (event: NoticesReadEvent) => void;
  [ServerEvent.Delta]: (delta: ConferenceDelta & { conferenceId: string }) => void;
  [ServerEvent.Resync]: (notice: { conferenceId: string }) => void;
  [ServerEvent.MediaStatus]: (event: MediaStatusEvent) => void;
  [ServerEvent.SessionExpired]: (error: ErrorResponse) => void;
}

export interface ClientToServerEvents {
  [ClientEvent.Join]: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  [ClientEvent.Sync]: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  [ClientEvent.Leave]: (request: { conferenceId: string }, ack?: (answer: { ok: boolean }) => void) => void;
  [ClientEvent.Renew]: (request: RenewRequest, ack: (answer: RenewAck) => void) => void;
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

/** Replaces the entries with the same key, appends new ones. */
function upsert<T>(list: T[], changed: T[], key: (item: T) => string): T[] {
  const incoming = new Map(changed.map((item) => [key(item), item]));
  const kept = list.map((item) => incoming.get(key(item)) ?? item);
  const known = new Set(list.map(key));
  return [...kept, ...changed.filter((item) => !known.has(key(item)))];
}

/** Applies one delta to a snapshot (pure; the web app, the tests and the benchmark use it alike). */
export function applyDelta(snapshot: ConferenceSnapshot, delta: ConferenceDelta): ConferenceSnapshot {
  const next = { ...snapshot, version: Math.max(snapshot.version, delta.version) };
  const withTotals = (totals: Totals, quorum: QuorumView, base: AttendanceSummary = next.attendance) =>
    delta.version > next.totalsVersion ? { attendance: { ...base, totals, quorum }, totalsVersion: delta.version } : { attendance: base };
  switch (delta.type) {
    case 'conference.updated':
      return { ...next, conference: delta.data.conference };
    case 'site.added':
      return {
        ...next,
        sites: upsert(next.sites, [delta.data.site], (s) => s.id),
        attendance: { ...next.attendance, perSite: upsert(next.attendance.perSite, [delta.data.attendance], (s) => s.siteId) },
      };
    case 'agenda.changed':
      return { ...next, agenda: upsert(next.agenda, delta.data.items, (i) => i.id).sort(byPosition) };
    case 'attendance.record':
      return { ...next, records: upsert(next.records, [delta.data.record], (r) => r.participantId) };
    case 'attendance.site': {
      const perSite = upsert(next.attendance.perSite, [delta.data.site], (s) => s.siteId);
      return { ...next, ...withTotals(delta.data.totals, delta.data.quorum, { ...next.attendance, perSite }) };
    }
    case 'attendance.totals':
      return { ...next, ...withTotals(delta.data.totals, delta.data.quorum) };
    case 'floor.holder':
      return { ...next, floor: { ...next.floor, holder: delta.data.holder } };
    case 'floor.requests': {
      const changed = new Set(delta.data.requests.map((r) => r.id));
      const waiting = delta.data.requests.filter((r) => r.status === 'queued');
      const queue = [...next.floor.queue.filter((r) => !changed.has(r.id)), ...waiting].sort((a, b) => (a.place ?? 0) - (b.place ?? 0));
      return { ...next, floor: { ...next.floor, queue } };
    }
    case 'draft.published':
    case 'draft.updated':
      return { ...next, drafts: upsert(next.drafts, [delta.data.draft], (d) => d.id) };
    case 'comment.changed':
      return { ...next, comments: { ...next.comments, items: upsert(next.comments.items, [delta.data.comment], (c) => c.id) } };
    case 'comment.received':
      return {
        ...next,
        comments: {
          items: upsert(next.comments.items, [delta.data.comment], (c) => c.id),
          receipts: upsert(next.comments.receipts, [delta.data.receipt], (r) => r.receiptId),
        },
      };
    case 'minutes.changed':
      return { ...next, minutes: upsert(next.minutes, [delta.data.minutes], (m) => String(m.version)).sort((a, b) => b.version - a.version) };
    case 'minutes.item':
      return next; // the minutes editor reads items over REST and follows these itself
    case 'point.changed':
      return { ...next, points: upsert(next.points, [delta.data.point], (p) => p.id) };
    case 'point.removed':
      return { ...next, points: next.points.filter((p) => p.id !== delta.data.pointId) };
    case 'poll.changed':
      return { ...next, polls: { ...next.polls, items: upsert(next.polls.items, [delta.data.poll], (p) => p.id) } };
    case 'poll.turnout': {
      const { turnout } = delta.data;
      if (delta.version <= next.polls.asOf.turnout) return next;
      const items = next.polls.items.map((p) => (p.id === turnout.pollId && p.status === 'open' ? { ...p, turnout } : p));
      return { ...next, polls: { ...next.polls, items, asOf: { ...next.polls.asOf, turnout: delta.version } } };
    }
    case 'poll.tally':
      if (delta.version <= next.polls.asOf.tally) return next;
      return {
        ...next,
        polls: { ...next.polls, tallies: upsert(next.polls.tallies, [delta.data.tally], (t) => t.pollId), asOf: { ...next.polls.asOf, tally: delta.version } },
      };
    case 'desk.message': {
      const { message, siteName } = delta.data;
      const thread = next.desk.find((t) => t.siteId === message.siteId) ?? { siteId: message.siteId, siteName, lastMessage: null, unread: 0 };
      const unread = thread.unread + (message.authorUserId === next.scope.userId ? 0 : 1);
      return { ...next, desk: upsert(next.desk, [{ ...thread, lastMessage: message, unread }], (t) => t.siteId) };
    }
    case 'media.controls':
      return { ...next, mediaControls: delta.data.controls };
  }
}

export type FeedVerdict = 'applied' | 'duplicate' | 'gap';

/**
 * A client's copy of one conference: applies deltas in order and tells a gap (a change in one of
 * its streams that it never received) from a change it was never meant to see. On 'gap', ask
 * `conference:sync` with `version` and hand the answer to `reset`/`receiveAll`.
 */
export class ConferenceFeed {
  private last = new Map<string, number>();
  private base: number;

  constructor(private current: ConferenceSnapshot) {
    this.base = current.version;
  }

  get snapshot(): ConferenceSnapshot {
    return this.current;
  }

  /** The version every change up to which (of the viewer's streams) has been applied. */
  get version(): number {
    return this.current.version;
  }

  /** A catch-up answered up to `version`: every change this viewer may see up to it has been received. */
  advanceTo(version: number): void {
    if (version <= this.current.version) return;
    this.current = { ...this.current, version };
    this.base = Math.max(this.base, version);
  }

  /** A fresh snapshot replaces everything. */
  reset(snapshot: ConferenceSnapshot): void {
    this.current = snapshot;
    this.base = snapshot.version;
    this.last.clear();
  }

  receive(delta: ConferenceDelta): FeedVerdict {
    if (delta.prev === null) {
      // A state change: the newest wins (applyDelta compares versions), nothing to chain.
      if (delta.version <= this.base) return 'duplicate';
      this.current = applyDelta(this.current, delta);
      return 'applied';
    }
    const last = this.last.get(delta.stream);
    if (delta.version <= (last ?? this.base)) return 'duplicate';
    const chained = last === undefined ? delta.prev <= this.base : delta.prev === last;
    if (!chained) return 'gap';
    this.last.set(delta.stream, delta.version);
    this.current = applyDelta(this.current, delta);
    return 'applied';
  }

  /**
   * A join or sync answer: a snapshot replaces everything; missed deltas are applied and the feed is
   * complete up to the answer's version. 'gap': the deltas had a hole — ask again without a version.
   */
  acceptAck(ack: Extract<JoinAck, { ok: true }>): FeedVerdict {
    if (ack.mode === 'snapshot') {
      this.reset(ack.snapshot);
      return 'applied';
    }
    if (this.receiveAll(ack.deltas) === 'gap') return 'gap';
    this.advanceTo(ack.version);
    return 'applied';
  }

  /** Catch-up answers and buffered deltas: in version order; stops at the first gap. */
  receiveAll(deltas: ConferenceDelta[]): FeedVerdict {
    let verdict: FeedVerdict = 'duplicate';
    for (const delta of [...deltas].sort((a, b) => a.version - b.version)) {
      const result = this.receive(delta);
      if (result === 'gap') return 'gap';
      if (result === 'applied') verdict = 'applied';
    }
    return verdict;
  }
}
