import { Injectable } from '@nestjs/common';
import { mediaConferenceRoom, MediaServerToClientEvents } from '@hoinghi/contracts';
import type { Namespace } from 'socket.io';
import type { SiteChannel } from '../rooms/site-channel';

/** SiteChannel over the /media namespace; the gateway attaches it once socket.io is up. */
@Injectable()
export class SiteNotifier implements SiteChannel {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  toSocket<E extends keyof MediaServerToClientEvents>(socketId: string, event: E, ...payload: Parameters<MediaServerToClientEvents[E]>): void {
    this.namespace?.to(socketId).emit(event, ...payload);
  }

  toConference<E extends keyof MediaServerToClientEvents>(conferenceId: string, event: E, ...payload: Parameters<MediaServerToClientEvents[E]>): void {
    this.namespace?.to(mediaConferenceRoom(conferenceId)).emit(event, ...payload);
  }

  disconnect(socketId: string): void {
    this.namespace?.sockets.get(socketId)?.disconnect(true);
  }
}
