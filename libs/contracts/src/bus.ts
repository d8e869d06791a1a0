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

export interface MediaStatusEvent {
  v: 1;
  kind: 'worker-died' | 'worker-replaced' | 'site-quality';
  conferenceId: string;
  siteId?: string;
  details: Record<string, unknown>;
  at: string;
}
