// Live updates as the sites receive them: who may see what (by every path), a change the worker
// makes reaching the sockets, and nothing lost or misreported when Redis goes away.
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { writeChange, lockConference } from '@hoinghi/change-log';
import type {
  AttendanceRecordView, AttendanceSummary, ConferenceSnapshot, FloorEvent, FloorQueueEvent, FloorRequestView, JoinAck, ParticipantView,
} from '@hoinghi/contracts';
import { ClientEvent, RedisChannel } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { loadWorkerConfig } from '../apps/worker/src/config/worker-config';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { FlakyLink } from './support/flaky-link';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';
import { testAppDatabaseUrl } from './support/test-config';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const REASON = 'Đi học lớp bồi dưỡng tại Học viện Chính trị khu vực IV';

describe('live updates', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[]; // 0: the main hall, 1: Sa Đéc, 2: Lai Vung
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  const run = `lu${Date.now().toString(36)}`;
  const delegates = new Map<number, ParticipantView[]>(); // by site index
  const delegateLogins = new Map<string, string>(); // participant id → username
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;
  const site = (i: number) => snapshot.sites[i].id;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung']));
    conferenceId = snapshot.conference.id;
    for (const i of [1, 2]) {
      const list: ParticipantView[] = [];
      for (const n of [1, 2, 3]) {
        const username = `${run}.db${i}${n}`;
        const user = await meeting.createUser(username, `Đại biểu ${n} ${snapshot.sites[i].name}`);
        const added = await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role: 'delegate', siteId: site(i) });
        expect(added.status).toBe(201);
        list.push(added.body);
        delegateLogins.set(added.body.id, username);
      }
      delegates.set(i, list);
    }
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  const live = async (who: Api | string) => LiveClient.join(await meeting.connect(typeof who === 'string' ? who : who.token!), conferenceId);

  it("never gives a site another site's delegate records or absence reasons: live, catch-up, snapshot or REST", async () => {
    const [laiVung, saDec, saDecDelegate, chairConsole] = await Promise.all([
      live(operators[2]), live(operators[1]), live(await meeting.login(delegateLogins.get(delegates.get(1)![0].id)!)), live(chair),
    ]);
    const before = laiVung.snapshot.version;

    const absent = delegates.get(1)![1];
    const checked = await operators[1].put<AttendanceRecordView>(path(`/sites/${site(1)}/attendance/${absent.id}`), { status: 'absent', reason: REASON });
    expect(checked.status).toBe(200);
    await operators[1].put(path(`/sites/${site(1)}/attendance/${delegates.get(1)![0].id}`), { status: 'present' });

    // Sa Đéc's operator has the record and the reason; everyone has the new totals.
    await saDec.until((s) => s.records.some((r) => r.participantId === absent.id && r.reason === REASON));
    for (const client of [laiVung, saDecDelegate, chairConsole]) await client.until((s) => s.attendance.totals.absent === 1 && s.attendance.totals.present === 1, 3000);
    await chairConsole.until((s) => s.attendance.perSite.find((p) => p.siteId === site(1))?.absent === 1);

    // Live: nothing of Sa Đéc's delegates reached Lai Vung, Sa Đéc's own delegates, or the chair's socket.
    for (const client of [laiVung, saDecDelegate, chairConsole]) {
      expect(client.everythingSent()).not.toContain(REASON);
      expect(client.everythingSent()).not.toContain(absent.id);
      expect(client.received.some((d) => d.type === 'attendance.record')).toBe(false);
    }
    expect(laiVung.received.some((d) => d.stream === `site:${site(1)}`)).toBe(false);
    expect(saDec.everythingSent()).toContain(REASON);

    // Catch-up: Lai Vung comes back from before the check-ins and gets only the totals.
    const socket = await meeting.connect(operators[2].token!);
    const ack = await new Promise<JoinAck>((resolve) => socket.emit(ClientEvent.Join, { conferenceId, sinceVersion: before }, resolve));
    if (!ack.ok || ack.mode !== 'deltas') throw new Error(`expected deltas, got ${JSON.stringify(ack).slice(0, 200)}`);
    expect(ack.deltas.map((d) => d.type)).toEqual(['attendance.totals']); // coalesced: the newest only
    expect(JSON.stringify(ack)).not.toContain(REASON);
    // Sa Đéc catching up from the same version gets the deltas it had live, to the letter (`at` included).
    const saDecAgain = await meeting.connect(operators[1].token!);
    const again = await new Promise<JoinAck>((resolve) => saDecAgain.emit(ClientEvent.Join, { conferenceId, sinceVersion: before }, resolve));
    if (!again.ok || again.mode !== 'deltas') throw new Error('expected deltas');
    const chained = (d: { prev: number | null }) => d.prev !== null;
    expect(again.deltas.filter(chained)).toEqual(saDec.received.filter(chained).map(({ conferenceId: _, ...d }) => d));
    expect(again.deltas.filter(chained).map((d) => d.type)).toEqual(['attendance.record', 'attendance.site', 'attendance.record', 'attendance.site']);

    // Snapshot: Lai Vung sees the main hall and itself, its own counts, the totals, no records of others.
    const fresh = await live(operators[2]);
    expect(fresh.snapshot.sites.map((s) => s.id).sort()).toEqual([site(0), site(2)].sort());
    expect(fresh.snapshot.attendance.perSite.map((p) => p.siteId)).toEqual([site(2)]);
    expect(fresh.snapshot.records.map((r) => r.siteId)).toEqual([site(2), site(2), site(2)]);
    expect(fresh.everythingSent()).not.toContain(REASON);
    expect(fresh.everythingSent()).not.toContain(absent.fullName);
    // The chair's console gets every site, without anyone's records.
    const chairFresh = await live(chair);
    expect(chairFresh.snapshot.sites).toHaveLength(3);
    expect(chairFresh.snapshot.records).toEqual([]);

    // REST: the same rule.
    const laiVungApi = operators[2];
    expect((await laiVungApi.get(path(`/sites/${site(1)}/attendance`))).status).toBe(403);
    const rest = [
      await laiVungApi.get(path()),
      await laiVungApi.get(path('/participants')),
      await laiVungApi.get<AttendanceSummary>(path('/attendance')),
    ];
    for (const answer of rest) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(REASON);
      expect(JSON.stringify(answer.body)).not.toContain(absent.id);
    }
    expect((rest[2].body as AttendanceSummary).perSite.map((p) => p.siteId)).toEqual([site(2)]);
    const own = await operators[1].get<AttendanceRecordView[]>(path(`/sites/${site(1)}/attendance`));
    expect(own.body.find((r) => r.participantId === absent.id)?.reason).toBe(REASON);
  });

  it('tells a site only of its own floor requests, with its place in the whole queue', async () => {
    const [laiVung, chairConsole] = await Promise.all([live(operators[2]), live(chair)]);
    const first = await operators[1].post<FloorRequestView>(path('/floor/requests'), { siteId: site(1) });
    const second = await operators[2].post<FloorRequestView>(path('/floor/requests'), { siteId: site(2) });
    expect(second.body).toMatchObject({ place: 2, siteName: snapshot.sites[2].name });
    await laiVung.until((s) => s.floor.queue.length === 1 && s.floor.queue[0].place === 2);
    await chairConsole.until((s) => s.floor.queue.map((r) => r.id).join() === [first.body.id, second.body.id].join());

    await chair.post(path(`/floor/requests/${first.body.id}/grant`));
    const seen = await laiVung.until((s) => s.floor.holder?.id === first.body.id && s.floor.queue[0]?.place === 1);
    expect(seen.floor.holder?.siteName).toBe(snapshot.sites[1].name); // a site it cannot see otherwise
    expect(laiVung.received.filter((d) => d.type === 'floor.requests').every((d) => d.stream === `site:${site(2)}`)).toBe(true);
    await chair.post(path('/floor/end'));
    await chair.delete(path(`/floor/requests/${second.body.id}`));
  });

  it('chains a change to the previous chained change of its stream, never to coalesced totals: no gap for anyone', async () => {
    const [laiVung, chairConsole] = await Promise.all([live(operators[2]), live(chair)]);
    const before = laiVung.snapshot.totalsVersion;
    await operators[1].put(path(`/sites/${site(1)}/attendance/${delegates.get(1)![2].id}`), { status: 'present' });
    await laiVung.until((s) => s.totalsVersion > before);
    const request = await operators[2].post<FloorRequestView>(path('/floor/requests'), { siteId: site(2) });
    await chair.post(path(`/floor/requests/${request.body.id}/grant`));
    await laiVung.until((s) => s.floor.holder?.id === request.body.id);
    await chairConsole.until((s) => s.floor.holder?.id === request.body.id);

    // The holder follows the conference stream's last chained delta, not the totals written after it.
    const holder = laiVung.received.find((d) => d.type === 'floor.holder' && d.data.holder?.id === request.body.id)!;
    const [previous] = await meeting.dataSource.query(
      'SELECT type, prev FROM conference_events WHERE conference_id = $1 AND version = $2', [conferenceId, holder.prev]);
    expect(previous.type).not.toBe('attendance.totals');
    expect(previous.prev).not.toBeNull();
    for (const client of [laiVung, chairConsole]) expect(client.acks).toHaveLength(1); // the join: never a sync
    await chair.post(path('/floor/end'));
  });

  it('commits a burst of check-ins in groups: each answered with its own record, a refused one alone, the counts exact', async () => {
    const burst: ParticipantView[] = [];
    for (let n = 0; n < 20; n += 1) {
      const user = await meeting.createUser(`${run}.burst${n}`, `Đại biểu dự khuyết ${n} Sa Đéc`);
      burst.push((await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role: 'delegate', siteId: site(1) })).body);
    }
    const [saDec, chairConsole] = await Promise.all([live(operators[1]), live(chair)]);
    const [{ max: lastVersion }] = await meeting.dataSource.query('SELECT max(version)::int AS max FROM conference_events WHERE conference_id = $1', [conferenceId]);
    const statusOf = (n: number) => (n % 4 === 0 ? 'late' : 'present');
    const checkIn = (who: Api, siteIndex: number, participantId: string, body: object) =>
      who.put<AttendanceRecordView>(path(`/sites/${site(siteIndex)}/attendance/${participantId}`), body);

    const answers = await Promise.all([
      ...burst.map((d, n) => checkIn(operators[1], 1, d.id, { status: statusOf(n) })),
      checkIn(operators[1], 1, delegates.get(2)![0].id, { status: 'present' }), // a Lai Vung delegate at Sa Đéc
      checkIn(operators[2], 1, burst[0].id, { status: 'absent', reason: REASON }), // Lai Vung's operator at Sa Đéc
      checkIn(operators[1], 1, burst[1].id, { status: 'late' }), // the same delegate twice in one burst
    ]);
    answers.slice(0, 20).forEach((answer, n) => {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ participantId: burst[n].id, siteId: site(1), status: statusOf(n) });
    });
    expect(answers[20]).toMatchObject({ status: 404, body: { error: 'PARTICIPANT_NOT_AT_SITE' } });
    expect(answers[21]).toMatchObject({ status: 403, body: { error: 'ROLE_FORBIDDEN' } });
    expect(answers[22]).toMatchObject({ status: 200, body: { participantId: burst[1].id, status: 'late' } });

    // Fewer transactions than check-ins: a group's deltas share its commit time. One audit line each.
    const [{ groups, records }] = await meeting.dataSource.query(
      `SELECT count(DISTINCT created_at)::int AS groups, count(*)::int AS records FROM conference_events
        WHERE conference_id = $1 AND type = 'attendance.record' AND version > $2`, [conferenceId, lastVersion]);
    expect(records).toBe(21);
    expect(groups).toBeLessThan(21);
    const [{ audits }] = await meeting.dataSource.query(
      `SELECT count(*)::int AS audits FROM audit_entries WHERE conference_id = $1 AND action = 'attendance.check-in' AND details->>'participantId' = ANY($2)`,
      [conferenceId, burst.map((d) => d.id)]);
    expect(audits).toBe(21);

    // The kept counts are those of the records, and both consoles have them without asking again.
    const [fresh] = await meeting.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('present', 'late') AND checked_out_at IS NULL)::int AS present,
              count(*) FILTER (WHERE status = 'late' AND checked_out_at IS NULL)::int AS late
         FROM attendance_records WHERE site_id = $1`, [site(1)]);
    const [kept] = await meeting.dataSource.query('SELECT present, late FROM site_attendance WHERE site_id = $1', [site(1)]);
    expect(kept).toEqual(fresh);
    const siteCounts = (s: ConferenceSnapshot) => s.attendance.perSite.find((c) => c.siteId === site(1))!;
    await saDec.until((s) => siteCounts(s).present === fresh.present && siteCounts(s).late === fresh.late);
    await chairConsole.until((s) => siteCounts(s).present === fresh.present && s.attendance.totals.present === kept.present + s.attendance.perSite
      .filter((c) => c.siteId !== site(1)).reduce((sum, c) => sum + c.present, 0));
    expect(saDec.snapshot.records.filter((r) => burst.some((d) => d.id === r.participantId && r.status !== null))).toHaveLength(20);
    for (const client of [saDec, chairConsole]) expect(client.acks).toHaveLength(1); // the join: never a sync
  });

  it('delivers a change the worker makes to the sockets, as the platform, and repairs drifted counts', async () => {
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(loadWorkerConfig({ NODE_ENV: 'test', DATABASE_URL: testAppDatabaseUrl(), REDIS_URL, RELAY_SWEEP_MS: '200' })), { logger: ['error'] },
    );
    try {
      await worker.init();
      // A second conference, scheduled but not started, whose kept counts drifted from its records.
      const other = await chair.post<ConferenceSnapshot>('/conferences', {
        title: 'Hội nghị sơ kết', kind: 'review', hostUnitId: snapshot.conference.hostUnitId,
        plannedStart: '2026-12-02T00:30:00Z', plannedEnd: '2026-12-02T04:00:00Z',
        sites: [{ key: 'main', name: 'Hội trường', orgUnitId: snapshot.sites[0].orgUnitId, isMain: true }, { key: 'd', name: 'Điểm cầu Lai Vung', orgUnitId: snapshot.sites[0].orgUnitId }],
        agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 5 }],
      });
      const id = other.body.conference.id;
      const district = other.body.sites[1].id;
      const operator = await meeting.createUser(`${run}.wop`, 'Kỹ thuật viên Lai Vung');
      await chair.post(`/conferences/${id}/participants`, { userId: operator.id, role: 'site_operator', siteId: district });
      await chair.post(`/conferences/${id}/schedule`);
      await meeting.dataSource.query('UPDATE site_attendance SET present = present + 5 WHERE site_id = $1', [district]);
      const client = await LiveClient.join(await meeting.connect(await meeting.login(`${run}.wop`)), id);
      expect(client.snapshot.attendance.perSite[0].present).toBe(5);

      // The start leaves a recount job in its outbox; the worker repairs the site and publishes, as the platform.
      expect((await chair.post(`/conferences/${id}/start`)).status).toBe(200);
      const repaired = await client.until((s) => s.attendance.perSite[0].present === 0, 15_000);
      expect(repaired.conference.status).toBe('live');
      const delta = client.received.find((d) => d.type === 'attendance.site')!;
      expect(delta.stream).toBe(`site:${district}`);
      const audit = (await chair.get<Array<{ action: string; actorUserId: string | null; details: Record<string, unknown> }>>(`/conferences/${id}/audit`)).body;
      expect(audit.filter((e) => e.action === 'attendance.recount')).toEqual([
        expect.objectContaining({ actorUserId: null, details: { repairedSites: [district] } }),
      ]);
      const [job] = await meeting.dataSource.query('SELECT delivered_at FROM outbox_messages WHERE conference_id = $1', [id]);
      expect(job.delivered_at).not.toBeNull();
    } finally {
      await worker.close();
    }
  });

  // (A real Redis stopped for everyone: test/security/redis-outage.e2e-spec.ts.)
  it('answers a change made on an instance that lost Redis as done, and delivers it once, in order, through any relay', async () => {
    const redisPort = Number(new URL(REDIS_URL).port || 6379);
    const link = await FlakyLink.start(redisPort);
    const cut = await MeetingHarness.start({ redisUrl: `redis://127.0.0.1:${link.port}`, relaySweepMs: 200 });
    const media = new Redis(REDIS_URL); // stands for the media gateway
    const floorEvents: FloorEvent[] = [];
    try {
      await media.subscribe(RedisChannel.Floor);
      media.on('message', (_channel: string, message: string) => {
        const event = JSON.parse(message) as FloorEvent | FloorQueueEvent;
        // Grants and ends (the queue's head has events of its own).
        if (event.conferenceId === conferenceId && event.kind !== 'queue') floorEvents.push(event);
      });
      const cutChair = new Api(cut.url, chair.token);
      const console = await LiveClient.join(await cut.connect(chair.token!), conferenceId);
      const request = await operators[2].post<FloorRequestView>(path('/floor/requests'), { siteId: site(2) });
      await console.until((s) => s.floor.queue.some((r) => r.id === request.body.id));

      link.cut();
      const granted = await cutChair.post(path(`/floor/requests/${request.body.id}/grant`));
      expect(granted.status).toBe(200); // committed, so answered as done: never "nothing was changed"
      const ended = await cutChair.post(path('/floor/end'));
      expect(ended.status).toBe(200);
      // The instance that committed cannot publish; the outbox holds the floor events until a relay that
      // can (the other instance's sweep, or this one once its link is back) delivers them.
      await waitFor(() => floorEvents.length >= 2, 10_000);
      link.restore();
      expect(floorEvents.map((e) => `${e.kind}:${e.requestId}`)).toEqual([`granted:${request.body.id}`, `ended:${request.body.id}`]);
      // The console on the instance that lost Redis catches up (resync notice or the next gap).
      await console.until((s) => s.floor.holder === null && !s.floor.queue.some((r) => r.id === request.body.id), 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(floorEvents).toHaveLength(2); // delivered once
    } finally {
      media.disconnect();
      await cut.stop();
      await link.stop();
    }
  });

  it('records a change made by nobody without an actor or an audit line, and refuses one that names none', async () => {
    const audited = async () => Number((await meeting.dataSource.query('SELECT count(*) AS n FROM audit_entries WHERE conference_id = $1', [conferenceId]))[0].n);
    const auditBefore = await audited();
    await meeting.dataSource.transaction(async (em) => {
      const conference = (await lockConference(em, conferenceId))!;
      const totals = { siteId: 'all' as const, convened: 6, present: 1, late: 0, absent: 1 };
      await writeChange(em, conference, {
        actor: { kind: 'nobody' },
        events: [{ audience: { kind: 'conference' }, type: 'attendance.totals', data: { totals, quorum: { convened: 6, present: 1, required: 4, reached: false } }, state: true }],
      }, new Date());
    });
    expect(await audited()).toBe(auditBefore);
    await expect(meeting.dataSource.transaction(async (em) => {
      const conference = (await lockConference(em, conferenceId))!;
      await writeChange(em, conference, { actor: { kind: 'nobody' }, events: [], audit: { action: 'floor.grant', details: {} } }, new Date());
    })).rejects.toThrow(/no audit line/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
