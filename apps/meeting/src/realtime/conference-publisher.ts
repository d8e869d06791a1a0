import { Injectable } from '@nestjs/common';
import { ConferenceDelta, conferenceRoom, MediaStatusEvent, ServerEvent, ServerToClientEvents } from '@hoinghi/contracts';
import type { Server } from 'socket.io';

/** Sends committed deltas to every socket in the conference's room, on every instance (Redis adapter). */
@Injectable()
export class ConferencePublisher {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;

  attach(server: Server<Record<string, never>, ServerToClientEvents>): void {
    this.server = server;
  }

  publish(conferenceId: string, deltas: ConferenceDelta[]): void {
    if (!this.server) return; // no gateway in this process (e.g. a CLI script)
    const room = this.server.to(conferenceRoom(conferenceId));
    for (const delta of deltas) room.emit(ServerEvent.Delta, { ...delta, conferenceId });
  }

  /**
   * Every meeting instance hears the gateway's status on Redis itself, so each tells only its own
   * sockets (`local`): through the adapter, every console would get it once per instance.
   */
  publishMediaStatus(event: MediaStatusEvent): void {
    this.server?.local.to(conferenceRoom(event.conferenceId)).emit(ServerEvent.MediaStatus, event);
  }
}
