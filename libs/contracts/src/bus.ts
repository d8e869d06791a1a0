// Redis pub/sub between the meeting service and the media gateway. Every payload carries `v`.

export const RedisChannel = {
  /** Floor changes, published by the meeting service, consumed by the media gateway. */
  Floor: 'hoinghi:floor',
  /** Media health (worker death, site quality), published by the media gateway. */
  MediaStatus: 'hoinghi:media-status',
} as const;

export interface FloorEvent {
  v: 1;
  kind: 'granted' | 'ended';
  conferenceId: string;
  requestId: string;
  siteId: string;
  participantId: string | null;
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
