import {
  ClientEvent, ConferenceFeed, ServerEvent, type ConferenceDelta, type ConferenceSnapshot, type JoinAck, type JoinRequest,
} from '@hoinghi/contracts';
import type { ConferenceClient } from './meeting-harness';

export type ReceivedDelta = ConferenceDelta & { conferenceId: string };

/**
 * A conference client as a third party would write it from the contracts: joins, keeps a
 * ConferenceFeed, syncs on a gap or a resync notice. Records every payload it was sent, so tests
 * can look for what must never reach it.
 */
export class LiveClient {
  readonly received: ReceivedDelta[] = [];
  readonly acks: JoinAck[] = [];
  private feed!: ConferenceFeed;
  private syncing: Promise<void> | null = null;
  private buffered: ReceivedDelta[] = []; // arrived while joining or syncing

  private constructor(
    readonly socket: ConferenceClient,
    readonly conferenceId: string,
  ) {}

  static async join(socket: ConferenceClient, conferenceId: string, sinceVersion?: number): Promise<LiveClient> {
    const client = new LiveClient(socket, conferenceId);
    socket.on(ServerEvent.Delta, (delta) => {
      client.received.push(delta);
      if (!client.feed || client.syncing) client.buffered.push(delta);
      else if (client.feed.receive(delta) === 'gap') void client.sync();
    });
    socket.on(ServerEvent.Resync, () => void client.sync());
    const ack = await client.ask(ClientEvent.Join, { conferenceId, sinceVersion });
    if (!ack.ok || ack.mode !== 'snapshot') throw new Error(`join: ${JSON.stringify(ack).slice(0, 300)}`);
    client.feed = new ConferenceFeed(ack.snapshot);
    await client.replayBuffered();
    return client;
  }

  get snapshot(): ConferenceSnapshot {
    return this.feed.snapshot;
  }

  /** Everything this socket was sent, as one string: to look for what must never reach it. */
  everythingSent(): string {
    return JSON.stringify([this.acks, this.received]);
  }

  sync(): Promise<void> {
    this.syncing ??= (async () => {
      const ack = await this.ask(ClientEvent.Sync, { conferenceId: this.conferenceId, sinceVersion: this.feed.version });
      if (!ack.ok) throw new Error(`sync: ${ack.error.message}`);
      if (this.feed.acceptAck(ack) === 'gap') {
        const fresh = await this.ask(ClientEvent.Sync, { conferenceId: this.conferenceId });
        if (fresh.ok) this.feed.acceptAck(fresh);
      }
    })().finally(() => {
      this.syncing = null;
      void this.replayBuffered();
    });
    return this.syncing;
  }

  private async replayBuffered(): Promise<void> {
    const pending = this.buffered;
    this.buffered = [];
    if (this.feed.receiveAll(pending) === 'gap') await this.sync();
  }

  async until(condition: (snapshot: ConferenceSnapshot) => boolean, timeoutMs = 5000): Promise<ConferenceSnapshot> {
    const until = Date.now() + timeoutMs;
    while (!condition(this.feed.snapshot)) {
      if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms; at version ${this.feed.version}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.feed.snapshot;
  }

  private ask(event: typeof ClientEvent.Join | typeof ClientEvent.Sync, request: JoinRequest): Promise<JoinAck> {
    return new Promise((resolve) => this.socket.emit(event, request, (ack: JoinAck) => {
      this.acks.push(ack);
      resolve(ack);
    }));
  }
}
