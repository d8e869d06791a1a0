// Notices: a conference's scheduling and status announced in the app to everyone convened to it, in one
// list per person across conferences, with what they have read; nobody else hears of it.
import { ServerEvent, type ConferenceSnapshot, type ErrorResponse, type NoticeList, type NoticesReadEvent, type NoticeView } from '@hoinghi/contracts';
import { Api, collect, MeetingHarness } from './support/meeting-harness';

describe('notices', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let delegate: Api;
  let outsider: Api; // convened to another conference only
  let otherChair: Api;
  let otherConferenceId: string;
  let snapshot: ConferenceSnapshot;
  const run = `nt${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    // liveConference schedules and starts it: two notices already.
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc'], { title: 'Hội nghị quán triệt Nghị quyết', place: 'TP Cao Lãnh' }));
    delegate = (await meeting.convene(chair, snapshot.conference.id, `${run}.daibieu`, 'Đại biểu Sa Đéc', 'delegate', snapshot.sites[1].id)).api;
    const other = await meeting.liveConference(`${run}x`, ['Huyện Lai Vung'], { title: 'Hội nghị khác' });
    outsider = other.operators[1];
    otherChair = other.chair;
    otherConferenceId = other.snapshot.conference.id;
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  it('tells everyone convened of scheduling, the start, an adjournment with its reason and a new time, newest first; nobody else', async () => {
    const reason = 'Tạm dừng 15 phút để khắc phục sự cố đường truyền';
    expect((await chair.post(`/conferences/${snapshot.conference.id}/adjourn`, { reason })).status).toBe(200);

    for (const who of [delegate, operators[1], chair]) {
      const notices = await who.get<NoticeList>('/notices');
      expect(notices.status).toBe(200);
      const mine = notices.body.items.filter((n) => n.conferenceId === snapshot.conference.id);
      expect(mine.map((n) => n.kind)).toEqual(['adjourned', 'started', 'scheduled']);
      expect(mine[0]).toMatchObject({ conferenceTitle: 'Hội nghị quán triệt Nghị quyết', place: 'TP Cao Lãnh', reason, read: false, plannedStart: '2026-12-01T00:30:00.000Z' });
    }
    // A new time, set while live, is announced again (the adjourned conference is resumed first).
    expect((await chair.post(`/conferences/${snapshot.conference.id}/resume`)).status).toBe(200);
    const edited = await chair.request('PATCH', `/conferences/${snapshot.conference.id}`, { plannedEnd: '2026-12-01T05:00:00Z' });
    expect(edited.status).toBe(200);
    const latest = (await delegate.get<NoticeList>('/notices')).body.items.filter((n) => n.conferenceId === snapshot.conference.id);
    expect(latest.map((n) => n.kind)).toEqual(['changed', 'resumed', 'adjourned', 'started', 'scheduled']);
    expect(latest[0]).toMatchObject({ plannedEnd: '2026-12-01T05:00:00.000Z', read: false });
    const outsiders = await outsider.get<NoticeList>('/notices');
    expect(outsiders.body.items.some((n) => n.conferenceId === snapshot.conference.id)).toBe(false);
    expect(outsiders.body.items.map((n) => n.conferenceTitle)).toEqual(['Hội nghị khác', 'Hội nghị khác']);
  });

  it('keeps read state per person: one notice, then all; 404 for a notice not addressed to the caller, 400 for a malformed id', async () => {
    const before = (await delegate.get<NoticeList>('/notices')).body;
    expect(before.unread).toBe(5);
    const read = await delegate.post<NoticeList>(`/notices/${before.items[0].id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(4);
    expect(read.body.items[0].read).toBe(true);
    expect((await delegate.get<NoticeList>('/notices?unread=true')).body.items.map((n) => n.kind)).toEqual(['resumed', 'adjourned', 'started', 'scheduled']);
    expect((await operators[1].get<NoticeList>('/notices')).body.unread).toBe(5); // another person's state is their own

    const foreign = await outsider.post<ErrorResponse>(`/notices/${before.items[0].id}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toBe('NOTICE_NOT_FOUND');
    const malformed = await delegate.post<ErrorResponse>('/notices/thong-bao/read');
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual({ noticeId: [expect.any(String)] });
    const badQuery = await delegate.get<ErrorResponse>('/notices?unread=co');
    expect(badQuery.body.fields).toEqual({ unread: ['must be one of: true, false'] });

    const all = await delegate.post<NoticeList>('/notices/read');
    expect(all.body.unread).toBe(0);
    expect(all.body.items.every((n) => n.read)).toBe(true);
    expect((await new Api(meeting.url).get<ErrorResponse>('/notices')).status).toBe(401);
  });

  it('reaches a connected person convened at once over the socket, wherever they are in the app; nobody else', async () => {
    // Connected, but joined to no conference (the conference list, another conference's page).
    const delegateLaptop = await meeting.connect(delegate.token!);
    const outsiderSocket = await meeting.connect(outsider.token!);
    const outsiderHeard: NoticeView[] = [];
    outsiderSocket.on(ServerEvent.Notice, (notice) => outsiderHeard.push(notice));

    const heard = collect<NoticeView>(delegateLaptop, ServerEvent.Notice, 1);
    const reason = 'Tạm dừng để chờ điểm cầu Sa Đéc khắc phục âm thanh';
    expect((await chair.post(`/conferences/${snapshot.conference.id}/adjourn`, { reason })).status).toBe(200);
    const [notice] = await heard;
    expect(notice).toMatchObject({ conferenceId: snapshot.conference.id, conferenceTitle: 'Hội nghị quán triệt Nghị quyết', kind: 'adjourned', reason, read: false, place: 'TP Cao Lãnh' });
    // The same notice as the list holds.
    expect((await delegate.get<NoticeList>('/notices')).body.items[0]).toEqual(notice);

    // The outsider hears their own conference's notice, and only it: a notice of ours would have come first.
    const own = collect<NoticeView>(outsiderSocket, ServerEvent.Notice, 1);
    expect((await otherChair.post(`/conferences/${otherConferenceId}/adjourn`, { reason: 'Nghỉ giải lao' })).status).toBe(200);
    expect((await own)[0]).toMatchObject({ conferenceId: otherConferenceId, kind: 'adjourned' });
    expect(outsiderHeard.map((n) => n.conferenceId)).toEqual([otherConferenceId]);
  });

  it('tells a person convened after the conference was announced of its newest notice, live; nobody else', async () => {
    const conferenceId = snapshot.conference.id;
    const newcomer = await meeting.createUser(`${run}.moi`, 'Đại biểu bổ sung');
    const newcomerApi = chair.as(await meeting.login(`${run}.moi`));
    const newcomerSocket = await meeting.connect(newcomerApi.token!);
    const outsiderSocket = await meeting.connect(outsider.token!);
    const outsiderHeard: NoticeView[] = [];
    outsiderSocket.on(ServerEvent.Notice, (notice) => outsiderHeard.push(notice));
    const heard = collect<NoticeView>(newcomerSocket, ServerEvent.Notice, 1);

    const added = await chair.post(`/conferences/${conferenceId}/participants`, { userId: newcomer.id, role: 'delegate', siteId: snapshot.sites[1].id });
    expect(added.status).toBe(201);
    const [notice] = await heard;
    // The newest notice of the conference, as the newcomer's list now holds it first.
    expect(notice).toMatchObject({ conferenceId, read: false });
    expect((await newcomerApi.get<NoticeList>('/notices')).body.items[0]).toEqual(notice);

    // The outsider, connected all along, heard nothing of it.
    const own = collect<NoticeView>(outsiderSocket, ServerEvent.Notice, 1);
    expect((await otherChair.post(`/conferences/${otherConferenceId}/resume`)).status).toBe(200);
    expect((await own)[0]).toMatchObject({ conferenceId: otherConferenceId });
    expect(outsiderHeard.map((n) => n.conferenceId)).toEqual([otherConferenceId]);
    newcomerSocket.disconnect();
    outsiderSocket.disconnect();
  });

  it('tells a person\'s other devices what they read, and no one else', async () => {
    const phone = await meeting.connect(delegate.token!);
    const operatorSocket = await meeting.connect(operators[1].token!);
    const operatorReads: NoticesReadEvent[] = [];
    operatorSocket.on(ServerEvent.NoticesRead, (event) => operatorReads.push(event));

    const unread = (await delegate.get<NoticeList>('/notices?unread=true')).body.items;
    expect(unread.map((n) => n.kind)).toEqual(['adjourned']);
    const one = collect<NoticesReadEvent>(phone, ServerEvent.NoticesRead, 1);
    expect((await delegate.post(`/notices/${unread[0].id}/read`)).status).toBe(200);
    expect(await one).toEqual([{ ids: [unread[0].id], unread: 0 }]);

    const all = collect<NoticesReadEvent>(phone, ServerEvent.NoticesRead, 1);
    expect((await delegate.post('/notices/read')).status).toBe(200);
    expect(await all).toEqual([{ ids: null, unread: 0 }]);

    // The operator's own read reaches the operator: the first and only one they hear.
    const operatorOwn = collect<NoticesReadEvent>(operatorSocket, ServerEvent.NoticesRead, 1);
    expect((await operators[1].post('/notices/read')).status).toBe(200);
    await operatorOwn;
    expect(operatorReads).toEqual([{ ids: null, unread: 0 }]);
  });
});
