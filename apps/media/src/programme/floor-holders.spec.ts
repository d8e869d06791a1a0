// The ordering rules of FloorHolders with a scripted meeting service: which of two answers is
// newer cannot be staged reliably end to end (test/media/floor-recovery.e2e-spec.ts covers the rest).
import { Logger } from '@nestjs/common';
import type { FloorEvent } from '@hoinghi/contracts';
import { FloorHolders } from './floor-holders';
import type { FloorSource } from './floor-source';

const CID = 'conf-1';

/** Each holder() call waits until the test answers it. */
class ScriptedSource {
  readonly calls: Array<{ resolve: (siteId: string | null) => void; reject: (error: Error) => void }> = [];
  holder(): Promise<string | null> {
    return new Promise((resolve, reject) => this.calls.push({ resolve, reject }));
  }
}

const event = (kind: FloorEvent['kind'], siteId: string): FloorEvent => ({
  v: 1, kind, conferenceId: CID, requestId: 'r', siteId, participantId: null, at: new Date().toISOString(),
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
});
