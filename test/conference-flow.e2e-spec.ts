// The foundation's end-to-end story against the real PostgreSQL and Redis: a provincial conference
// with 12 district sites, its agenda run live, attendance from two sites at once, quorum, the floor.
import type {
  AgendaItemView, AttendanceRecordView, AttendanceSummary, ConferenceDelta, ConferenceSnapshot, FloorEvent, FloorQueueEvent, FloorState,
  FloorRequestView, JoinAck, MediaStatusEvent, ParticipantView, UserPage,
} from '@hoinghi/contracts';
import { ClientEvent, RedisChannel, ServerEvent } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { Api, collect, ConferenceClient, MeetingHarness } from './support/meeting-harness';

const DISTRICTS = [
  'Thành phố Cao Lãnh', 'Thành phố Sa Đéc', 'Thành phố Hồng Ngự', 'Huyện Tân Hồng', 'Huyện Hồng Ngự', 'Huyện Tam Nông',
  'Huyện Thanh Bình', 'Huyện Tháp Mười', 'Huyện Cao Lãnh', 'Huyện Lấp Vò', 'Huyện Lai Vung', 'Huyện Châu Thành',
];
const DELEGATES_PER_SITE = 4;

type Delta = ConferenceDelta & { conferenceId: string };

describe('a provincial conference with 12 district sites', () => {
  let meeting: MeetingHarness;
  let api: Api;
  let chair: Api;
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  const operators: Api[] = []; // operators[i] runs snapshot.sites[i]
  const delegatesBySite = new Map<string, ParticipantView[]>();
  const run = `t${Date.now().toString(36)}`; // usernames unique per run

  const siteId = (i: number) => snapshot.sites[i].id;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    api = new Api(meeting.url);
    const province = await meeting.createOrgUnit('Tỉnh Đồng Tháp', 'province');
    const board = await meeting.createOrgUnit('Ban Tổ chức Tỉnh ủy', 'agency', province.id);
    const districts = await Promise.all(DISTRICTS.map((name) => meeting.createOrgUnit(name, 'district', province.id)));
    await meeting.createUser(`${run}.chutri`, 'Trần Văn Cường', { canConvene: true });
    chair = api.as(await meeting.login(`${run}.chutri`));

    const created = await chair.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị trực tuyến góp ý dự thảo Kết luận', kind: 'draft_consultation', hostUnitId: board.id,
      plannedStart: '2026-12-01T00:30:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [
        { key: 'main', name: 'Hội trường Tỉnh ủy', place: 'TP Cao Lãnh', orgUnitId: province.id, isMain: true },
        // Half name the main hall as parent, half leave it implicit: both hang off the main hall.
        ...districts.map((d, i) => ({ key: `d${i}`, name: `Điểm cầu ${d.name}`, place: d.name, orgUnitId: d.id, parentKey: i % 2 ? 'main' : undefined })),
      ],
      agenda: [
        { title: 'Khai mạc', kind: 'report', presenter: 'Ban Tổ chức', plannedMinutes: 5 },
        { title: 'Báo cáo khảo sát Nghị quyết 03-NQ/TU', kind: 'report', presenter: 'Ban Tổ chức', plannedMinutes: 20 },
        { title: 'Góp ý dự thảo Kết luận', kind: 'draft_consultation', presenter: 'Các điểm cầu', plannedMinutes: 40 },
        { title: 'Trao đổi, thảo luận', kind: 'discussion', presenter: 'Các điểm cầu', plannedMinutes: 30 },
        { title: 'Kết luận hội nghị', kind: 'conclusion', presenter: 'Đồng chí Phó Bí thư', plannedMinutes: 10 },
      ],
    });
    expect(created.status).toBe(201);
    snapshot = created.body;
    conferenceId = snapshot.conference.id;

    // An operator and a few delegates per site.
    for (const [i, site] of snapshot.sites.entries()) {
      const operator = await meeting.createUser(`${run}.op${i}`, `Kỹ thuật viên ${site.name}`);
      expect((await chair.post(path('/participants'), { userId: operator.id, role: 'site_operator', siteId: site.id })).status).toBe(201);
      operators.push(api.as(await meeting.login(`${run}.op${i}`)));
      const delegates: ParticipantView[] = [];
      for (let n = 0; n < DELEGATES_PER_SITE; n++) {
        const user = await meeting.createUser(`${run}.db${i}.${n}`, `Đại biểu ${n + 1} ${site.name}`);
        const added = await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role: 'delegate', siteId: site.id });
        expect(added.status).toBe(201);
        delegates.push(added.body);
      }
      delegatesBySite.set(site.id, delegates);
    }
  });

  afterAll(() => meeting?.stop());

  it('creates the site tree: the main hall first, then 12 sites relaying from it', () => {
    expect(snapshot.sites).toHaveLength(13);
    expect(snapshot.sites[0].isMain).toBe(true);
    expect(snapshot.sites.slice(1).every((s) => s.parentSiteId === snapshot.sites[0].id)).toBe(true);
    expect(snapshot.agenda.map((a) => a.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(snapshot.conference.status).toBe('draft');
  });

  it('refuses bad payloads with 400 naming the field', async () => {
    const noTitle = await chair.post('/conferences', { kind: 'review', sites: [], agenda: [] });
    expect(noTitle.status).toBe(400);
    expect(Object.keys(noTitle.body.fields)).toEqual(expect.arrayContaining(['title', 'hostUnitId', 'plannedStart']));

    const badStatus = await operators[1].put(path(`/sites/${siteId(1)}/attendance/${delegatesBySite.get(siteId(1))![0].id}`), { status: 'here' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.fields).toHaveProperty('status');

    const unknownField = await chair.post(path('/floor/requests'), { siteId: siteId(1), priority: 1 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.fields).toHaveProperty('priority');

    const notUuid = await chair.get('/conferences/123');
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.fields).toHaveProperty('conferenceId');
  });

  it('answers 401 without a token, 404 for an unknown conference, 403 for outsiders', async () => {
    expect((await api.get(path())).status).toBe(401);
    expect((await chair.get('/conferences/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    await meeting.createUser(`${run}.outsider`, 'Người ngoài');
    const outsider = api.as(await meeting.login(`${run}.outsider`));
    expect((await outsider.get(path())).status).toBe(403);
    expect((await outsider.post('/conferences', {})).status).toBe(400); // validation runs before the role check
  });

  it('finds organisation units and people with or without diacritics', async () => {
    const units = await chair.get<Array<{ name: string }>>('/org-units?q=sa%20dec');
    expect(units.body.map((u) => u.name)).toContain('Thành phố Sa Đéc');
    const same = await chair.get<Array<{ name: string }>>(`/org-units?q=${encodeURIComponent('SA ĐÉC')}`);
    expect(same.body).toEqual(units.body);
    const people = await chair.get<UserPage>(`/users?q=tran%20van%20cuong`);
    expect(people.body.items.map((p) => p.username)).toContain(`${run}.chutri`);
    expect((await operators[1].get('/users?q=tran')).status).toBe(403);
  });

  it('refuses floor control before the conference is live, with a sentence saying why', async () => {
    const early = await operators[1].post(path('/floor/requests'), { siteId: siteId(1) });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/live|not started|đang diễn ra/i);
  });

  it('goes live and runs its agenda: one active item at a time, actual times recorded', async () => {
    expect((await chair.post(path('/schedule'))).status).toBe(200);
    expect((await operators[1].post(path('/start'))).status).toBe(403); // an operator cannot start it
    const started = await chair.post(path('/start'));
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('live');
    expect((await chair.post(path('/start'))).status).toBe(409);

    let agenda = (await chair.post<AgendaItemView[]>(path('/agenda/next'))).body;
    expect(agenda.map((a) => a.state)).toEqual(['active', 'pending', 'pending', 'pending', 'pending']);
    expect(agenda[0].startedAt).not.toBeNull();

    // Reordering is allowed for items that have not started, not for the active one.
    const order = [agenda[0].id, agenda[3].id, agenda[1].id, agenda[2].id, agenda[4].id];
    const reordered = await chair.put<AgendaItemView[]>(path('/agenda/order'), { itemIds: order });
    expect(reordered.status).toBe(200);
    expect(reordered.body.map((a) => a.id)).toEqual(order);
    const moveActive = await chair.put(path('/agenda/order'), { itemIds: [order[1], order[0], ...order.slice(2)] });
    expect(moveActive.status).toBe(409);

    agenda = (await chair.post<AgendaItemView[]>(path('/agenda/next'))).body;
    expect(agenda.map((a) => a.state)).toEqual(['done', 'active', 'pending', 'pending', 'pending']);
    expect(agenda[0].endedAt).not.toBeNull();
    const skipped = await chair.post<AgendaItemView[]>(path(`/agenda/${agenda[2].id}/skip`), { reason: 'Chuyển sang phiên chiều' });
    expect(skipped.status).toBe(200);
    expect(skipped.body[2].state).toBe('skipped');
    expect((await operators[2].post(path('/agenda/next'))).status).toBe(403);
  });

  it('takes attendance at two sites at once and computes quorum', async () => {
    const [a, b] = [1, 2];
    const checkIns = [a, b].flatMap((i) =>
      delegatesBySite.get(siteId(i))!.map((d, n) =>
        operators[i].put<AttendanceRecordView>(path(`/sites/${siteId(i)}/attendance/${d.id}`),
          n === 3 ? { status: 'absent', reason: 'Đi công tác' } : { status: n === 2 ? 'late' : 'present' })));
    const results = await Promise.all(checkIns);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));

    const summary = (await chair.get<AttendanceSummary>(path('/attendance'))).body;
    const perSite = new Map(summary.perSite.map((s) => [s.siteId, s]));
    for (const i of [a, b]) expect(perSite.get(siteId(i))).toMatchObject({ convened: 4, present: 3, late: 1, absent: 1 });
    expect(summary.totals).toMatchObject({ convened: 52, present: 6, late: 2, absent: 2 });
    expect(summary.quorum).toMatchObject({ convened: 52, present: 6, required: 35, reached: false });

    // Every other site checks everyone in; 6 + 11 × 4 = 50 present ≥ 35.
    for (const i of snapshot.sites.keys()) {
      if (i === a || i === b) continue;
      await Promise.all(delegatesBySite.get(siteId(i))!.map((d) =>
        operators[i].put(path(`/sites/${siteId(i)}/attendance/${d.id}`), { status: 'present' })));
    }
    const after = (await chair.get<AttendanceSummary>(path('/attendance'))).body;
    expect(after.quorum).toMatchObject({ present: 50, required: 35, reached: true });

    // A delegate who leaves early is checked out and no longer counts; twice is a state error.
    const leaving = delegatesBySite.get(siteId(5))![0];
    const out = await operators[5].post<AttendanceRecordView>(path(`/sites/${siteId(5)}/attendance/${leaving.id}/check-out`));
    expect(out.status).toBe(200);
    expect(out.body.checkedOutAt).not.toBeNull();
    expect((await operators[5].post(path(`/sites/${siteId(5)}/attendance/${leaving.id}/check-out`))).status).toBe(409);
    expect((await chair.get<AttendanceSummary>(path('/attendance'))).body.quorum.present).toBe(49);
  });

  it('does not let the operator of site A check in at site B (403)', async () => {
    const delegateAtB = delegatesBySite.get(siteId(2))![0];
    const attempt = await operators[1].put(path(`/sites/${siteId(2)}/attendance/${delegateAtB.id}`), { status: 'absent', reason: 'x' });
    expect(attempt.status).toBe(403);
    // Nor by naming their own site with B's delegate.
    const smuggled = await operators[1].put(path(`/sites/${siteId(1)}/attendance/${delegateAtB.id}`), { status: 'absent', reason: 'x' });
    expect([403, 404]).toContain(smuggled.status);
    const records = (await operators[2].get<AttendanceRecordView[]>(path(`/sites/${siteId(2)}/attendance`))).body;
    expect(records.find((r) => r.participantId === delegateAtB.id)?.status).toBe('present');
    expect((await operators[1].get(path(`/sites/${siteId(2)}/attendance`))).status).toBe(403);
  });

  it('queues three floor requests, grants them in turn, records speaking time and tells the media gateway', async () => {
    const bus = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    const floorEvents: FloorEvent[] = [];
    const queueEvents: FloorQueueEvent[] = [];
    await bus.subscribe(RedisChannel.Floor);
    bus.on('message', (_channel, message) => {
      const event = JSON.parse(message) as FloorEvent | FloorQueueEvent;
      if (event.conferenceId !== conferenceId) return;
      if (event.kind === 'queue') queueEvents.push(event);
      else floorEvents.push(event);
    });
    try {
      const requests: FloorRequestView[] = [];
      for (const i of [3, 5, 7]) {
        const r = await operators[i].post<FloorRequestView>(path('/floor/requests'), { siteId: siteId(i) });
        expect(r.status).toBe(201);
        requests.push(r.body);
      }
      expect((await operators[3].post(path('/floor/requests'), { siteId: siteId(3) })).status).toBe(409); // already queued
      expect((await operators[3].post(path(`/floor/requests/${requests[0].id}/grant`))).status).toBe(403);

      let floor = (await chair.get<ConferenceSnapshot>(path())).body.floor;
      expect(floor.holder).toBeNull();
      expect(floor.queue.map((r) => r.siteId)).toEqual([siteId(3), siteId(5), siteId(7)]);

      // The chair moves the third request to the front, then grants down the queue.
      floor = (await chair.put<FloorState>(path(`/floor/requests/${requests[2].id}/position`), { position: 1 })).body;
      expect(floor.queue.map((r) => r.siteId)).toEqual([siteId(7), siteId(3), siteId(5)]);

      floor = (await chair.post<FloorState>(path(`/floor/requests/${requests[2].id}/grant`))).body;
      expect(floor.holder?.siteId).toBe(siteId(7));
      await new Promise((r) => setTimeout(r, 1100));
      floor = (await chair.post<FloorState>(path(`/floor/requests/${requests[0].id}/grant`))).body;
      expect(floor.holder?.siteId).toBe(siteId(3));
      floor = (await chair.post<FloorState>(path(`/floor/requests/${requests[1].id}/grant`))).body;
      expect(floor.holder?.siteId).toBe(siteId(5));
      expect(floor.queue).toHaveLength(0);
      floor = (await chair.post<FloorState>(path('/floor/end'))).body;
      expect(floor.holder).toBeNull();
      expect((await chair.post(path('/floor/end'))).status).toBe(409); // nobody has the floor

      const audit = (await chair.get<Array<{ action: string; details: Record<string, unknown> }>>(path('/audit'))).body;
      expect(audit.filter((e) => e.action === 'floor.grant')).toHaveLength(3);
      expect(audit.some((e) => e.action === 'attendance.check-in')).toBe(true);

      await waitFor(() => floorEvents.length >= 6);
      expect(floorEvents.map((e) => `${e.kind}:${e.siteId}`)).toEqual([
        `granted:${siteId(7)}`, `ended:${siteId(7)}`, `granted:${siteId(3)}`,
        `ended:${siteId(3)}`, `granted:${siteId(5)}`, `ended:${siteId(5)}`,
      ]);
      // Published at commit, each once, with the change's version: a grant that replaces a speaker is one change.
      const versions = floorEvents.map((e) => e.version!);
      expect(versions.every((v, i) => i === 0 || v >= versions[i - 1])).toBe(true);
      expect([versions[1] === versions[2], versions[3] === versions[4], versions[0] < versions[1]]).toEqual([true, true, true]);
      // The head of the queue, as it changed: three requests, the move, the three grants.
      expect(queueEvents.map((e) => e.next)).toEqual([
        [siteId(3)], [siteId(3), siteId(5)], [siteId(3), siteId(5), siteId(7)], [siteId(7), siteId(3), siteId(5)],
        [siteId(3), siteId(5)], [siteId(5)], [],
      ]);
      // Marked delivered by the publishing request (the relay sends none again: no seventh grant or end).
      const pending = async () => (await meeting.dataSource.query(
        'SELECT count(*)::int AS n FROM outbox_messages WHERE conference_id = $1 AND target = $2 AND delivered_at IS NULL', [conferenceId, RedisChannel.Floor],
      ))[0].n as number;
      for (let tries = 0; (await pending()) > 0 && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
      expect(await pending()).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(floorEvents).toHaveLength(6);
      const rows = await meeting.dataSource.query(
        `SELECT spoken_seconds FROM floor_requests WHERE id = $1`, [requests[2].id]) as Array<{ spoken_seconds: number }>;
      expect(rows[0].spoken_seconds).toBeGreaterThanOrEqual(1);
    } finally {
      bus.disconnect();
    }
  });

  it('gives two socket clients the same conference-wide deltas in the same order, and each site its own', async () => {
    const [first, second] = await Promise.all([joined(chair), joined(operators[4])]);
    const seen = [collect<Delta>(first.socket, ServerEvent.Delta, 9), collect<Delta>(second.socket, ServerEvent.Delta, 4)];
    const requests = [];
    for (const i of [4, 6, 8]) requests.push(await operators[i].post<FloorRequestView>(path('/floor/requests'), { siteId: siteId(i) }));
    await chair.post(path(`/floor/requests/${requests[1].body.id}/grant`));
    await chair.post(path('/agenda/next'));
    await chair.post(path('/floor/end'));
    const [a, b] = await Promise.all(seen);
    const everyone = (ds: Delta[]) => ds.filter((d) => d.stream === 'conference').map((d) => `${d.version}:${d.type}`);
    expect(everyone(a)).toEqual(everyone(b));
    expect(everyone(a).map((s) => s.split(':')[1])).toEqual(['floor.holder', 'agenda.changed', 'floor.holder']);
    // The chair hears of every site's requests; a site only of its own.
    expect(new Set(a.filter((d) => d.type === 'floor.requests').map((d) => d.stream))).toEqual(
      new Set([4, 6, 8].map((i) => `site:${siteId(i)}`)),
    );
    expect(b.filter((d) => d.type === 'floor.requests').map((d) => d.stream)).toEqual([`site:${siteId(4)}`]);
    // The grant moved site 8 up a place: only site 8 (and the chair) heard of it.
    const moved = a.find((d) => d.type === 'floor.requests' && d.stream === `site:${siteId(8)}` && d.data.requests[0].place === 2);
    expect(moved).toBeDefined();
    // Versions grow in the order each socket receives them.
    for (const list of [a, b]) expect(list.map((d) => d.version)).toEqual([...list.map((d) => d.version)].sort((x, y) => x - y));
    first.socket.disconnect();
    second.socket.disconnect();
  });

  it('catches a reconnecting client up with what it missed, or a snapshot when it is too far behind', async () => {
    const client = await joined(operators[9]);
    client.socket.disconnect();
    await operators[9].put(path(`/sites/${siteId(9)}/attendance/${delegatesBySite.get(siteId(9))![0].id}`), { status: 'late' });
    await chair.post(path('/agenda/next'));

    const back = await meeting.connect(await meeting.login(`${run}.op9`));
    const ack = await emitJoin(back, { conferenceId, sinceVersion: client.version });
    if (!ack.ok || ack.mode !== 'deltas') throw new Error(`expected deltas, got ${JSON.stringify(ack)}`);
    expect(ack.deltas.map((d) => d.type)).toEqual(['attendance.record', 'attendance.site', 'attendance.totals', 'agenda.changed']);
    expect(ack.deltas.map((d) => d.version)).toEqual(range(client.version + 1, 4));

    // A second meeting instance that keeps only 3 deltas of catch-up sends a snapshot to a client far behind,
    // and, through the Redis adapter, delivers deltas made on the first instance.
    const other = await MeetingHarness.start({ maxCatchUpDeltas: 3 });
    try {
      const remote = await other.connect(await other.login(`${run}.op10`));
      const far = await emitJoin(remote, { conferenceId, sinceVersion: 1 });
      if (!far.ok || far.mode !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(far)}`);
      const delta = collect<Delta>(remote, ServerEvent.Delta, 1);
      await chair.post(path('/agenda/next'));
      const [received] = await delta;
      expect(received.version).toBe(far.snapshot.version + 1);
      expect(received.type).toBe('agenda.changed');
    } finally {
      await other.stop();
    }
  });

  it('refuses a socket without a valid token, and a join to a conference the user is not in', async () => {
    await expect(meeting.connect('not-a-token')).rejects.toThrow(/invalid|expired/i);
    const outsider = await meeting.connect(await meeting.login(`${run}.outsider`));
    const ack = await emitJoin(outsider, { conferenceId });
    expect(ack).toMatchObject({ ok: false, error: { statusCode: 403 } });
  });

  it('relays a media incident once to each console and audits it once, however many meeting instances hear it', async () => {
    const other = await MeetingHarness.start(); // a second instance on the same Redis hears it too
    const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    try {
      const console = await joined(chair);
      const seen: MediaStatusEvent[] = [];
      console.socket.on(ServerEvent.MediaStatus, (event) => seen.push(event));
      const incident: MediaStatusEvent = { v: 1, kind: 'worker-died', conferenceId, details: { workerIndex: 0 }, at: new Date().toISOString() };
      await redis.publish(RedisChannel.MediaStatus, JSON.stringify(incident));
      await waitFor(() => seen.length > 0);
      await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to arrive
      expect(seen).toEqual([incident]);
      const audit = (await chair.get<Array<{ action: string; actorUserId: string | null }>>(path('/audit'))).body;
      expect(audit.filter((e) => e.action === 'media.worker-died')).toEqual([expect.objectContaining({ actorUserId: null })]);
      console.socket.disconnect();
    } finally {
      redis.disconnect();
      await other.stop();
    }
  });

  async function joined(who: Api): Promise<{ socket: ConferenceClient; version: number }> {
    const socket = await meeting.connect(who.token!);
    const ack = await emitJoin(socket, { conferenceId });
    if (!ack.ok || ack.mode !== 'snapshot') throw new Error(`join failed: ${JSON.stringify(ack)}`);
    return { socket, version: ack.snapshot.version };
  }
});

function emitJoin(socket: ConferenceClient, request: { conferenceId: string; sinceVersion?: number }): Promise<JoinAck> {
  return new Promise((resolve) => socket.emit(ClientEvent.Join, request, resolve));
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
