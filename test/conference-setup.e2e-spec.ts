// An organiser edits a conference before and during it (live to every site), copies a past one, and an
// administrator keeps the unit directory and the accounts (a disabled account cannot sign in or go on).
import type { ConferenceSnapshot, ConferenceView, OrgUnitView, ParticipantView, UserView, UserWithPassword } from '@hoinghi/contracts';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';

const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('editing and copying a conference', () => {
  let meeting: MeetingHarness;
  const run = `cs${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  it('edits the plan before the start, only the title and end once live, nothing once ended; every site sees it', async () => {
    const { chair, operators, snapshot } = await meeting.liveConference(`${run}e`, ['Huyện Tháp Mười']);
    const path = `/conferences/${snapshot.conference.id}`;
    const district = await LiveClient.join(await meeting.connect(operators[1].token!), snapshot.conference.id);

    const renamed = await chair.patch<ConferenceView>(path, { title: 'Hội nghị sơ kết (điều chỉnh)', plannedEnd: '2026-12-01T05:00:00Z' });
    expect(renamed).toMatchObject({ status: 200, body: { title: 'Hội nghị sơ kết (điều chỉnh)', plannedEnd: '2026-12-01T05:00:00.000Z' } });
    await district.until((s) => s.conference.title === 'Hội nghị sơ kết (điều chỉnh)');

    expect(await chair.patch(path, { quorumNumerator: 1, quorumDenominator: 2 })).toMatchObject({ status: 409, body: { error: 'CONFERENCE_ALREADY_STARTED' } });
    expect(await chair.patch(path, { plannedStart: '2026-12-01T00:00:00Z' })).toMatchObject({ status: 409, body: { error: 'CONFERENCE_ALREADY_STARTED' } });
    expect(await chair.patch(path, { plannedEnd: '2026-11-30T00:00:00Z' })).toMatchObject({ status: 400, body: { error: 'PLANNED_END_NOT_AFTER_START', fields: { plannedEnd: ['must be after plannedStart'] } } });
    expect(await chair.patch(path, { title: '' })).toMatchObject({ status: 400, body: { fields: { title: ['must not be empty'] } } });
    expect((await operators[1].patch(path, { title: 'x' })).body.error).toBe('ROLE_FORBIDDEN');
    expect((await chair.patch(`/conferences/${NOWHERE}`, { title: 'x' })).status).toBe(404);
    // A site added during the conference reaches the chair's console.
    const added = await chair.post(`${path}/sites`, { name: 'Điểm cầu Xã Mỹ An', orgUnitId: snapshot.sites[0].orgUnitId });
    expect(added.status).toBe(201);

    expect((await chair.post(`${path}/end`)).status).toBe(200);
    expect(await chair.patch(path, { title: 'Sau khi kết thúc' })).toMatchObject({ status: 409, body: { error: 'CONFERENCE_CLOSED' } });
  });

  it('changes the quorum rule before the start, and the quorum line moves with it', async () => {
    const province = await meeting.createOrgUnit(`Tỉnh ${run}q`, 'province');
    await meeting.createUser(`${run}q.chutri`, 'Chủ trì', { canConvene: true });
    const chair = new Api(meeting.url).as(await meeting.login(`${run}q.chutri`));
    const { body: snapshot } = await chair.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị', kind: 'review', hostUnitId: province.id, plannedStart: '2026-12-01T01:00:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [{ key: 'main', name: 'Hội trường', orgUnitId: province.id, isMain: true }], agenda: [],
    });
    const path = `/conferences/${snapshot.conference.id}`;
    for (const i of [1, 2, 3]) {
      const delegate = await meeting.createUser(`${run}q.db${i}`, `Đại biểu ${i}`);
      await chair.post(`${path}/participants`, { userId: delegate.id, role: 'delegate', siteId: snapshot.sites[0].id });
    }
    const changed = await chair.patch<ConferenceView>(path, { quorumNumerator: 1, quorumDenominator: 2, plannedStart: '2026-12-01T02:00:00Z' });
    expect(changed.body).toMatchObject({ quorumNumerator: 1, quorumDenominator: 2, plannedStart: '2026-12-01T02:00:00.000Z' });
    expect((await chair.get<ConferenceSnapshot>(path)).body.attendance.quorum).toMatchObject({ convened: 3, required: 2 });
  });

  it('copies a past conference: same tree, agenda and people, new title and dates, a draft', async () => {
    const { chair, snapshot } = await meeting.liveConference(`${run}c`, ['Huyện Cao Lãnh', 'Huyện Lấp Vò']);
    const path = `/conferences/${snapshot.conference.id}`;
    const delegate = await meeting.createUser(`${run}c.db`, 'Nguyễn Thị Đào');
    await chair.post(`${path}/participants`, { userId: delegate.id, role: 'delegate', siteId: snapshot.sites[2].id, votingRight: false });
    const commune = await chair.post(`${path}/sites`, { name: 'Điểm cầu Xã Bình Thạnh', orgUnitId: snapshot.sites[0].orgUnitId, parentSiteId: snapshot.sites[1].id });

    const copied = await chair.post<ConferenceSnapshot>(`${path}/copy`, { title: 'Hội nghị năm sau', plannedStart: '2027-12-01T01:00:00Z', plannedEnd: '2027-12-01T04:00:00Z' });
    expect(copied.status).toBe(201);
    const copy = copied.body;
    expect(copy.conference).toMatchObject({ title: 'Hội nghị năm sau', status: 'draft', plannedStart: '2027-12-01T01:00:00.000Z', kind: 'review' });
    expect(copy.conference.id).not.toBe(snapshot.conference.id);
    expect(copy.sites.map((s) => s.name).sort()).toEqual([...snapshot.sites.map((s) => s.name), commune.body.name].sort());
    const copiedCommune = copy.sites.find((s) => s.name === 'Điểm cầu Xã Bình Thạnh')!;
    expect(copy.sites.find((s) => s.id === copiedCommune.parentSiteId)!.name).toBe(snapshot.sites[1].name);
    expect(copy.agenda.map((i) => [i.title, i.state])).toEqual([['Khai mạc', 'pending']]);
    const people = (await chair.get<ParticipantView[]>(`/conferences/${copy.conference.id}/participants`)).body;
    expect(people.find((p) => p.userId === delegate.id)).toMatchObject({ role: 'delegate', votingRight: false, siteId: copy.sites.find((s) => s.name === snapshot.sites[2].name)!.id });
    expect(people.filter((p) => p.role === 'site_operator')).toHaveLength(3);
    expect(copy.attendance.totals.convened).toBe(1);

    expect((await chair.post(`${path}/copy`, { title: 'x', plannedStart: '2027-12-01T01:00:00Z', plannedEnd: '2027-11-01T01:00:00Z' })).body).toMatchObject({ error: 'PLANNED_END_NOT_AFTER_START', fields: { plannedEnd: expect.any(Array) } });
    expect((await chair.post(`${path}/copy`, { plannedStart: '2027-12-01T01:00:00Z', plannedEnd: '2027-12-01T04:00:00Z' })).body.fields).toEqual({ title: ['is required'] });
    await meeting.createUser(`${run}c.other`, 'Người khác', { canConvene: true });
    const other = chair.as(await meeting.login(`${run}c.other`));
    expect((await other.post(`${path}/copy`, { title: 'x', plannedStart: '2027-12-01T01:00:00Z', plannedEnd: '2027-12-01T04:00:00Z' })).status).toBe(403);
    expect((await chair.post(`/conferences/${NOWHERE}/copy`, { title: 'x', plannedStart: '2027-12-01T01:00:00Z', plannedEnd: '2027-12-01T04:00:00Z' })).status).toBe(404);
  });
});

describe('the administrator\'s directory of units and accounts', () => {
  let meeting: MeetingHarness;
  let admin: Api;
  let organiser: Api;
  const run = `ad${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    await meeting.createUser(`${run}.admin`, 'Quản trị', { isAdmin: true });
    await meeting.createUser(`${run}.btc`, 'Ban Tổ chức', { canConvene: true });
    admin = new Api(meeting.url).as(await meeting.login(`${run}.admin`));
    organiser = admin.as(await meeting.login(`${run}.btc`));
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  it('keeps the tree province → commune, with districts kept for history: create, rename, move, search without diacritics', async () => {
    const province = await admin.post<OrgUnitView>('/org-units', { name: `Tỉnh ủy Đồng Tháp ${run}`, level: 'province' });
    const district = await admin.post<OrgUnitView>('/org-units', { name: `Huyện ủy Tháp Mười ${run}`, level: 'district', parentId: province.body.id });
    const commune = await admin.post<OrgUnitView>('/org-units', { name: `Đảng ủy xã Mỹ An ${run}`, level: 'commune', parentId: district.body.id });
    expect(commune.status).toBe(201);

    // Since the 2025 reform the commune belongs to the province directly; the district stays, for history.
    const moved = await admin.patch<OrgUnitView>(`/org-units/${commune.body.id}`, { parentId: province.body.id, name: `Đảng ủy xã Mỹ An (mới) ${run}` });
    expect(moved).toMatchObject({ status: 200, body: { parentId: province.body.id, level: 'commune' } });
    const found = await admin.get<OrgUnitView[]>(`/org-units?q=${encodeURIComponent(`dang uy xa my an (moi) ${run}`)}`);
    expect(found.body.map((u) => u.id)).toEqual([commune.body.id]);
    const children = await admin.get<OrgUnitView[]>(`/org-units?parentId=${province.body.id}`);
    expect(children.body.map((u) => u.id).sort()).toEqual([district.body.id, commune.body.id].sort());

    expect(await admin.patch(`/org-units/${province.body.id}`, { parentId: district.body.id })).toMatchObject({ status: 400, body: { error: 'ORG_UNIT_CYCLE', fields: { parentId: [expect.any(String)] } } });
    expect((await admin.patch(`/org-units/${province.body.id}`, { level: 'county' })).body.fields).toHaveProperty('level');
    expect((await admin.patch(`/org-units/${NOWHERE}`, { name: 'x' })).status).toBe(404);
    expect((await admin.patch(`/org-units/${province.body.id}`, { parentId: NOWHERE })).body.error).toBe('ORG_UNIT_NOT_FOUND');
    expect((await organiser.patch(`/org-units/${province.body.id}`, { name: 'x' })).status).toBe(403);
  });

  it('creates an account with a one-time password, resets it, and a disabled account can neither sign in nor go on', async () => {
    const created = await admin.post<UserWithPassword>('/users', { username: `${run}.nva`, fullName: 'Nguyễn Văn An', canConvene: true });
    expect(created).toMatchObject({ status: 201, body: { user: { username: `${run}.nva`, canConvene: true, disabled: false }, password: expect.stringMatching(/^\w{12}$/) } });
    expect((await admin.post('/users', { username: `${run}.nva`, fullName: 'Người khác' })).body.error).toBe('USERNAME_TAKEN');
    expect((await admin.post('/users', { username: 'Có Dấu', fullName: 'x' })).body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { username: [expect.any(String)] } });
    expect((await organiser.post('/users', { username: `${run}.x`, fullName: 'x' })).status).toBe(403);

    const token = await meeting.login(`${run}.nva`, created.body.password);
    const user = admin.as(token);
    expect((await user.get<UserView>('/auth/me')).body.username).toBe(`${run}.nva`);

    // A reset ends the sessions opened with the old password.
    await new Promise((r) => setTimeout(r, 1100)); // tokens carry their issue time in whole seconds
    const reset = await admin.post<UserWithPassword>(`/users/${created.body.user.id}/password`);
    expect(reset.status).toBe(200);
    expect((await user.get('/auth/me')).status).toBe(401);
    await expect(meeting.login(`${run}.nva`, created.body.password)).rejects.toThrow(/401/);
    const fresh = admin.as(await meeting.login(`${run}.nva`, reset.body.password));
    expect((await fresh.get('/auth/me')).status).toBe(200);

    const disabled = await admin.patch<UserView>(`/users/${created.body.user.id}`, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect(await fresh.get('/auth/me')).toMatchObject({ status: 401, body: { error: 'ACCOUNT_DISABLED' } });
    expect(await fresh.post('/auth/refresh')).toMatchObject({ status: 401, body: { error: 'ACCOUNT_DISABLED' } });
    const login = await fetch(`${meeting.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `${run}.nva`, password: reset.body.password }) });
    expect([login.status, ((await login.json()) as { error: string }).error]).toEqual([401, 'ACCOUNT_DISABLED']);

    await admin.patch(`/users/${created.body.user.id}`, { disabled: false });
    expect(await meeting.login(`${run}.nva`, reset.body.password)).toEqual(expect.any(String));

    const me = (await admin.get<UserView>('/auth/me')).body;
    expect((await admin.patch(`/users/${me.id}`, { disabled: true })).body.error).toBe('CANNOT_DISABLE_SELF');
    expect((await admin.patch(`/users/${NOWHERE}`, { disabled: true })).status).toBe(404);
    expect((await organiser.patch(`/users/${me.id}`, { disabled: true })).status).toBe(403);
    expect((await organiser.post(`/users/${me.id}/password`)).status).toBe(403);
  });
});
