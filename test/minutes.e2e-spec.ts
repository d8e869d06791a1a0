// Minutes (biên bản): two secretaries keep them per agenda item, the chair approves and publishes,
// a published version is frozen (hash, database trigger), a correction is version 2.
import type {
  ConferenceSnapshot, ErrorResponse, FloorRequestView, MinutesDiffView, MinutesItemView, MinutesSpeaker, MinutesVersionView, OrgUnitView, ParticipantView,
} from '@hoinghi/contracts';
import { canonicalJson, minutesDocument, paragraphText } from '@hoinghi/domain';
import { createHash } from 'node:crypto';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';

const REASON = 'Đi công tác tại Thành phố Hồ Chí Minh theo Quyết định số 125-QĐ/TU';

describe('minutes', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let secretaries: Api[];
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  let itemId: string;
  const run = `mn${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}/minutes${rest}`;
  const delegates: ParticipantView[] = [];

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc']));
    conferenceId = snapshot.conference.id;
    itemId = snapshot.agenda[0].id;
    secretaries = [];
    for (const n of [1, 2]) {
      const user = await meeting.createUser(`${run}.tk${n}`, `Thư ký ${n === 1 ? 'Trần Thị Bích' : 'Phạm Văn Cường'}`);
      await chair.post(`/conferences/${conferenceId}/participants`, { userId: user.id, role: 'secretary' });
      secretaries.push(new Api(meeting.url).as(await meeting.login(`${run}.tk${n}`)));
    }
    for (const name of ['Nguyễn Văn Ấn', 'Lê Thị Ửng']) {
      const user = await meeting.createUser(`${run}.${delegates.length}`, name);
      delegates.push((await chair.post<ParticipantView>(`/conferences/${conferenceId}/participants`, { userId: user.id, role: 'delegate', siteId: snapshot.sites[1].id })).body);
    }
    await operators[1].put(`/conferences/${conferenceId}/sites/${snapshot.sites[1].id}/attendance/${delegates[0].id}`, { status: 'present' });
    await operators[1].put(`/conferences/${conferenceId}/sites/${snapshot.sites[1].id}/attendance/${delegates[1].id}`, { status: 'absent', reason: REASON });
  });

  afterAll(() => meeting?.stop());

  it('keeps each item with a version check: a second secretary on a stale copy gets 409 with the current text, live to the chair', async () => {
    const chairConsole = await LiveClient.join(await meeting.connect(chair.token!), conferenceId);
    const empty = await secretaries[0].get<MinutesVersionView>(path());
    expect(empty.body).toMatchObject({ version: 1, status: 'draft', items: [{ agendaItemId: itemId, revision: 0, summary: '' }] });

    const first = await secretaries[0].put<MinutesItemView>(path(`/items/${itemId}`), { revision: 0, summary: 'Đồng chí Bí thư phát biểu khai mạc.' });
    expect(first).toMatchObject({ status: 200, body: { revision: 1, summary: 'Đồng chí Bí thư phát biểu khai mạc.', updatedByName: 'Thư ký Trần Thị Bích' } });
    const second = await secretaries[1].put<ErrorResponse>(path(`/items/${itemId}`), { revision: 0, summary: 'Khai mạc hội nghị.' });
    expect(second).toMatchObject({ status: 409, body: { error: 'MINUTES_ITEM_STALE', current: { revision: 1, summary: 'Đồng chí Bí thư phát biểu khai mạc.' } } });
    const retried = await secretaries[1].put<MinutesItemView>(path(`/items/${itemId}`), { revision: 1, conclusion: 'Thống nhất chương trình hội nghị.' });
    expect(retried.body).toMatchObject({ revision: 2, summary: 'Đồng chí Bí thư phát biểu khai mạc.', conclusion: 'Thống nhất chương trình hội nghị.' });

    await chairConsole.until(() => chairConsole.received.some((d) => d.type === 'minutes.item' && d.data.item.revision === 2));
    expect((await operators[1].get<ErrorResponse>(path())).status).toBe(403); // a site reads published minutes only
    expect((await secretaries[0].put<ErrorResponse>(path(`/items/${itemId}`), { revision: 2, tasks: [{ unit: '', task: 'x' }] })).body)
      .toMatchObject({ error: 'VALIDATION_FAILED', fields: { 'tasks.0.unit': ['must not be empty'] } });
  });

  it('adds a speaker from the floor log in one click, with full name, site and times', async () => {
    const request = await operators[1].post<FloorRequestView>(`/conferences/${conferenceId}/floor/requests`, { siteId: snapshot.sites[1].id, participantId: delegates[0].id });
    expect(request.status).toBe(201);
    expect((await secretaries[0].post<ErrorResponse>(path(`/items/${itemId}/speakers`), { floorRequestId: request.body.id })).status).toBe(409); // never spoke
    await chair.post(`/conferences/${conferenceId}/floor/requests/${request.body.id}/grant`);
    await chair.post(`/conferences/${conferenceId}/floor/end`);
    const log = await secretaries[0].get<MinutesSpeaker[]>(path('/floor-log'));
    expect(log.body).toEqual([expect.objectContaining({ floorRequestId: request.body.id, fullName: 'Nguyễn Văn Ấn' })]);
    expect((await operators[1].get(path('/floor-log'))).status).toBe(403);
    const added = await secretaries[0].post<MinutesItemView>(path(`/items/${itemId}/speakers`), { floorRequestId: request.body.id });
    expect(added.status).toBe(201);
    expect(added.body.speakers).toEqual([expect.objectContaining({
      floorRequestId: request.body.id, fullName: 'Nguyễn Văn Ấn', siteName: 'Điểm cầu Thành phố Sa Đéc', startedAt: expect.any(String), endedAt: expect.any(String),
    })]);
  });

  it('cites what the platform knows: people, sites, absentees with their reasons, the quorum at opening', async () => {
    const { facts } = (await chair.get<MinutesVersionView>(path())).body;
    expect(facts).toMatchObject({
      place: 'Hội trường Tỉnh ủy', connectedSites: ['Điểm cầu Thành phố Sa Đéc'], chairs: ['Chủ trì hội nghị'],
      recorders: ['Thư ký Phạm Văn Cường', 'Thư ký Trần Thị Bích'], attendance: { convened: 2, present: 1, absent: 1 },
      quorumAtOpening: { met: false },
    });
    expect(facts.attendance.perSite[1]).toEqual({ siteName: 'Điểm cầu Thành phố Sa Đéc', convened: 2, present: 1, absentees: [{ fullName: 'Lê Thị Ửng', reason: REASON }] });
    expect(facts.startedAt).not.toBeNull();
  });

  it('goes draft → submitted → approved → published; only the chair approves; a return says why', async () => {
    expect((await chair.post<ErrorResponse>(path('/approve'))).body).toMatchObject({ error: 'MINUTES_WRONG_STATE', message: 'The minutes cannot be approved because they are a draft.' });
    expect((await secretaries[0].post(path('/submit'))).body).toMatchObject({ status: 'submitted' });
    expect((await secretaries[0].post<ErrorResponse>(path('/approve'))).status).toBe(403);
    expect((await secretaries[0].put<ErrorResponse>(path(`/items/${itemId}`), { revision: 3, summary: 'x' })).body).toMatchObject({ error: 'MINUTES_NOT_EDITABLE' });
    expect((await chair.post<ErrorResponse>(path('/return'), {})).body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { reason: ['is required'] } });
    const returned = await chair.post<MinutesVersionView>(path('/return'), { reason: 'Bổ sung kết luận của chủ trì.' });
    expect(returned.body).toMatchObject({ status: 'draft', returnReason: 'Bổ sung kết luận của chủ trì.' });
    await secretaries[0].put(path(`/items/${itemId}`), { revision: 3, conclusion: 'Thống nhất chương trình; giao Văn phòng Tỉnh ủy tổng hợp.' });
    await secretaries[0].post(path('/submit'));
    expect((await chair.post(path('/approve'))).body).toMatchObject({ status: 'approved', approvedByName: 'Chủ trì hội nghị' });

    const district = await LiveClient.join(await meeting.connect(operators[1].token!), conferenceId);
    expect((await operators[1].get<ErrorResponse>(path('/versions/1'))).status).toBe(404); // not published yet
    const published = await chair.post<MinutesVersionView>(path('/publish'));
    expect(published.body).toMatchObject({ status: 'published', version: 1, documentNumber: expect.stringMatching(/^01-BB\//) });
    const seen = await district.until((s) => s.minutes[0]?.status === 'published');
    expect(seen.minutes[0].sha256).toBe(published.body.sha256);

    // The stored hash is the hash of the stored canonical content, and a site reads the published text.
    const [row] = await meeting.dataSource.query('SELECT content, sha256 FROM minutes_versions WHERE conference_id = $1 AND version = 1', [conferenceId]);
    expect(createHash('sha256').update(canonicalJson(row.content), 'utf8').digest('hex')).toBe(row.sha256);
    const read = await operators[1].get<MinutesVersionView>(path('/versions/1'));
    expect(read.body.items[0].conclusion).toBe('Thống nhất chương trình; giao Văn phòng Tỉnh ủy tổng hợp.');
  });

  it('numbers a body\'s minutes from 01 within the calendar year, and from 01 again once a new term of the body is recorded', async () => {
    const hostUnitId = snapshot.conference.hostUnitId;
    const first = (await chair.get<Array<{ version: number; documentNumber: string }>>(path('/versions'))).body.find((v) => v.version === 1)!;
    const unitCode = first.documentNumber.replace(/^01-BB\//, '');
    /** Another conference of the same body, its minutes published by its chair and a secretary. */
    const publishAnother = async (prefix: string) => {
      const other = await meeting.liveConference(`${run}${prefix}`, [], { hostUnitId });
      const otherPath = `/conferences/${other.snapshot.conference.id}/minutes`;
      const user = await meeting.createUser(`${run}${prefix}.tk`, 'Thư ký hội nghị');
      await other.chair.post(`/conferences/${other.snapshot.conference.id}/participants`, { userId: user.id, role: 'secretary' });
      const secretary = new Api(meeting.url).as(await meeting.login(`${run}${prefix}.tk`));
      const item = other.snapshot.agenda[0].id;
      expect((await secretary.put(`${otherPath}/items/${item}`, { revision: 0, summary: 'Khai mạc hội nghị.' })).status).toBe(200);
      expect((await secretary.post(`${otherPath}/submit`)).status).toBe(200);
      expect((await other.chair.post(`${otherPath}/approve`)).status).toBe(200);
      const published = await other.chair.post<MinutesVersionView>(`${otherPath}/publish`);
      expect(published.status).toBe(200);
      return published.body.documentNumber;
    };
    expect(await publishAnother('b')).toBe(`02-BB/${unitCode}`);

    await meeting.createUser(`${run}.admin`, 'Quản trị hệ thống', { isAdmin: true });
    const admin = new Api(meeting.url).as(await meeting.login(`${run}.admin`));
    const termStartedAt = new Date().toISOString();
    const recorded = await admin.patch<OrgUnitView>(`/org-units/${hostUnitId}`, { termStartedAt });
    expect(recorded).toMatchObject({ status: 200, body: { id: hostUnitId, termStartedAt } });
    expect(await admin.patch<ErrorResponse>(`/org-units/${hostUnitId}`, { termStartedAt: 'Đại hội XVI' }))
      .toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED', fields: { termStartedAt: [expect.any(String)] } } });
    expect(await publishAnother('c')).toBe(`01-BB/${unitCode}`);
    // Cleared: numbered per calendar year again (the three of this year).
    expect((await admin.patch<OrgUnitView>(`/org-units/${hostUnitId}`, { termStartedAt: null })).body.termStartedAt).toBeNull();
    expect(await publishAnother('d')).toBe(`04-BB/${unitCode}`);
  });

  it('never changes a published version, not even by SQL; a correction is version 2 with the differences shown', async () => {
    expect((await secretaries[0].put<ErrorResponse>(path(`/items/${itemId}`), { revision: 4, summary: 'sửa lén' })).body).toMatchObject({ error: 'MINUTES_NOT_EDITABLE' });
    await expect(meeting.dataSource.query(`UPDATE minutes_versions SET sha256 = repeat('0', 64) WHERE conference_id = $1`, [conferenceId]))
      .rejects.toThrow(/published minutes cannot be changed/);
    await expect(meeting.dataSource.query(
      `UPDATE minutes_items SET summary = 'sửa lén' WHERE version_id = (SELECT id FROM minutes_versions WHERE conference_id = $1 AND version = 1)`, [conferenceId],
    )).rejects.toThrow(/published minutes cannot be changed/);

    // A later change of a source shows on the published version, whose text stays as published.
    await operators[1].put(`/conferences/${conferenceId}/sites/${snapshot.sites[1].id}/attendance/${delegates[1].id}`, { status: 'late' });
    const after = (await chair.get<MinutesVersionView>(path('/versions/1'))).body;
    expect(after).toMatchObject({ sourcesChanged: true, facts: { attendance: { present: 1 } } });

    expect((await chair.post<ErrorResponse>(path('/corrections'), { reason: '' })).status).toBe(400);
    const correction = await secretaries[1].post<MinutesVersionView>(path('/corrections'), { reason: 'Đồng chí Lê Thị Ửng đến muộn, không vắng mặt.' });
    expect(correction).toMatchObject({ status: 201, body: { version: 2, status: 'draft', corrects: 1, items: [{ conclusion: 'Thống nhất chương trình; giao Văn phòng Tỉnh ủy tổng hợp.' }] } });
    await secretaries[1].put(path(`/items/${itemId}`), { revision: 0, summary: 'Đồng chí Bí thư phát biểu khai mạc; đồng chí Lê Thị Ửng đến muộn.' });
    const diff = await chair.get<MinutesDiffView>(path('/diff?from=1&to=2'));
    expect(diff.body).toMatchObject({ from: 1, to: 2, factsChanged: true, items: [{ agendaItemId: itemId, changed: ['summary'] }] });
    for (const step of ['/submit', '/approve', '/publish']) expect((await (step === '/submit' ? secretaries[1] : chair).post(path(step))).status).toBe(200);
    const versions = (await operators[1].get(path('/versions'))).body;
    expect(versions).toMatchObject([
      { version: 2, status: 'published', corrects: 1, documentNumber: published(versions[1]) },
      { version: 1, status: 'published' },
    ]);
  });
});

describe('minutes of a cancelled conference', () => {
  let meeting: MeetingHarness;
  beforeAll(async () => {
    meeting = await MeetingHarness.start();
  });
  afterAll(() => meeting?.stop());

  it('cite the cancellation with the chair\'s reason, and say so instead of an opening, attendance and proceedings', async () => {
    const { chair, snapshot } = await meeting.liveConference(`mc${Date.now().toString(36)}`, ['Huyện Cao Lãnh']);
    const created = await chair.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị sơ kết công tác kiểm tra', kind: 'review', hostUnitId: snapshot.conference.hostUnitId,
      plannedStart: '2026-12-03T01:00:00Z', plannedEnd: '2026-12-03T04:00:00Z',
      sites: [{ key: 'main', name: 'Hội trường Tỉnh ủy', place: 'Đồng Tháp', orgUnitId: snapshot.conference.hostUnitId, isMain: true }],
      agenda: [{ title: 'Khai mạc', kind: 'report', presenter: 'Văn phòng', plannedMinutes: 5 }],
    });
    const id = created.body.conference.id;
    expect((await chair.post(`/conferences/${id}/cancel`, { expectedStatus: 'draft', reason: 'Hoãn theo chỉ đạo của Thường trực Tỉnh ủy' })).status).toBe(200);
    const { facts } = (await chair.get<MinutesVersionView>(`/conferences/${id}/minutes`)).body;
    expect(facts).toMatchObject({ startedAt: null, businessChanges: [{ kind: 'cancelled', agendaItemId: null, reason: 'Hoãn theo chỉ đạo của Thường trực Tỉnh ủy' }] });
    const document = minutesDocument({
      conferenceId: id, version: 1, documentNumber: null, corrects: null, correctionReason: null, approvedByName: null,
      publishedAt: new Date().toISOString(), facts, items: [],
    }, 'ab'.repeat(32));
    expect(paragraphText(document.body[0])).toMatch(/^Hội nghị sơ kết công tác kiểm tra do .* triệu tập, dự kiến tổ chức vào lúc 08 giờ 00 phút, ngày 03 tháng 12 năm 2026, tại Hội trường Tỉnh ủy \(điểm cầu chính\), đã bị hủy vào lúc \d\d giờ \d\d phút, ngày \d\d tháng \d\d năm \d{4}\. Lý do: Hoãn theo chỉ đạo của Thường trực Tỉnh ủy\.$/);
    expect(document.body.map(paragraphText)).not.toContain('I. THÀNH PHẦN THAM DỰ');
  });
});

/** A correction keeps the number of the minutes it corrects. */
const published = (first: { documentNumber: string }) => first.documentNumber;
