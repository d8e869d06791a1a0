import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConferenceDelta } from '@hoinghi/contracts';
import type Redis from 'ioredis';

/** A state delta (the totals and quorum, a poll's turnout or tally) as published to its audience's rooms. */
export type StateDelta = ConferenceDelta & { conferenceId: string };

export interface StateRelayOptions {
  /** The owner sends each stream's newest state once per this interval while it changes (`LIVE_COALESCE_MS`). */
  cadenceMs: number;
}

export interface StateRelayLogger {
  warn(message: string): void;
}

/**
 * Newer wins: a relay that publishes an older batch late (a retry after a Redis outage) must not
 * overwrite the state another relay has already offered. Stored as `<version>|<json>`, so the
 * script compares without decoding.
 */
const OFFER = `
  local current = redis.call('HGET', KEYS[1], ARGV[1])
  if current and tonumber(string.match(current, '^(%d+)|')) >= tonumber(ARGV[2]) then return 0 end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return 1`;

/** Take the lease if free, renew it if ours; the owner gets the states, anyone else nil. */
const TICK = `
  local owner = redis.call('GET', KEYS[1])
  if owner and owner ~= ARGV[1] then return false end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return redis.call('HGETALL', KEYS[2])`;

const RELEASE = `
  if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
  return 0`;

/** The newest states outlive any ownership: a new owner sends them once (clients drop what they have). */
const STATE_TTL_MS = 10 * 60_000;

const stateKey = (conferenceId: string) => `hoinghi:live-state:${conferenceId}`;
export const stateOwnerKey = (conferenceId: string) => `hoinghi:live-state-owner:${conferenceId}`;

interface Candidate {
  timer: NodeJS.Timeout;
  /** When this process last offered a state of the conference, or (owning it) last sent one. */
  activeAt: number;
  owner: boolean;
  /** Per stream and type, the version this process last sent while owner. */
  sent: Map<string, number>;
  ticking: Promise<void> | null;
}

/**
 * Sends each conference's state deltas to their audiences from one process per conference, on a
 * fixed cadence. Every relay that publishes a state delta (meeting instances, the worker) offers it
 * to Redis, where only the newest per stream and type is kept, and becomes a candidate for the
 * conference; each candidate ticks every `cadenceMs`, and the one that holds the conference's lease
 * (a Redis key with a TTL, renewed at each tick) sends whatever is newer than what it last sent.
 * So every site gets the totals at most once per cadence however many instances commit check-ins,
 * instead of once per cadence per instance. When the owner dies its lease runs out and the next
 * candidate's tick takes it; when it stops gracefully it hands the lease back. A candidate that has
 * neither offered nor sent anything for a while retires (and an owner hands its lease back).
 */
export class StateRelay {
  /** Who holds a lease: the host and process, for someone reading Redis. */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly candidates = new Map<string, Candidate>();
  /** Missing 4 ticks in a row (a stalled or dead owner) lets another candidate take over. */
  private readonly leaseMs: number;
  /** A candidate stays longer than a dead owner's lease, so that one of them sends its last offer. */
  private readonly idleMs: number;
  private stopped = false;
  /** While Redis is away every tick fails: said once, not four times a second. */
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly send: (rooms: string[], delta: StateDelta) => void,
    private readonly options: StateRelayOptions,
    private readonly log: StateRelayLogger,
  ) {
    this.leaseMs = Math.max(1000, 4 * options.cadenceMs);
    this.idleMs = 2 * this.leaseMs + options.cadenceMs;
  }

  /** Offers the newest state of each stream and type to the conference's owner. Throws when Redis did not take it. */
  async offer(conferenceId: string, states: Array<{ rooms: string[]; delta: StateDelta }>): Promise<void> {
    await Promise.all(states.map(({ rooms, delta }) => this.redis.eval(
      OFFER, 1, stateKey(conferenceId), `${delta.stream}|${delta.type}`, delta.version, JSON.stringify({ rooms, delta }), STATE_TTL_MS,
    )));
    if (this.stopped) return;
    const candidate = this.candidates.get(conferenceId);
    if (candidate) candidate.activeAt = Date.now();
    else {
      const joined: Candidate = {
        timer: setInterval(() => void this.tick(conferenceId, joined), this.options.cadenceMs),
        activeAt: Date.now(), owner: false, sent: new Map(), ticking: null,
      };
      this.candidates.set(conferenceId, joined);
    }
  }

  /** Hands every lease back after sending what is newer, so another process need not wait for it to run out. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const [conferenceId, candidate] of this.candidates) {
      clearInterval(candidate.timer);
      await candidate.ticking;
      if (candidate.owner) await this.tick(conferenceId, candidate);
      await this.retire(conferenceId, candidate);
    }
  }

  private tick(conferenceId: string, candidate: Candidate): Promise<void> {
    candidate.ticking ??= this.takeTurn(conferenceId, candidate).finally(() => {
      candidate.ticking = null;
    });
    return candidate.ticking;
  }

  private async takeTurn(conferenceId: string, candidate: Candidate): Promise<void> {
    try {
      const states = await this.redis.eval(TICK, 2, stateOwnerKey(conferenceId), stateKey(conferenceId), this.id, this.leaseMs) as string[] | null;
      const now = Date.now();
      if (states === null) {
        candidate.owner = false;
        candidate.sent.clear(); // if it comes back to us, what we sent may be stale for the sockets
      } else {
        if (!candidate.owner) candidate.activeAt = now;
        candidate.owner = true;
        for (let i = 0; i < states.length; i += 2) this.sendIfNewer(candidate, states[i], states[i + 1], now);
      }
      this.failing = false;
      if (!this.stopped && now - candidate.activeAt > this.idleMs) await this.retire(conferenceId, candidate);
    } catch (error) {
      // Redis away: the lease runs out, and whoever holds it after the outage sends the newest states.
      if (!this.failing) this.log.warn(`state relay: ticks fail until Redis answers again: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  private sendIfNewer(candidate: Candidate, field: string, value: string, now: number): void {
    const bar = value.indexOf('|');
    const version = Number(value.slice(0, bar));
    if (version <= (candidate.sent.get(field) ?? 0)) return;
    const { rooms, delta } = JSON.parse(value.slice(bar + 1)) as { rooms: string[]; delta: StateDelta };
    this.send(rooms, delta);
    candidate.sent.set(field, version);
    candidate.activeAt = now;
  }

  private async retire(conferenceId: string, candidate: Candidate): Promise<void> {
    clearInterval(candidate.timer);
    this.candidates.delete(conferenceId);
    if (!candidate.owner) return;
    candidate.owner = false;
    await this.redis.eval(RELEASE, 1, stateOwnerKey(conferenceId), this.id).catch((error: unknown) => {
      this.log.warn(`conference ${conferenceId}: state lease not handed back, it runs out by itself: ${(error as Error).message}`);
    });
  }
}
