// Redis pub/sub between the meeting service and the media gateway. Every payload carries `v`.
import type { MediaControlsView } from './model';

export const RedisChannel = {
  /** Floor changes, published by the meeting service, consumed by the media gateway. */
  Floor: 'hoinghi:floor',
  /** A conference ended or was cancelled, published by the meeting service: the gateway closes its video. */
  Conference: 'hoinghi:conference',
  /** The chair's media controls (who may share, who is muted), published by the meeting service. */
  MediaControls: 'hoinghi:media-controls',
  /** Media health (worker death, site quality), published by the media gateway. */
  MediaStatus: 'hoinghi:media-status',
  /** A notice was announced (NoticeEvent), published by the meeting service's outbox after the change's commit. */
  Notice: 'hoinghi:notice',
} as const;

/**
 * On `hoinghi:floor`: a turn was granted or ended. The meeting service publishes it the moment its change
 * commits, and its outbox delivers it again only if that failed, so a subscriber may get an event twice,
 * or late (after a newer one): `version` tells. A grant that replaces a speaker is one change: its
 * 'ended' (the previous turn) and 'granted' share a version and are published in that order.
 */
export interface FloorEvent {
  v: 1;
  kind: 'granted' | 'ended';
  conferenceId: string;
  requestId: string;
  siteId: string;
  participantId: string | null;
  at: string;
  /**
   * The conference's version at the change (that of its first delta): larger for every later floor
   * change of the conference. A subscriber drops an event older than the last it applied. Absent from
   * publishers that predate it: such an event is applied as it comes.
   */
  version?: number;
}

/** How many sites a FloorQueueEvent names at most: the next speakers a gateway may keep warm. */
export const FLOOR_QUEUE_HEAD = 3;

/**
 * On `hoinghi:floor`: the sites next in the floor queue changed. `next`: the first FLOOR_QUEUE_HEAD
 * sites waiting, each once, in queue order (empty: nobody waits). Published like FloorEvent (at commit,
 * the outbox as retry; `version` orders copies). The media gateway keeps the next speakers' video
 * flowing at its lowest layer to every site, so that a grant to one of them shows its picture at once.
 */
export interface FloorQueueEvent {
  v: 1;
  kind: 'queue';
  conferenceId: string;
  next: string[];
  at: string;
  version?: number;
}

/**
 * On `hoinghi:notice`, through the outbox of the change that announces it: every meeting instance tells
 * its own connections of the people convened to the conference (`notices:new`).
 */
export interface NoticeEvent {
  v: 1;
  kind: 'announced';
  conferenceId: string;
  noticeId: string;
  at: string;
  /**
   * Only these people (at most NOTICE_EVENT_MAX_USERS): those just convened to a conference announced
   * before, told of its newest notice. Absent: everyone convened.
   */
  userIds?: string[];
}

/** People named in one NoticeEvent: a bus message stays small; more go in several. */
export const NOTICE_EVENT_MAX_USERS = 300;

/**
 * On `hoinghi:conference`, through the meeting service's outbox in the same transaction as the change:
 * the conference ended or was cancelled. The media gateway closes its room (video and recording stop),
 * tells every connection (CONFERENCE_CLOSED) and refuses new joins.
 */
export interface ConferenceClosedEvent {
  v: 1;
  kind: 'closed';
  conferenceId: string;
  status: 'ended' | 'cancelled';
  at: string;
}

/**
 * On `hoinghi:media-controls`, through the meeting service's outbox in the same transaction as the
 * change: the chair's media controls as they are now (the whole state, so the newest event wins). The
 * media gateway pauses the muted sites' microphones and closes a floor holder's screen share no longer
 * allowed. It reads them (GET /api/internal/conferences/:id/media-controls, MediaControlsResponse) when a
 * room opens and after Redis comes back.
 */
export interface MediaControlsEvent {
  v: 1;
  conferenceId: string;
  controls: MediaControlsView;
  at: string;
}

export interface MediaControlsResponse {
  v: 1;
  conferenceId: string;
  controls: MediaControlsView;
  at: string;
}

/**
 * GET /api/internal/conferences/:conferenceId/floor-holder on the meeting service: who has the floor
 * now, from the database. The media gateway reads it when a room opens and after Redis comes back,
 * since it may have missed FloorEvents. Authorization: Bearer <token with MediaServiceClaims (media.ts)>.
 */
export interface FloorHolderResponse {
  v: 1;
  conferenceId: string;
  holder: { requestId: string; siteId: string; participantId: string | null; grantedAt: string } | null;
  /** The first FLOOR_QUEUE_HEAD sites waiting for the floor, in queue order (as FloorQueueEvent.next): the gateway keeps them warm. */
  next: string[];
  /** When it was read. */
  at: string;
}

/**
 * Published by the media gateway:
 * - 'worker-died' / 'worker-replaced': one event per affected conference (details: workerIndex, pid,
 *   newPid, error); conferenceId is '' when no conference was on the worker.
 * - 'site-quality': details is the SiteQuality of `siteId` (contracts/media.ts); published when the
 *   site's poor / audio-only / layer state changes, and at least every 10 s while it is connected.
 */
export interface MediaStatusEvent {
  v: 1;
  kind: 'worker-died' | 'worker-replaced' | 'site-quality';
  conferenceId: string;
  siteId?: string;
  details: Record<string, unknown>;
  at: string;
}

// ── Reading the channels ──────────────────────────────────────────────────────────────────────────
// Anything that can publish on Redis can put a message on these channels, so a subscriber parses each
// message with these before it acts: a message that is not exactly the declared shape is dropped (null)
// and logged by the caller, never acted on.

