// The chair's destructive controls ask for what the minutes need (a reason), a skipped or done item can be
// reopened, status changes say what the chair saw, and the leaders can read who is absent and why.
import type {
  AgendaItemView, AttendanceRecordView, AuditEntryView, ConferenceChangedBy, ConferenceSnapshot, ConferenceView, ErrorResponse, ParticipantView,
} from '@hoinghi/contracts';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('chair controls: reasons, reopening, expectations, absentees', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[]; // 0: the main hall, 1: Sa Đéc, 2: Lai Vung
  let snapshot: ConferenceSnapshot;
  const run = `cc${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${snapshot.conference.id}${rest}`;
  const site = (i: number) => snapshot.sites[i].id;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung']));
    for (const title of ['Báo cáo chính trị', 'Thảo luận']) {
      expect((await chair.post(path('/agenda'), { title, kind: 'discussion', plannedMinutes: 10 })).status).toBe(201);
    }
  });

  afterAll(() => meeting?.stop());

  it('skips only with a reason, keeps it on the item and in the audit line, and reopens the item live at every site', async () => {
    const saDec = await LiveClient.join(await meeting.connect(operators[1].token!), snapshot.conference.id);
    const [opening] = (await chair.post<AgendaItemView[]>(path('/agenda/next'), { expectedActiveItemId: null })).body;

    const bare = await chair.post<ErrorResponse>(path(`/agenda/${opening.id}/skip`), { expectedState: 'active' });
    expect(bare).toMatchObject({ status: 400, body: { error: 'REASON_REQUIRED', fields: { reason: ['is required'] } } });
    const blank = await chair.post<ErrorResponse>(path(`/agenda/${opening.id}/skip`), { expectedState: 'active', reason: '   ' });
    expect(blank.body.error).toBe('REASON_REQUIRED');

    const skipped = await chair.post<AgendaItemView[]>(path(`/agenda/${opening.id}/skip`), { expectedState: 'active', reason: ' Đại biểu chưa nhận tài liệu ' });
    expect(skipped.status).toBe(200);
    expect(skipped.body.find((i) => i.id === opening.id)).toMatchObject({ state: 'skipped', stateReason: 'Đại biểu chưa nhận tài liệu' });

    const noReason = await chair.post<ErrorResponse>(path(`/agenda/${opening.id}/reopen`), { expectedState: 'skipped' });
    expect(noReason.body.error).toBe('REASON_REQUIRED');
    const reopened = await chair.post<AgendaItemView[]>(path(`/agenda/${opening.id}/reopen`), { expectedState: 'skipped', reason: 'Tài liệu đã gửi bổ sung' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.find((i) => i.id === opening.id)).toMatchObject({
      state: 'pending', startedAt: null, endedAt: null, stateReason: 'Tài liệu đã gửi bổ sung',
    });
    await saDec.until((s) => s.agenda.find((i) => i.id === opening.id)?.state === 'pending');

    // Reopened, it is the first pending item again: "next" reaches it.
    const next = await chair.post<AgendaItemView[]>(path('/agenda/next'), { expectedActiveItemId: null });
    expect(next.body.find((i) => i.state === 'active')!.id).toBe(opening.id);
    // Reopening what is in progress, or a second press on what was reopened, is refused.
    expect((await chair.post<ErrorResponse>(path(`/agenda/${opening.id}/reopen`), { reason: 'x' })).body.error).toBe('AGENDA_ITEM_NOT_CLOSED');
    expect((await chair.post<ErrorResponse>(path(`/agenda/${opening.id}/reopen`), { expectedState: 'skipped', reason: 'x' })).body.error).toBe('AGENDA_CHANGED');
    // start and complete take no reason; site staff may not reopen.
    expect((await chair.post<ErrorResponse>(path(`/agenda/${opening.id}/complete`), { reason: 'x' })).body.fields).toEqual({ reason: ['is not taken by complete'] });
    expect((await operators[1].post<ErrorResponse>(path(`/agenda/${opening.id}/reopen`), { reason: 'x' })).status).toBe(403);

    const audit = (await chair.get<AuditEntryView[]>(path('/audit'))).body;
    expect(audit.filter((e) => e.action === 'agenda.skip' || e.action === 'agenda.reopen').map((e) => [e.action, e.details.reason])).toEqual([
      ['agenda.reopen', 'Tài liệu đã gửi bổ sung'], ['agenda.skip', 'Đại biểu chưa nhận tài liệu'],
    ]);
  });

  it('answers a double click of "end" with 409 CONFERENCE_CHANGED naming who ended it', async () => {
    const adjourned = await chair.post<ConferenceView>(path('/adjourn'), { expectedStatus: 'live', reason: 'Nghỉ giải lao 15 phút' });
    expect(adjourned.body).toMatchObject({ status: 'adjourned', statusReason: 'Nghỉ giải lao 15 phút' });
    const resumed = await chair.post<ConferenceView>(path('/resume'), { expectedStatus: 'adjourned' });
    expect(resumed.body).toMatchObject({ status: 'live', statusReason: null });

    const [first, second] = await Promise.all([
      chair.post<ConferenceView>(path('/end'), { expectedStatus: 'live' }),
      new Promise((resolve) => setTimeout(resolve, 30)).then(() => chair.post<ErrorResponse>(path('/end'), { expectedStatus: 'live' })),
    ]);
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 409, body: { error: 'CONFERENCE_CHANGED' } });
    const by = second.body.current as ConferenceChangedBy;
    expect(by).toMatchObject({ name: 'Chủ trì hội nghị', conference: { status: 'ended' } });
    expect(second.body.message).toMatch(/^The conference is ended now, no longer as you saw it \(Chủ trì hội nghị, /);
    // Without an expectation, the old answer stays.
    expect((await chair.post<ErrorResponse>(path('/end'))).body.error).toBe('CONFERENCE_WRONG_STATE');
    expect((await chair.post<ErrorResponse>(path('/end'), { expectedStatus: 'over' })).body).toMatchObject({
      error: 'VALIDATION_FAILED', fields: { expectedStatus: ['must be one of: draft, scheduled, live, adjourned, ended, cancelled'] },
    });
  });

  it('cancels only with a reason, returned on the conference and kept in the audit line', async () => {
    const created = await chair.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị sẽ hủy', kind: 'review', hostUnitId: snapshot.conference.hostUnitId,
      plannedStart: '2026-12-02T00:30:00Z', plannedEnd: '2026-12-02T04:00:00Z',
      sites: [{ key: 'main', name: 'Hội trường', place: 'Cao Lãnh', orgUnitId: snapshot.conference.hostUnitId, isMain: true }],
      agenda: [],
    });
    const id = created.body.conference.id;
    expect((await chair.post<ErrorResponse>(`/conferences/${id}/cancel`, { expectedStatus: 'draft' })).body).toMatchObject({
      error: 'REASON_REQUIRED', fields: { reason: ['is required'] },
    });
    expect((await chair.post<ErrorResponse>(`/conferences/${id}/schedule`, { reason: 'x' })).body.fields).toEqual({ reason: ['is not taken by schedule'] });
    const long = await chair.post<ErrorResponse>(`/conferences/${id}/cancel`, { reason: 'x'.repeat(501) });
    expect(long.body).toMatchObject({
      error: 'VALIDATION_FAILED', fields: { reason: ['must be at most 500 characters'] }, fieldRules: { reason: [{ rule: 'maxLength', limit: 500 }] },
    });

    const cancelled = await chair.post<ConferenceView>(`/conferences/${id}/cancel`, { expectedStatus: 'draft', reason: 'Hoãn theo chỉ đạo của Thường trực' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Hoãn theo chỉ đạo của Thường trực' });
    expect((await chair.get<ConferenceSnapshot>(`/conferences/${id}`)).body.conference.statusReason).toBe('Hoãn theo chỉ đạo của Thường trực');
    const [line] = (await chair.get<AuditEntryView[]>(`/conferences/${id}/audit`)).body;
    expect(line).toMatchObject({ action: 'conference.cancel', details: { from: 'draft', to: 'cancelled', reason: 'Hoãn theo chỉ đạo của Thường trực' } });
  });

  it('lets the chairs and the secretariat read who is absent and why; not another site\'s operator, nor delegates', async () => {
    const fresh = await meeting.liveConference(`${run}b`, ['Huyện Tháp Mười']);
    const conference = fresh.snapshot.conference.id;
    const at = (rest: string) => `/conferences/${conference}${rest}`;
    const district = fresh.snapshot.sites[1].id;
    const delegates: ParticipantView[] = [];
    for (const n of [1, 2, 3, 4]) {
      const user = await meeting.createUser(`${run}b.db${n}`, `Đại biểu ${n}`);
      delegates.push((await fresh.chair.post<ParticipantView>(at('/participants'), { userId: user.id, role: 'delegate', siteId: district })).body);
    }
    const secretary = await meeting.createUser(`${run}b.thuky`, 'Thư ký hội nghị');
    await fresh.chair.post(at('/participants'), { userId: secretary.id, role: 'secretary' });
    const check = (i: number, body: object) => fresh.operators[1].put(at(`/sites/${district}/attendance/${delegates[i].id}`), body);
    await check(0, { status: 'present' });
    await check(1, { status: 'absent', reason: 'Đi công tác Hà Nội' });
    await check(2, { status: 'late' });
    expect((await fresh.operators[1].post(at(`/sites/${district}/attendance/${delegates[2].id}/check-out`))).status).toBe(200);

    const answer = await fresh.chair.get<AttendanceRecordView[]>(at('/attendance/absentees'));
    expect(answer.status).toBe(200);
    expect(answer.body.map((r) => [r.fullName, r.status, r.reason, r.checkedOutAt !== null])).toEqual([
      ['Đại biểu 2', 'absent', 'Đi công tác Hà Nội', false],
      ['Đại biểu 3', 'late', null, true],
      ['Đại biểu 4', null, null, false],
    ]);
    const asSecretary = new Api(meeting.url).as(await meeting.login(`${run}b.thuky`));
    expect((await asSecretary.get<AttendanceRecordView[]>(at('/attendance/absentees'))).body).toEqual(answer.body);

    // The main hall's operator runs another site; a delegate is no leader; a stranger is no participant.
    expect((await fresh.operators[0].get<ErrorResponse>(at('/attendance/absentees'))).body).toMatchObject({ statusCode: 403, error: 'ROLE_FORBIDDEN' });
    expect((await fresh.operators[1].get<ErrorResponse>(at('/attendance/absentees'))).body.error).toBe('ROLE_FORBIDDEN');
    const delegate = new Api(meeting.url).as(await meeting.login(`${run}b.db1`));
    expect((await delegate.get<ErrorResponse>(at('/attendance/absentees'))).status).toBe(403);
    expect((await chair.get<ErrorResponse>(at('/attendance/absentees'))).body.error).toBe('NOT_A_PARTICIPANT');
  });
});
