import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { FloorEvent, FloorQueueEvent } from '@hoinghi/contracts';
import { FloorSource } from './floor-source';

/** The last versioned floor event a gateway applied to a conference. */
export interface AppliedFloorEvent {
  version: number;
  kind: FloorEvent['kind'];
}

/**
 * Whether a floor event is a second or late copy of news already applied (the meeting service publishes
 * at commit and its outbox again after a failure): older than the last applied, or the 'ended' of the
 * same change after its 'granted' (a grant that replaces a speaker publishes both, in that order).
 * Unversioned events are always news.
 */
export function isStaleFloorEvent(last: AppliedFloorEvent | undefined, event: Pick<FloorEvent, 'kind' | 'version'>): boolean {
  if (event.version === undefined || !last) return false;
  if (event.version !== last.version) return event.version < last.version;
  return event.kind === 'ended' && last.kind === 'granted';
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * Who has the floor in each conference, as this gateway knows it, kept even without a room. Two
 * sources: the meeting service's `hoinghi:floor` events (news as it happens) and reading the meeting
 * service (the truth, for when news may have been missed: a room opens, Redis comes back).
 *
 * Which is newer: every event and every read takes the next number of a per-conference counter, and
 * a read applies only if the counter has not moved while it was in flight. The meeting service
 * publishes an event after its change commits, so an event that arrives during a read is at least as
 * new as what the read saw; so is a read started later. Dropping the older read loses nothing: what
 * moved the counter already told the gateway. (Comparing timestamps would mix two hosts' clocks.)
 */
@Injectable()
export class FloorHolders implements OnApplicationShutdown {
  private readonly log = new Logger('FloorHolders');
  private readonly holders = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly applied = new Map<string, AppliedFloorEvent>();
  /** The head of each conference's floor queue, and the version it came with. */
  private readonly queues = new Map<string, { next: string[]; version: number | undefined }>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private listener: (conferenceId: string, siteId: string | null) => void = () => undefined;
  private queueListener: (conferenceId: string, next: string[]) => void = () => undefined;

  constructor(private readonly source: FloorSource) {}

  onApplicationShutdown(): void {
    for (const conferenceId of [...this.retries.keys()]) this.stopReading(conferenceId);
  }

  /** A read changed a conference's holder (events are applied by whoever passes them in). */
  onChange(listener: (conferenceId: string, siteId: string | null) => void): void {
    this.listener = listener;
  }

  holder(conferenceId: string): string | null {
    return this.holders.get(conferenceId) ?? null;
  }

  /** A `hoinghi:floor` event: the newest news (unless a copy of older news). It voids reads in flight and ends retrying. */
  applyEvent(event: FloorEvent): string | null {
    if (isStaleFloorEvent(this.applied.get(event.conferenceId), event)) return this.holder(event.conferenceId);
    if (event.version !== undefined) this.applied.set(event.conferenceId, { version: event.version, kind: event.kind });
    this.stopReading(event.conferenceId);
    const holder = event.kind === 'granted' ? event.siteId : null;
    this.set(event.conferenceId, holder);
    return holder;
  }

  /** A read changed a conference's queue head (a room that opened, or Redis that came back, learns the warm speakers). */
  onQueueChange(listener: (conferenceId: string, next: string[]) => void): void {
    this.queueListener = listener;
  }

  /** The sites next in a conference's floor queue (as its last queue event or read said; none known: []). */
  queueHead(conferenceId: string): string[] {
    return this.queues.get(conferenceId)?.next ?? [];
  }

  /** A queue event: the new head of the queue, unless a copy older than the last one (by version). */
  applyQueue(event: FloorQueueEvent): string[] {
    const last = this.queues.get(event.conferenceId)?.version;
    if (event.version !== undefined && last !== undefined && event.version < last) return this.queueHead(event.conferenceId);
    this.queues.set(event.conferenceId, { next: event.next, version: event.version });
    return event.next;
  }

  /**
   * Reads the holder from the meeting service; resolves with it, or after `waitMs` with what the
   * gateway knows. The read goes on in the background and, when it fails, is retried with backoff
   * until it succeeds, an event arrives or stopReading(); a result that changes the holder goes to
   * onChange.
   */
  async refresh(conferenceId: string, waitMs: number): Promise<string | null> {
    this.cancelRetry(conferenceId);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<string | null>((resolve) => {
      timer = setTimeout(() => resolve(this.holder(conferenceId)), waitMs);
    });
    try {
      return await Promise.race([this.read(conferenceId, FIRST_RETRY_MS), waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** No more reads for this conference (its room closed); reads in flight are voided. */
  stopReading(conferenceId: string): void {
    this.cancelRetry(conferenceId);
    this.next(conferenceId);
  }

  private async read(conferenceId: string, retryMs: number): Promise<string | null> {
    const ticket = this.next(conferenceId);
    const queueBefore = this.queues.get(conferenceId);
    try {
      const { holder, next } = await this.source.read(conferenceId);
      // A queue event during the read is newer than the read's queue (the same argument as for the holder).
      if (this.queues.get(conferenceId) === queueBefore && next.join() !== this.queueHead(conferenceId).join()) {
        this.queues.set(conferenceId, { next, version: queueBefore?.version });
        this.queueListener(conferenceId, next);
      }
      if (this.counters.get(conferenceId) !== ticket) return this.holder(conferenceId); // something newer came meanwhile
      if (retryMs > FIRST_RETRY_MS) this.log.log(`read the floor holder of conference ${conferenceId} after failures`);
      if (holder !== this.holder(conferenceId)) {
        this.set(conferenceId, holder);
        this.listener(conferenceId, holder);
      }
    } catch (error) {
      if (this.counters.get(conferenceId) === ticket) {
        // Warn on the first failure, then every MAX_RETRY_MS: a meeting service down for long costs a line per 30 s, not a flood.
        if (retryMs === FIRST_RETRY_MS || retryMs === MAX_RETRY_MS) {
          this.log.warn(`cannot read the floor holder of conference ${conferenceId} (retrying in ${retryMs / 1000} s): ${(error as Error).message}`);
        }
        const timer = setTimeout(() => {
          this.retries.delete(conferenceId);
          void this.read(conferenceId, Math.min(retryMs * 2, MAX_RETRY_MS));
        }, retryMs);
        timer.unref();
        this.retries.set(conferenceId, timer);
      }
    }
    return this.holder(conferenceId);
  }

  private set(conferenceId: string, holder: string | null): void {
    if (holder) this.holders.set(conferenceId, holder);
    else this.holders.delete(conferenceId);
  }

  private next(conferenceId: string): number {
    const value = (this.counters.get(conferenceId) ?? 0) + 1;
    this.counters.set(conferenceId, value);
    return value;
  }

  private cancelRetry(conferenceId: string): void {
    clearTimeout(this.retries.get(conferenceId));
    this.retries.delete(conferenceId);
  }
}
