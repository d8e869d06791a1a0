import type { ErrorResponse } from './errors';
import { LiveFeed, LiveFeedError, type SyncEvent } from './live-feed';
import { applyDelta, type ConferenceDelta, type JoinAck, type JoinRequest } from './realtime';
import { base, holder, site } from './testing/feed-fixtures';

/**
 * The meeting service's side of join and sync for one viewer, in memory: the deltas it may see, and
 * the answer the gateway gives (the deltas after `sinceVersion`, or a snapshot). `hold` keeps the
 * next answers back until `release`, so deltas can arrive while a request is in flight.
 */
class Server {
  readonly log: ConferenceDelta[] = [];
  readonly asked: string[] = [];
  version = 10;
  refusal: ErrorResponse | null = null;
  /** Versions a catch-up leaves out, as if the log had lost them. */
  readonly lost = new Set<number>();
  private held: Array<() => void> | null = null;

  commit(delta: ConferenceDelta): ConferenceDelta & { conferenceId: string } {
    this.log.push(delta);
    this.version = delta.version;
    return { ...delta, conferenceId: 'c' };
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const answer of held) answer();
  }

  readonly ask = async (event: SyncEvent, request: JoinRequest): Promise<JoinAck> => {
    this.asked.push(`${event} ${request.sinceVersion ?? '-'}`);
    const answer = this.answer(request); // as of the moment it is asked
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
    return answer;
  };

  private answer({ sinceVersion }: JoinRequest): JoinAck {
    if (this.refusal) return { ok: false, error: this.refusal };
    if (sinceVersion !== undefined) {
      const deltas = this.log.filter((d) => d.version > sinceVersion && !this.lost.has(d.version));
      return { ok: true, mode: 'deltas', version: this.version, deltas };
    }
    return { ok: true, mode: 'snapshot', snapshot: { ...this.log.reduce(applyDelta, base(10)), version: this.version } };
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveFeed', () => {
  it('joins with a snapshot, applies live deltas and tells each change; ignores other conferences', async () => {
    const server = new Server();
    const changes: number[] = [];
    const feed = new LiveFeed('c', server.ask, { onChange: (s) => changes.push(s.version) });
    await feed.join();
    feed.receive(server.commit(site(11, 4, 1)));
    feed.receive({ ...holder(12, 11, 'r1'), conferenceId: 'other' });
    feed.receive(server.commit(holder(12, 8, 'r1')));
    expect(feed.snapshot?.attendance.perSite[0].present).toBe(1);
    expect(feed.snapshot?.floor.holder?.id).toBe('r1');
    expect(changes).toEqual([10, 11, 12]);
    expect(server.asked).toEqual(['conference:join -']);
    expect([feed.gaps, feed.snapshots]).toEqual([0, 1]);
  });

  it('catches up from its version on a gap, and applies what arrived meanwhile after the catch-up', async () => {
    const server = new Server();
    const feed = new LiveFeed('c', server.ask);
    await feed.join();
    server.commit(site(11, 4, 1)); // never delivered
    server.hold();
    feed.receive(server.commit(site(12, 11, 2))); // says its predecessor is 11: a gap
    expect(feed.catchingUp).toBe(true);
    feed.receive(server.commit(site(13, 12, 3))); // after the catch-up was asked: waits for it
    server.release();
    await settle();
    expect(server.asked).toEqual(['conference:join -', 'conference:sync 10']);
    expect(feed.version).toBe(13);
    expect(feed.snapshot?.attendance.perSite[0].present).toBe(3);
    expect([feed.gaps, feed.snapshots, feed.catchingUp]).toEqual([1, 1, false]);
  });

  it('takes a snapshot when the catch-up itself has a hole', async () => {
    const server = new Server();
    const feed = new LiveFeed('c', server.ask);
    await feed.join();
    server.commit(site(11, 4, 1));
    server.lost.add(11);
    feed.receive(server.commit(site(12, 11, 2)));
    await settle();
    expect(server.asked).toEqual(['conference:join -', 'conference:sync 10', 'conference:sync -']);
    expect(feed.snapshot?.attendance.perSite[0].present).toBe(2);
    expect(feed.version).toBe(12);
    expect([feed.gaps, feed.snapshots]).toEqual([2, 2]);
  });

  it('after a lost connection ignores the answer in flight and joins again from its version', async () => {
    const server = new Server();
    const feed = new LiveFeed('c', server.ask);
    await feed.join();
    feed.receive(server.commit(site(11, 4, 1)));
    server.hold();
    void feed.resync();
    feed.disconnected();
    server.commit(site(12, 11, 2));
    server.release(); // the old connection's answer (as of 11) arrives late: ignored
    await settle();
    expect(feed.catchingUp).toBe(false);
    await feed.join();
    expect(server.asked).toEqual(['conference:join -', 'conference:sync 11', 'conference:join 11']);
    expect(feed.snapshot?.attendance.perSite[0].present).toBe(2);
    expect(feed.snapshots).toBe(1);
  });

  it('rejects a refused join with the server\'s error, and reports a refused catch-up it started itself', async () => {
    const server = new Server();
    const errors: Error[] = [];
    const feed = new LiveFeed('c', server.ask, { onError: (error) => errors.push(error) });
    await feed.join();
    const expired: ErrorResponse = { statusCode: 401, error: 'SESSION_EXPIRED', message: 'Phiên đã hết hạn.' };
    server.refusal = expired;
    server.commit(site(11, 4, 1));
    feed.receive(server.commit(site(12, 11, 2)));
    await settle();
    expect(errors).toHaveLength(1);
    expect((errors[0] as LiveFeedError).response).toEqual(expired);
    await expect(feed.join()).rejects.toThrow('Phiên đã hết hạn.');
    server.refusal = null;
    await feed.resync(); // the next attempt goes through
    expect(feed.snapshot?.attendance.perSite[0].present).toBe(2);
  });
});
