import { RedisAdapter } from '@socket.io/redis-adapter';
import type { Adapter, BroadcastOptions } from 'socket.io-adapter';
import type { Namespace, Socket } from 'socket.io';

/**
 * The Redis adapter, delivering broadcasts from Redis to this instance's sockets a chunk at a time.
 * A delta to a national conference's room is one socket write for each of the ~1,700 sockets an
 * instance holds (≈ 50 ms of event loop); the totals, the floor holder and the queue places come
 * several times a second. Written in one go, every HTTP request and every transaction holding the
 * conference's row lock on this instance waits behind them (the bench saw 150–350 ms event-loop
 * stalls, and the lock held idle meanwhile). Here the sockets are chosen at once (the room as it is
 * now) and written `chunk` at a time, yielding to I/O between chunks. Deliveries go out in arrival
 * order, so each socket still gets its deltas in the order Redis carried them.
 */
export class PacedRedisAdapter extends (RedisAdapter as unknown as RedisAdapterInternals) {
  /** Set while the parent class turns a Redis message into a local broadcast (its only `apply`). */
  private fromRedis = false;
  private readonly pending: Array<{ sockets: Socket[]; write(socket: Socket): void }> = [];
  /** Sockets this turn of the event loop may still write; reset by the turn's `setImmediate`. */
  private budget: number;
  private turnScheduled = false;

  constructor(nsp: Namespace, pub: unknown, sub: unknown, private readonly chunk: number) {
    super(nsp, pub, sub);
    this.budget = chunk;
  }

  override onmessage(pattern: string, channel: string, msg: Buffer): void {
    this.fromRedis = true;
    try {
      super.onmessage(pattern, channel, msg);
    } finally {
      this.fromRedis = false;
    }
  }

  override apply(opts: BroadcastOptions, callback: (socket: Socket) => void): void {
    if (!this.fromRedis) return super.apply(opts, callback);
    const sockets: Socket[] = [];
    super.apply(opts, (socket) => sockets.push(socket));
    this.pending.push({ sockets, write: callback });
    this.drain();
  }

  /** Writes what this turn's budget allows, oldest broadcast first; the next turn goes on. */
  private drain(): void {
    while (this.budget > 0 && this.pending.length) {
      const head = this.pending[0];
      const batch = head.sockets.splice(0, this.budget);
      batch.forEach(head.write);
      this.budget -= batch.length;
      if (!head.sockets.length) this.pending.shift();
    }
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      this.budget = this.chunk;
      if (this.pending.length) this.drain();
    });
  }
}

/** The adapter for `server.adapter(…)`, which calls it with `new` (so not an arrow function). */
export function createPacedAdapter(pub: unknown, sub: unknown, chunk: number) {
  return function pacedAdapter(nsp: Namespace) {
    return new PacedRedisAdapter(nsp, pub, sub, chunk) as unknown as Adapter;
  };
}

/** The two methods of @socket.io/redis-adapter 8 this class hooks (declared private in its typings). */
type RedisAdapterInternals = new (nsp: Namespace, pub: unknown, sub: unknown) => {
  onmessage(pattern: string, channel: string, msg: Buffer): void;
  apply(opts: BroadcastOptions, callback: (socket: Socket) => void): void;
};
