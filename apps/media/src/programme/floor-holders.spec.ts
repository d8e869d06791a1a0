// The ordering rules of FloorHolders with a scripted meeting service: which of two answers is
// newer cannot be staged reliably end to end (test/media/floor-recovery.e2e-spec.ts covers the rest).
import { Logger } from '@nestjs/common';
import type { FloorEvent } from '@hoinghi/contracts';
import { FloorHolders, isStaleFloorEvent } from './floor-holders';
import type { FloorSource } from './floor-source';

const CID = 'conf-1';

/** Each read() waits until the test answers it with a holder (and, optionally, the queue's head). */
class ScriptedSource {
  readonly calls: Array<{ resolve: (siteId: string | null, next?: string[]) => void; reject: (error: Error) => void }> = [];
  read(): Promise<{ holder: string | null; next: string[] }> {
    return new Promise((resolve, reject) => this.calls.push({ resolve: (holder, next = []) => resolve({ holder, next }), reject }));
  }
}

const event = (kind: FloorEvent['kind'], siteId: string, version?: number): FloorEvent => ({
  v: 1, kind, conferenceId: CID, requestId: 'r', siteId, participantId: null, at: new Date().toISOString(), ...(version ? { version } : {}),
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FloorHolders', () => {
  let source: ScriptedSource;
  let holders: FloorHolders;
  let changes: Array<[string, string | null]>;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    source = new ScriptedSource();
    holders = new FloorHolders(source as unknown as FloorSource);
    changes = [];
    holders.onChange((cid, siteId) => changes.push([cid, siteId]));
  });
  afterEach(() => holders.onApplicationShutdown());

  it('answers what the meeting service read', async () => {
    const answer = holders.refresh(CID, 2000);
    source.calls[0].resolve('site-a');
    expect(await answer).toBe('site-a');
    expect(holders.holder(CID)).toBe('site-a');
    expect(changes).toEqual([[CID, 'site-a']]);
  });

  it('an event that arrives while a read is in flight wins over the read', async () => {
    const answer = holders.refresh(CID, 2000);
    expect(holders.applyEvent(event('granted', 'site-b'))).toBe('site-b');
    source.calls[0].resolve('site-a'); // read before the grant committed
    expect(await answer).toBe('site-b');
    expect(holders.holder(CID)).toBe('site-b');
    expect(changes).toEqual([]);

    const ended = holders.refresh(CID, 2000);
    holders.applyEvent(event('ended', 'site-b'));
    source.calls[1].resolve('site-b');
    expect(await ended).toBeNull();
  });

  it('a newer read wins over an older one that answers last', async () => {
    void holders.refresh(CID, 0);
    const newer = holders.refresh(CID, 2000);
    source.calls[1].resolve('site-b');
    expect(await newer).toBe('site-b');
    source.calls[0].resolve('site-a');
    await tick();
    expect(holders.holder(CID)).toBe('site-b');
  });

  it('stops waiting after waitMs with what it knows, and applies the late answer', async () => {
    holders.applyEvent(event('granted', 'site-a'));
    const started = Date.now();
    expect(await holders.refresh(CID, 50)).toBe('site-a');
    expect(Date.now() - started).toBeLessThan(1000);
    source.calls[0].resolve('site-c');
    await tick();
    expect(holders.holder(CID)).toBe('site-c');
    expect(changes).toEqual([[CID, 'site-c']]);
  });

  it('retries a failed read with backoff until it succeeds', async () => {
    const answer = holders.refresh(CID, 2000);
    source.calls[0].reject(new Error('ECONNREFUSED'));
    expect(await answer).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 700)); // first retry after 0.5 s
    expect(source.calls).toHaveLength(2);
    source.calls[1].resolve('site-a');
    await tick();
    expect(changes).toEqual([[CID, 'site-a']]);
  });

  it('stops retrying when an event arrives or the room closes', async () => {
    void holders.refresh(CID, 0);
    source.calls[0].reject(new Error('ECONNREFUSED'));
    await tick();
    holders.applyEvent(event('granted', 'site-a'));
    void holders.refresh('conf-2', 0);
    source.calls[1].reject(new Error('ECONNREFUSED'));
    await tick();
    holders.stopReading('conf-2');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(source.calls).toHaveLength(2);
  });

  it('drops a second or late copy of a versioned event, and keeps applying what is newer', () => {
    expect(holders.applyEvent(event('granted', 'site-a', 10))).toBe('site-a');
    // The next grant replaces the speaker: one change, 'ended' then 'granted', one version.
    expect(holders.applyEvent(event('ended', 'site-a', 12))).toBeNull();
    expect(holders.applyEvent(event('granted', 'site-b', 12))).toBe('site-b');
    // The outbox delivers the same change again, and the older grant late.
    expect(holders.applyEvent(event('ended', 'site-a', 12))).toBe('site-b');
    expect(holders.applyEvent(event('granted', 'site-b', 12))).toBe('site-b');
    expect(holders.applyEvent(event('granted', 'site-a', 10))).toBe('site-b');
    expect(holders.holder(CID)).toBe('site-b');
    expect(holders.applyEvent(event('ended', 'site-b', 15))).toBeNull();
    // An event without a version (an older meeting service) is news.
    expect(holders.applyEvent(event('granted', 'site-c'))).toBe('site-c');
  });

  it('a stale copy does not void a read in flight', async () => {
    holders.applyEvent(event('granted', 'site-a', 10));
    const answer = holders.refresh(CID, 2000);
    holders.applyEvent(event('granted', 'site-x', 9));
    source.calls[0].resolve('site-b');
    expect(await answer).toBe('site-b');
  });
});

