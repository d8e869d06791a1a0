// socket.io contract of the meeting service (default namespace).
import type {
  AgendaItemView, AttendanceRecordView, AttendanceSummary, ConferenceSnapshot, ConferenceView, FloorState, SiteView,
} from './model';
import type { MediaStatusEvent } from './bus';

export const conferenceRoom = (conferenceId: string) => `conference:${conferenceId}`;
export const siteRoom = (siteId: string) => `site:${siteId}`;

/** Each delta replaces one section of the snapshot; `version` grows by exactly one per change. */
export type ConferenceDelta =
  | { version: number; at: string; type: 'conference.updated'; data: { conference: ConferenceView } }
  | { version: number; at: string; type: 'sites.updated'; data: { sites: SiteView[] } }
  | { version: number; at: string; type: 'agenda.updated'; data: { agenda: AgendaItemView[] } }
  | { version: number; at: string; type: 'attendance.updated'; data: { attendance: AttendanceSummary; record: AttendanceRecordView | null } }
  | { version: number; at: string; type: 'floor.updated'; data: { floor: FloorState } };

export type ConferenceDeltaType = ConferenceDelta['type'];

export const ClientEvent = {
  Join: 'conference:join',
  Leave: 'conference:leave',
  Sync: 'conference:sync',
} as const;

export const ServerEvent = {
  Snapshot: 'conference:snapshot',
  Delta: 'conference:delta',
  Error: 'conference:error',
  /** Media gateway incidents (a worker died, was replaced), relayed by the meeting service; not versioned. */
  MediaStatus: 'conference:media-status',
} as const;

export interface JoinRequest {
  conferenceId: string;
  /** The last version this client applied; the server answers with the missing deltas, or a snapshot. */
  sinceVersion?: number;
}

export type JoinAck =
  | { ok: true; mode: 'snapshot'; snapshot: ConferenceSnapshot }
  | { ok: true; mode: 'deltas'; deltas: ConferenceDelta[] }
  | { ok: false; error: { statusCode: number; error: string; message: string } };

export interface ServerToClientEvents {
  [ServerEvent.Snapshot]: (snapshot: ConferenceSnapshot) => void;
  [ServerEvent.Delta]: (delta: ConferenceDelta & { conferenceId: string }) => void;
  [ServerEvent.Error]: (error: { statusCode: number; error: string; message: string }) => void;
  [ServerEvent.MediaStatus]: (event: MediaStatusEvent) => void;
}

export interface ClientToServerEvents {
  [ClientEvent.Join]: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  [ClientEvent.Sync]: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  [ClientEvent.Leave]: (request: { conferenceId: string }, ack?: (answer: { ok: boolean }) => void) => void;
}

/** Applies a delta to a snapshot (pure; used by the web app and tests alike). */
export function applyDelta(snapshot: ConferenceSnapshot, delta: ConferenceDelta): ConferenceSnapshot {
  const next = { ...snapshot, version: delta.version };
  switch (delta.type) {
    case 'conference.updated':
      return { ...next, conference: delta.data.conference };
    case 'sites.updated':
      return { ...next, sites: delta.data.sites };
    case 'agenda.updated':
      return { ...next, agenda: delta.data.agenda };
    case 'attendance.updated':
      return { ...next, attendance: delta.data.attendance };
    case 'floor.updated':
      return { ...next, floor: delta.data.floor };
  }
}
