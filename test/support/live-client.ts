import {
  ClientEvent, LiveFeed, ServerEvent, type ConferenceDelta, type ConferenceSnapshot, type JoinAck, type JoinRequest, type SyncEvent,
} from '@hoinghi/contracts';
import type { ConferenceClient } from './meeting-harness';

export type ReceivedDelta = ConferenceDelta & { conferenceId: string };

/**
 * A conference client as a third party would write it from the contracts: joins and keeps its copy
 * with the contracts' LiveFeed (catch-up on a gap or a resync notice). Records every payload it was
 * sent, so tests can look for what must never reach it.
 */
export class LiveClient {
  readonly received: ReceivedDelta[] = [];
  readonly acks: JoinAck[] = [];
  private readonly feed: LiveFeed;

  private constructor(
    readonly socket: ConferenceClient,
    readonly conferenceId: string,
  ) {
    this.feed = new LiveFeed(conferenceId, (event, request) => this.ask(event, request));
  }

  static async join(socket: ConferenceClient, conferenceId: string): Promise<LiveClient> {
    const client = new LiveClient(socket, conferenceId);
    socket.on(ServerEvent.Delta, (delta) => {
      client.received.push(delta);
      client.feed.receive(delta);
    });
    socket.on(ServerEvent.Resync, () => void client.sync());
    await client.feed.join();
    return client;
  }

  get snapshot(): ConferenceSnapshot {
    return this.feed.snapshot!;
  }

  /** Everything this socket was sent, as one string: to look for what must never reach it. */
  everythingSent(): string {
    return JSON.stringify([this.acks, this.received]);
  }

  sync(): Promise<void> {
    return this.feed.resync();
  }

  async until(condition: (snapshot: ConferenceSnapshot) => boolean, timeoutMs = 5000): Promise<ConferenceSnapshot> {
    const until = Date.now() + timeoutMs;
    while (!condition(this.snapshot)) {
      if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms; at version ${this.feed.version}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.snapshot;
  }

  private ask(event: SyncEvent, request: JoinRequest): Promise<JoinAck> {
    return new Promise((resolve) => this.socket.emit(event as typeof ClientEvent.Join, request, (ack: JoinAck) => {
      this.acks.push(ack);
      resolve(ack);
    }));
  }
}
