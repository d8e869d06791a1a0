import type { ErrorResponse } from './errors';
import type { ConferenceSnapshot } from './model';
import { ClientEvent, ConferenceFeed, type ConferenceDelta, type JoinAck, type JoinRequest } from './realtime';

export type SyncEvent = typeof ClientEvent.Join | typeof ClientEvent.Sync;

/** Sends `conference:join` or `conference:sync` over the client's connection and resolves with the ack. */
export type AskServer = (event: SyncEvent, request: JoinRequest) => Promise<JoinAck>;

export interface LiveFeedListener {
  /** The copy changed: a delta applied, a catch-up or a snapshot taken. */
  onChange?(snapshot: ConferenceSnapshot): void;
  /** A catch-up the feed started by itself (on a gap) failed; the next join or resync tries again. */
  onError?(error: Error): void;
}

/** The server refused a join or sync: its ErrorResponse. */
export class LiveFeedError extends Error {
  constructor(readonly response: ErrorResponse) {
    super(response.message);
  }
}

/**
 * The client's sync loop around a `ConferenceFeed`, for any transport (the web app, the tests'
 * client, the benchmark's): apply each delta; on a gap catch up (`conference:sync` with the version
 * it has), and when the catch-up itself has a hole take a snapshot; deltas that arrive meanwhile wait
 * and are applied after it. Call `join` on every (re)connection (a new connection is in no room until
 * it joins; with a copy, it asks only for what it missed), `receive` for each `conference:delta`,
 * `resync` on `conference:resync`, and `disconnected` when the connection drops (an answer in flight
 * is lost with it).
 */
export class LiveFeed {
  private feed: ConferenceFeed | null = null;
  private waiting: ConferenceDelta[] = [];
  private inFlight: Promise<void> | null = null;
  /** Grows at each lost connection: an answer to a request of an earlier one is ignored. */
  private connection = 0;
  /** Gaps seen (a missed delta in a stream, live or in a catch-up), and snapshots taken (the first join's included). */
  gaps = 0;
  snapshots = 0;

  constructor(
    readonly conferenceId: string,
    private readonly ask: AskServer,
    private readonly listener: LiveFeedListener = {},
  ) {}

  /** The copy, cut to what this viewer may see; null until the first join is answered. */
  get snapshot(): ConferenceSnapshot | null {
    return this.feed?.snapshot ?? null;
  }

  /** The version the copy is complete up to (what a catch-up asks from). */
  get version(): number | null {
    return this.feed?.version ?? null;
  }

  get catchingUp(): boolean {
    return this.inFlight !== null;
  }

  /** On each connection. Rejects with a LiveFeedError when the server refuses (not convened, session ended). */
  join(): Promise<void> {
    return this.run(ClientEvent.Join);
  }

  /** The server says it may have missed deltas. */
  resync(): Promise<void> {
    return this.run(ClientEvent.Sync);
  }

  disconnected(): void {
    this.connection += 1;
    this.inFlight = null;
  }

  /** A `conference:delta`; deltas of other conferences are ignored. */
  receive(delta: ConferenceDelta & { conferenceId?: string }): void {
    if (delta.conferenceId !== undefined && delta.conferenceId !== this.conferenceId) return;
    if (!this.feed || this.inFlight) {
      this.waiting.push(delta);
      return;
    }
    const verdict = this.feed.receive(delta);
    if (verdict === 'applied') this.listener.onChange?.(this.feed.snapshot);
    else if (verdict === 'gap') {
      this.gaps += 1;
      this.waiting.push(delta); // applied after the catch-up, unless the catch-up already has it
      this.run(ClientEvent.Sync).catch((error: Error) => this.listener.onError?.(error));
    }
  }

  /** One join or sync at a time: a second call while one is in flight waits for that one. */
  private run(event: SyncEvent): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const running: Promise<void> = this.catchUp(event, this.connection).finally(() => {
      if (this.inFlight === running) this.inFlight = null;
    });
    this.inFlight = running;
    return running;
  }

  private async catchUp(event: SyncEvent, connection: number): Promise<void> {
    let ack = await this.ask(event, this.request(this.feed?.version));
    for (;;) {
      if (connection !== this.connection) return; // the connection was lost: its next join starts over
      if (!ack.ok) throw new LiveFeedError(ack.error);
      if (!this.take(ack)) {
        // Deltas with a hole (or without a copy to apply them to): start again from a snapshot.
        ack = await this.ask(ClientEvent.Sync, this.request(undefined));
        continue;
      }
      const pending = this.waiting;
      this.waiting = [];
      const verdict = this.feed!.receiveAll(pending);
      this.listener.onChange?.(this.feed!.snapshot);
      if (verdict !== 'gap') return;
      this.gaps += 1;
      ack = await this.ask(ClientEvent.Sync, this.request(this.feed!.version));
    }
  }

  /** Applies a join or sync answer; false when its deltas cannot make the copy complete. */
  private take(ack: Extract<JoinAck, { ok: true }>): boolean {
    if (ack.mode === 'snapshot') {
      this.snapshots += 1;
      if (this.feed) this.feed.reset(ack.snapshot);
      else this.feed = new ConferenceFeed(ack.snapshot);
      return true;
    }
    if (!this.feed) return false;
    if (this.feed.acceptAck(ack) !== 'gap') return true;
    this.gaps += 1;
    return false;
  }

  private request(sinceVersion: number | undefined): JoinRequest {
    return sinceVersion === undefined ? { conferenceId: this.conferenceId } : { conferenceId: this.conferenceId, sinceVersion };
  }
}
