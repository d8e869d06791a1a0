import type { MediaServerToClientEvents } from '@hoinghi/contracts';

/**
 * How rooms talk to sites, without knowing about socket.io: the signalling gateway implements it.
 * Sockets are addressed by id (one socket per site) or by conference (everyone in it).
 */
export interface SiteChannel {
  toSocket<E extends keyof MediaServerToClientEvents>(socketId: string, event: E, ...payload: Parameters<MediaServerToClientEvents[E]>): void;
  toConference<E extends keyof MediaServerToClientEvents>(conferenceId: string, event: E, ...payload: Parameters<MediaServerToClientEvents[E]>): void;
  /** Ends a connection that a newer one from the same site replaced. */
  disconnect(socketId: string): void;
}

export const SITE_CHANNEL = Symbol('SITE_CHANNEL');