describe('FloorHolders: the head of the queue', () => {
  it('keeps the newest head by version; a copy of an older one changes nothing', () => {
    const holders = new FloorHolders(new ScriptedSource() as unknown as FloorSource);
    const queue = (next: string[], version?: number) => ({ v: 1 as const, kind: 'queue' as const, conferenceId: CID, next, at: new Date().toISOString(), version });
    expect(holders.queueHead(CID)).toEqual([]);
    expect(holders.applyQueue(queue(['a', 'b'], 5))).toEqual(['a', 'b']);
    expect(holders.applyQueue(queue(['b'], 8))).toEqual(['b']);
    expect(holders.applyQueue(queue(['a', 'b'], 5))).toEqual(['b']);
    expect(holders.queueHead(CID)).toEqual(['b']);
    expect(holders.applyQueue(queue([]))).toEqual([]);
  });
});

describe('isStaleFloorEvent', () => {
  it('orders by version, and within one change puts ended before granted', () => {
    expect(isStaleFloorEvent(undefined, { kind: 'granted', version: 3 })).toBe(false);
    expect(isStaleFloorEvent({ version: 3, kind: 'granted' }, { kind: 'granted' })).toBe(false);
    expect(isStaleFloorEvent({ version: 3, kind: 'granted' }, { kind: 'ended', version: 2 })).toBe(true);
    expect(isStaleFloorEvent({ version: 3, kind: 'granted' }, { kind: 'ended', version: 4 })).toBe(false);
    expect(isStaleFloorEvent({ version: 3, kind: 'granted' }, { kind: 'ended', version: 3 })).toBe(true);
    expect(isStaleFloorEvent({ version: 3, kind: 'ended' }, { kind: 'granted', version: 3 })).toBe(false);
    expect(isStaleFloorEvent({ version: 3, kind: 'granted' }, { kind: 'granted', version: 3 })).toBe(false);
  });
});

describe('FloorHolders and the queue head', () => {
  let source: ScriptedSource;
  let holders: FloorHolders;
  let queues: Array<[string, string[]]>;
  const queue = (next: string[], version?: number) => ({ v: 1 as const, kind: 'queue' as const, conferenceId: CID, next, at: new Date().toISOString(), ...(version ? { version } : {}) });

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    source = new ScriptedSource();
    holders = new FloorHolders(source as unknown as FloorSource);
    queues = [];
    holders.onQueueChange((cid, next) => queues.push([cid, next]));
  });
  afterEach(() => holders.onApplicationShutdown());

  it('learns the sites next in the queue from a read (a room that opens, Redis that came back)', async () => {
    const answer = holders.refresh(CID, 2000);
    source.calls[0].resolve('site-a', ['site-b', 'site-c']);
    await answer;
    expect(holders.queueHead(CID)).toEqual(['site-b', 'site-c']);
    expect(queues).toEqual([[CID, ['site-b', 'site-c']]]);
  });

  it('keeps a queue event that arrives while a read is in flight over the read\'s queue', async () => {
    const answer = holders.refresh(CID, 2000);
    expect(holders.applyQueue(queue(['site-c'], 7))).toEqual(['site-c']);
    source.calls[0].resolve(null, ['site-b', 'site-c']); // read before the queue moved
    await answer;
    expect(holders.queueHead(CID)).toEqual(['site-c']);
    expect(queues).toEqual([]);
  });

  it('says nothing when a read finds the queue as it was', async () => {
    holders.applyQueue(queue(['site-b']));
    const answer = holders.refresh(CID, 2000);
    source.calls[0].resolve(null, ['site-b']);
    await answer;
    expect(queues).toEqual([]);
  });
});
