import { Emitter } from '@socket.io/redis-emitter';
import type { ConferenceDelta } from '@hoinghi/contracts';
import { audienceOf, ServerEvent } from '@hoinghi/contracts';
import { ConferenceEventEntity, ConferenceFeedEntity, OutboxMessageEntity } from '@hoinghi/database';
import { roomsOfAudience } from '@hoinghi/domain';
import Redis from 'ioredis';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import type { ImmediateMessage } from './change-writer';
import { outboxDeliverer } from './outbox-deliverer';
import { closeRedis } from '@hoinghi/server-kit';
import { StateDelta, StateRelay } from './state-relay';

export interface ChangeRelayOptions {
  /** State deltas (totals) of a conference go out once this often while they change, the newest, from one process (`StateRelay`). */
  coalesceMs: number;
  /** How often to look for changes nobody published (a crash, a Redis outage, another writer). */
  sweepMs: number;
  /** Deltas and outbox messages per relay transaction. */
  batchSize: number;
}

/** Delivers one outbox message; throws to have it retried later (the relay keeps the order). */
export type OutboxDeliverer = (message: OutboxMessageEntity) => Promise<void>;

export interface RelayLogger {
  warn(message: string): void;
  error(message: string): void;
}

type Outcome = 'done' | 'more' | 'busy' | 'failed';

const PUBLISHED_NOW_KEPT_MS = 60_000;
const PUBLISH_NOW_TIMEOUT_MS = 1000;

/**
 * Publishes each conference's committed changes in version order, after commit, from any process:
 * deltas to the socket.io rooms of their audience (through Redis, so no socket server is needed
 * here; state deltas by way of the conference's `StateRelay`), then the outbox's side effects. A
 * row lock on the conference's feed lets one relay at a time publish a conference, which is what
 * keeps every socket's deltas in order; whatever fails stays unpublished and is retried by the
 * sweep, so nothing acknowledged is lost.
 */
export class ChangeRelay {
  private readonly emitter: Emitter;
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly states: StateRelay;
  private publishFailures = 0;
  private lastPublishFailure: unknown = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private sweeping = false;
  private closeConnections: () => Promise<void> = async () => undefined;
  /** Outbox messages published by publishNow (id → whether Redis took it), kept a while for a relay that read them before they were marked. */
  private readonly publishedNow = new Map<string, Promise<boolean>>();
  private readonly publishing = new Set<Promise<void>>();

  /** A relay with its own Redis connections (the one each app runs). */
  static connect(dataSource: DataSource, redisUrl: string, options: ChangeRelayOptions, log: RelayLogger): ChangeRelay {
    // Fail fast while Redis is away: the change stays in the log and the sweep publishes it later.
    const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', (error) => log.warn(`Redis: ${error.message}`));
    const outbox = outboxDeliverer(redis, redisUrl, log);
    const relay = new ChangeRelay(dataSource, redis, outbox.deliver, options, log);
    relay.closeConnections = async () => {
      await outbox.close();
      await closeRedis(redis);
    };
    return relay;
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
    private readonly deliver: OutboxDeliverer,
    private readonly options: ChangeRelayOptions,
    private readonly log: RelayLogger,
  ) {
    // The emitter does not await its publishes: collect their failures and check them before committing.
    const publisher = {
      publish: (channel: string, message: Buffer) => redis.publish(channel, message).catch((error: unknown) => {
        this.publishFailures += 1;
        this.lastPublishFailure = error;
      }),
    };
    this.emitter = new Emitter(publisher);
    this.states = new StateRelay(redis, (rooms, delta) => this.emitter.to(rooms).emit(ServerEvent.Delta, delta), { cadenceMs: options.coalesceMs }, log);
  }

  start(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    while (this.running.size || this.sweeping) await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all(this.publishing);
    await this.states.stop();
    await this.closeConnections();
  }

  /** Publishes what a conference has committed; call after each commit. Never throws. */
  kick(conferenceId: string): void {
    if (this.stopped) return;
    if (this.running.has(conferenceId)) {
      this.again.add(conferenceId);
      return;
    }
    this.running.add(conferenceId);
    void this.drain(conferenceId).finally(() => this.running.delete(conferenceId));
  }

  /**
   * Publishes a just-committed change's immediate messages (the floor events) straight away, without
   * waiting for a relay transaction (which under load took 0.1–0.4 s after the commit), then marks them
   * delivered. What fails stays in the outbox for the relay. A relay that read a message before it was
   * marked waits for this publish instead of publishing it again; any other second copy (another
   * process's relay) the receiver drops by the payload's `version`. Never throws.
   */
  publishNow(messages: ImmediateMessage[]): void {
    if (!messages.length || this.stopped) return;
    const published = this.publishImmediate(messages);
    for (const message of messages) this.publishedNow.set(message.id, published);
    const settled = published.then(async (ok) => {
      if (ok) {
        await this.dataSource.query(
          'UPDATE outbox_messages SET delivered_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[]) AND delivered_at IS NULL',
          [messages.map((m) => m.id)],
        ).catch((error: unknown) => this.log.warn(`marking published floor events failed (the relay will send them again): ${(error as Error).message}`));
      }
      // Long enough for a relay transaction that read them before the mark to reach them.
      setTimeout(() => messages.forEach((m) => this.publishedNow.delete(m.id)), PUBLISHED_NOW_KEPT_MS).unref();
    });
    this.publishing.add(settled);
    void settled.finally(() => this.publishing.delete(settled));
  }

