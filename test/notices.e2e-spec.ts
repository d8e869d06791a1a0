// Notices: a conference's scheduling and status announced in the app to everyone convened to it, in one
// list per person across conferences, with what they have read; nobody else hears of it.
import type { ConferenceSnapshot, ErrorResponse, NoticeList } from '@hoinghi/contracts';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('notices', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let delegate: Api;
  let outsider: Api; // convened to another conference only
  let snapshot: ConferenceSnapshot;
  const run = `nt${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    // liveConference schedules and starts it: two notices already.
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc'], { title: 'Hội nghị quán triệt Nghị quyết', place: 'TP Cao Lãnh' }));
    delegate = (await meeting.convene(chair, snapshot.conference.id, `${run}.daibieu`, 'Đại biểu Sa Đéc', 'delegate', snapshot.sites[1].id)).api;
    const other = await meeting.liveConference(`${run}x`, ['Huyện Lai Vung'], { title: 'Hội nghị khác' });
    outsider = other.operators[1];
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
});
