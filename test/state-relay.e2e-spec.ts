// The totals (state deltas) of a conference are sent by one process, on a fixed cadence, whichever
// instance committed them; when that process dies another takes over. Real Redis, real meeting
// instances (one of them a child process from the build, killed with SIGKILL).
import { randomUUID } from 'node:crypto';
import { StateRelay, stateOwnerKey, type StateDelta } from '@hoinghi/change-log';
import type { ConferenceSnapshot, ParticipantView } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';
import { MeetingProcess } from './support/meeting-process';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('state relay: one sender per conference', () => {
  const redis = new Redis(REDIS_URL);
  afterAll(() => redis.disconnect());

  const totals = (conferenceId: string, version: number): StateDelta => ({
    conferenceId, version, prev: null, stream: 'conference', at: new Date().toISOString(), type: 'attendance.totals',
    data: { totals: { siteId: 'all', convened: 30, present: version, late: 0, absent: 0 }, quorum: { convened: 30, present: version, required: 20, reached: false } },
  });

  function candidate() {
    const connection = new Redis(REDIS_URL);
    const sent: number[] = [];
    const warnings: string[] = [];
    const relay = new StateRelay(connection, (_rooms, delta) => sent.push(delta.version), { cadenceMs: 50 }, { warn: (m) => warnings.push(m) });
    return { connection, sent, warnings, relay };
  }

  it('lets only the lease holder send, the newest state once per tick; another takes over when it dies, and a stop hands the lease back', async () => {
    const conferenceId = randomUUID();
    const [a, b] = [candidate(), candidate()];
    try {
      // Both commit changes of the conference (as two meeting instances would) and offer their totals.
      for (let version = 1; version <= 20; version++) {
        await (version % 2 ? a : b).relay.offer(conferenceId, [{ rooms: [`conference:${conferenceId}`], delta: totals(conferenceId, version) }]);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      await until(() => a.sent.includes(20) || b.sent.includes(20), 'the newest totals sent');
      const [owner, other] = a.sent.length ? [a, b] : [b, a];
      expect(other.sent).toEqual([]);
      expect(owner.sent.every((version, i) => i === 0 || version > owner.sent[i - 1])).toBe(true); // never an older one, never twice
      expect(await redis.get(stateOwnerKey(conferenceId))).toBe(owner.relay.id);

      // The owner dies (its connection is gone, it renews nothing); the other's next offer goes out once the lease has run out.
      owner.connection.disconnect();
      await other.relay.offer(conferenceId, [{ rooms: [`conference:${conferenceId}`], delta: totals(conferenceId, 21) }]);
      await until(() => other.sent.includes(21), 'the other candidate to take over');
      expect(owner.sent).not.toContain(21);
      expect(other.sent).toEqual([21]); // only what is newer than the conference's newest state
      expect(await redis.get(stateOwnerKey(conferenceId))).toBe(other.relay.id);

      await other.relay.stop();
      expect(await redis.get(stateOwnerKey(conferenceId))).toBeNull();
    } finally {
      for (const c of [a, b]) {
        await c.relay.stop();
        c.connection.disconnect();
      }
    }
  });
});

describe('totals across two meeting instances', () => {
  let b: MeetingHarness;
  let a: MeetingProcess | undefined;
  const run = `sr${Date.now().toString(36)}`;
  const redis = new Redis(REDIS_URL);

  beforeAll(async () => {
    // B publishes only what it commits itself (no sweep during the test).
    b = await MeetingHarness.start({ relaySweepMs: 60_000 });
  });

  afterAll(async () => {
    await a?.kill();
    await b?.stop();
    redis.disconnect();
  });

  it('sends a conference\'s totals from the instance holding the lease, and from the other once that one is killed', async () => {
    const { chair, operators, snapshot } = await b.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung']);
    const conferenceId = snapshot.conference.id;
    const saDec = snapshot.sites[1].id;
    const delegates: ParticipantView[] = [];
    for (const n of [1, 2]) {
      const user = await b.createUser(`${run}.db${n}`, `Đại biểu ${n} Sa Đéc`);
      delegates.push((await chair.post<ParticipantView>(`/conferences/${conferenceId}/participants`, { userId: user.id, role: 'delegate', siteId: saDec })).body);
    }
    // Convening them changed the totals, so B took the lease; with nothing more to send it hands it back.
    const lease = stateOwnerKey(conferenceId);
    await until(async () => (await redis.get(lease))?.includes(`:${process.pid}:`) === true, 'B to take the lease');
    await until(async () => (await redis.get(lease)) === null, 'B to hand the lease back once idle');
    a = await MeetingProcess.start();
    const checkIn = (api: Api, delegate: ParticipantView) =>
      api.put(`/conferences/${conferenceId}/sites/${saDec}/attendance/${delegate.id}`, { status: 'present' });

    // Lai Vung's operator, on B, sees the totals move only through attendance.totals (Sa Đéc's own counts go to Sa Đéc and the chairs).
    const laiVung = await LiveClient.join(await b.connect(operators[2].token!), conferenceId);
    const present = (s: ConferenceSnapshot) => s.attendance.totals.present;

    expect((await checkIn(new Api(a.url, operators[1].token), delegates[0])).status).toBe(200);
    await laiVung.until((s) => present(s) === 1, 10_000);
    expect(await redis.get(lease)).toContain(`:${a.child.pid}:`);

    await a.kill();
    expect((await checkIn(operators[1], delegates[1])).status).toBe(200);
    await laiVung.until((s) => present(s) === 2, 10_000);
    expect(await redis.get(lease)).toContain(`:${process.pid}:`);
    expect(laiVung.received.filter((d) => d.type === 'attendance.site')).toEqual([]);
  });
});