  private async publishImmediate(messages: ImmediateMessage[]): Promise<boolean> {
    try {
      if (this.redis.status !== 'ready') return false;
      // A stalled link must not hold the relay, which waits for this outcome before delivering these itself.
      const publishes = Promise.all(messages.map((message) => this.redis.publish(message.channel, JSON.stringify(message.payload))));
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Redis in ${PUBLISH_NOW_TIMEOUT_MS} ms`)), PUBLISH_NOW_TIMEOUT_MS);
      });
      await Promise.race([publishes, stalled]).finally(() => clearTimeout(timer));
      return true;
    } catch (error) {
      this.log.warn(`publishing at commit failed, the relay will: ${(error as Error).message}`);
      return false;
    }
  }

  private async drain(conferenceId: string): Promise<void> {
    try {
      do {
        this.again.delete(conferenceId);
        let outcome: Outcome;
        do outcome = await this.relayOnce(conferenceId);
        while (outcome === 'more');
        if (outcome !== 'done') return; // 'busy': the holder re-checks after its commit; 'failed': the sweep retries
        // A writer that committed while we held the lock found it taken and left its changes to us.
      } while (this.again.has(conferenceId) || (await this.behind(conferenceId)));
    } catch (error) {
      this.log.warn(`publishing conference ${conferenceId} failed, will retry: ${(error as Error).message}`);
    }
  }

  private relayOnce(conferenceId: string): Promise<Outcome> {
    return this.dataSource.transaction(async (em) => {
      const [feed] = await em.query(
        'SELECT published_version AS "publishedVersion" FROM conference_feeds WHERE conference_id = $1 FOR UPDATE SKIP LOCKED',
        [conferenceId],
      ) as { publishedVersion: number }[];
      if (!feed) return 'busy';
      const { batchSize } = this.options;
      const events = await em.find(ConferenceEventEntity, {
        where: { conferenceId, version: MoreThan(feed.publishedVersion) }, order: { version: 'ASC' }, take: batchSize,
      });
      const messages = await em.find(OutboxMessageEntity, { where: { conferenceId, deliveredAt: IsNull() }, order: { id: 'ASC' }, take: batchSize });
      if (events.length) {
        await this.publish(conferenceId, events);
        await em.update(ConferenceFeedEntity, { conferenceId }, { publishedVersion: events[events.length - 1].version });
      }
      const delivered = await this.deliverAll(em, messages);
      if (!delivered) return 'failed';
      return events.length === batchSize || messages.length === batchSize ? 'more' : 'done';
    });
  }

  private async publish(conferenceId: string, events: ConferenceEventEntity[]): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
    // Counted, not reset: relays of other conferences publish on the same connection meanwhile
    // (their failure only makes this batch go out again, which clients drop as duplicates).
    const failuresBefore = this.publishFailures;
    // State deltas carry a whole state: the newest of each stream and type goes to the conference's
    // state relay, which sends it to everyone on its cadence (at 100 check-ins a second, every site
    // gets the totals a few times a second instead of 100 times).
    const states = new Map<string, { rooms: string[]; delta: StateDelta }>();
    for (const event of events) {
      const delta = { ...toDelta(event), conferenceId };
      const rooms = roomsOfAudience(conferenceId, audienceOf(event.stream));
      if (delta.prev === null) states.set(`${delta.stream}|${delta.type}`, { rooms, delta });
      else this.emitter.to(rooms).emit(ServerEvent.Delta, delta);
    }
    // One connection answers in order: once PING is answered, every publish before it was taken.
    await Promise.all([states.size ? this.states.offer(conferenceId, [...states.values()]) : null, this.redis.ping()]);
    if (this.publishFailures > failuresBefore) throw new Error(`Redis refused a publish: ${String(this.lastPublishFailure)}`);
  }

  /** Delivers in order and stops at the first failure, which keeps its attempt count and error. */
  private async deliverAll(em: EntityManager, messages: OutboxMessageEntity[]): Promise<boolean> {
    for (const message of messages) {
      try {
        const publishedNow = this.publishedNow.get(String(message.id));
        if (!publishedNow || !(await publishedNow)) await this.deliver(message);
      } catch (error) {
        await em.update(OutboxMessageEntity, { id: message.id }, {
          attempts: message.attempts + 1, lastError: String((error as Error).message ?? error).slice(0, 500),
        });
        this.log.warn(`outbox message ${message.id} (${message.target}) not delivered, will retry: ${(error as Error).message}`);
        return false;
      }
      await em.update(OutboxMessageEntity, { id: message.id }, { deliveredAt: new Date(), attempts: message.attempts + 1 });
    }
    return true;
  }

  private async behind(conferenceId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT (c.version > f.published_version
               OR EXISTS (SELECT 1 FROM outbox_messages o WHERE o.conference_id = c.id AND o.delivered_at IS NULL AND o.attempts = 0)) AS behind
         FROM conferences c JOIN conference_feeds f ON f.conference_id = c.id WHERE c.id = $1`,
      [conferenceId],
    ) as { behind: boolean }[];
    return row?.behind === true;
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    this.sweeping = true;
    try {
      const rows = await this.dataSource.query(
        `SELECT f.conference_id AS id FROM conference_feeds f JOIN conferences c ON c.id = f.conference_id WHERE c.version > f.published_version
         UNION SELECT DISTINCT conference_id FROM outbox_messages WHERE delivered_at IS NULL`,
      ) as { id: string }[];
      for (const { id } of rows) this.kick(id);
    } catch (error) {
      this.log.warn(`change relay sweep failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}

export function toDelta(event: ConferenceEventEntity): ConferenceDelta {
  return {
    version: event.version, prev: event.prev, stream: event.stream, at: event.createdAt.toISOString(), type: event.type, data: event.data,
  } as ConferenceDelta;
}