/** Ids (conference, site, request, participant) as the services create them: UUIDs, letters, digits, dashes. */
const BUS_ID = /^[A-Za-z0-9-]{1,64}$/;
/** A bus message is small; a megabyte of JSON is someone else's. */
const MAX_BUS_MESSAGE = 16_384;

function busObject(message: string): Record<string, unknown> | null {
  if (typeof message !== 'string' || message.length > MAX_BUS_MESSAGE) return null;
  try {
    const value: unknown = JSON.parse(message);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isBusId = (value: unknown): value is string => typeof value === 'string' && BUS_ID.test(value);
const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 40 && /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value));

/** A FloorEvent from `hoinghi:floor`, or null when the message is not one. */
export function parseFloorEvent(message: string): FloorEvent | null {
  const e = busObject(message);
  if (!e || e.v !== 1 || (e.kind !== 'granted' && e.kind !== 'ended')) return null;
  if (!isBusId(e.conferenceId) || !isBusId(e.requestId) || !isBusId(e.siteId) || !isInstant(e.at)) return null;
  const participantId = e.participantId;
  if (participantId !== null && !isBusId(participantId)) return null;
  const version = e.version;
  if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) > 0)) return null;
  return {
    v: 1, kind: e.kind, conferenceId: e.conferenceId, requestId: e.requestId, siteId: e.siteId, participantId, at: e.at,
    ...(version !== undefined ? { version: version as number } : {}),
  };
}

/** A FloorQueueEvent from `hoinghi:floor`, or null when the message is not one. */
export function parseFloorQueueEvent(message: string): FloorQueueEvent | null {
  const e = busObject(message);
  if (!e || e.v !== 1 || e.kind !== 'queue' || !isBusId(e.conferenceId) || !isInstant(e.at)) return null;
  const next = e.next;
  if (!Array.isArray(next) || next.length > FLOOR_QUEUE_HEAD || !next.every(isBusId) || new Set(next).size !== next.length) return null;
  const version = e.version;
  if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) > 0)) return null;
  return { v: 1, kind: 'queue', conferenceId: e.conferenceId, next: [...next], at: e.at, ...(version !== undefined ? { version: version as number } : {}) };
}

/** A ConferenceClosedEvent from `hoinghi:conference`, or null when the message is not one. */
export function parseConferenceClosedEvent(message: string): ConferenceClosedEvent | null {
  const e = busObject(message);
  if (!e || e.v !== 1 || e.kind !== 'closed' || (e.status !== 'ended' && e.status !== 'cancelled')) return null;
  if (!isBusId(e.conferenceId) || !isInstant(e.at)) return null;
  return { v: 1, kind: 'closed', conferenceId: e.conferenceId, status: e.status, at: e.at };
}

/** A NoticeEvent from `hoinghi:notice`, or null when the message is not one. */
export function parseNoticeEvent(message: string): NoticeEvent | null {
  const e = busObject(message);
  if (!e || e.v !== 1 || e.kind !== 'announced' || !isBusId(e.conferenceId) || !isBusId(e.noticeId) || !isInstant(e.at)) return null;
  const event: NoticeEvent = { v: 1, kind: 'announced', conferenceId: e.conferenceId, noticeId: e.noticeId, at: e.at };
  if (e.userIds === undefined) return event;
  const { userIds } = e;
  if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > NOTICE_EVENT_MAX_USERS || !userIds.every(isBusId)) return null;
  return { ...event, userIds: [...userIds] };
}

/** A MediaStatusEvent from `hoinghi:media-status`, or null. Worker events carry flat details (ids, numbers, a sentence). */
export function parseMediaStatusEvent(message: string): MediaStatusEvent | null {
  const e = busObject(message);
  if (!e || e.v !== 1 || (e.kind !== 'worker-died' && e.kind !== 'worker-replaced' && e.kind !== 'site-quality')) return null;
  // '' = a worker that had no conference.
  const conferenceId = e.conferenceId;
  if (typeof conferenceId !== 'string' || !(conferenceId === '' ? e.kind !== 'site-quality' : isBusId(conferenceId)) || !isInstant(e.at)) return null;
  if (e.siteId !== undefined && !isBusId(e.siteId)) return null;
  if (e.kind === 'site-quality' && e.siteId === undefined) return null;
  const details = e.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  if (e.kind !== 'site-quality') {
    const flat = Object.values(details).every((v) =>
      v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 500));
    if (!flat) return null;
  }
  return {
    v: 1, kind: e.kind, conferenceId, ...(e.siteId !== undefined ? { siteId: e.siteId } : {}),
    details: details as Record<string, unknown>, at: e.at,
  };
}

/** A MediaControlsEvent from `hoinghi:media-controls` (or the body of MediaControlsResponse), or null. */
export function parseMediaControlsEvent(message: string): MediaControlsEvent | null {
  const e = busObject(message);
  if (!e || e.v !== 1 || !isBusId(e.conferenceId) || !isInstant(e.at)) return null;
  const c = e.controls as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null || typeof c.floorShareAllowed !== 'boolean') return null;
  if (!Array.isArray(c.mutedSiteIds) || c.mutedSiteIds.length > 1000 || !c.mutedSiteIds.every(isBusId)) return null;
  return {
    v: 1, conferenceId: e.conferenceId, at: e.at,
    controls: { floorShareAllowed: c.floorShareAllowed, mutedSiteIds: [...(c.mutedSiteIds as string[])] },
  };
}
