import { Injectable } from '@nestjs/common';
import {
  conferenceRoom, MediaStatusEvent, noticesRoom, NoticesReadEvent, NoticeView, ServerEvent, ServerToClientEvents,
} from '@hoinghi/contracts';
import type { Server } from 'socket.io';

const CONFERENCE_ROOM = /^conference:([0-9a-f-]{36})$/;
const NOTICES_ROOM = /^notices:([0-9a-f-]{36})$/;

/**
 * Messages for this instance's own sockets (and a person's read notices, through the adapter). Deltas
 * never go this way: the change relay publishes them through Redis, from whichever process made the change.
 */
@Injectable()
export class LocalSockets {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;

  attach(server: Server<Record<string, never>, ServerToClientEvents>): void {
    this.server = server;
  }

  /**
   * Every meeting instance hears the gateway's status on Redis itself, so each tells only its own
   * sockets: through the adapter, every console would get it once per instance.
   */
  publishMediaStatus(event: MediaStatusEvent): void {
    this.server?.local.to(conferenceRoom(event.conferenceId)).emit(ServerEvent.MediaStatus, event);
  }

  /** The users with a connection to this instance (each connection is in its user's notices room). */
  connectedUsers(): string[] {
    if (!this.server) return [];
    const users: string[] = [];
    for (const room of this.server.of('/').adapter.rooms.keys()) {
      const userId = NOTICES_ROOM.exec(room)?.[1];
      if (userId) users.push(userId);
    }
    return users;
  }

  /** Every instance hears a notice on Redis and tells only its own connections of the people convened. */
  tellNotice(userIds: string[], notice: NoticeView): void {
    if (userIds.length) this.server?.local.to(userIds.map(noticesRoom)).emit(ServerEvent.Notice, notice);
  }

  /** One person's read notices, to all their connections, on every instance (through the adapter). */
  tellNoticesRead(userId: string, event: NoticesReadEvent): void {
    this.server?.to(noticesRoom(userId)).emit(ServerEvent.NoticesRead, event);
  }

  /** This instance's Redis link came back: deltas published meanwhile never reached its sockets. */
  askEveryoneToResync(): void {
    if (!this.server) return;
    for (const room of this.server.of('/').adapter.rooms.keys()) {
      const conferenceId = CONFERENCE_ROOM.exec(room)?.[1];
      if (conferenceId) this.server.local.to(room).emit(ServerEvent.Resync, { conferenceId });
    }
  }
}
