// The private channel between the main hall's technical desk and each site's operators: a site's thread
// reaches that site's staff and the desk, and nobody else by any path (live, catch-up, snapshot, REST).
import type { AuditEntryView, ConferenceSnapshot, DeskMessageView, DeskThreadView, ErrorResponse, JoinAck } from '@hoinghi/contracts';
import { ClientEvent } from '@hoinghi/contracts';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';

const SECRET = 'Sa Đéc mất tiếng từ phút 12, đang đổi sang micrô dự phòng';
const REPLY = 'Bàn kỹ thuật đã nhận: chuyển sang đường truyền dự phòng VNPT';

describe('technical desk', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[]; // 0: the main hall, 1: Sa Đéc, 2: Lai Vung
  let secretary: Api;
  let delegate: Api; // at Sa Đéc
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  const run = `dk${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;
  const site = (i: number) => snapshot.sites[i].id;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung']));
    conferenceId = snapshot.conference.id;
    const person = async (name: string, fullName: string, role: string, siteId?: string) =>
      (await meeting.convene(chair, conferenceId, `${run}.${name}`, fullName, role, siteId)).api;
    secretary = await person('thuky', 'Thư ký hội nghị', 'secretary');
    delegate = await person('daibieu', 'Đại biểu Sa Đéc', 'delegate', site(1));
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  const live = async (who: Api) => LiveClient.join(await meeting.connect(who.token!), conferenceId);

  it("keeps a site's thread between that site's staff and the main hall's desk: never another district, its delegates or the secretariat, by any path", async () => {
    const [saDec, laiVung, hall, chairConsole, secretaryConsole, saDecDelegate] = await Promise.all(
      [operators[1], operators[2], operators[0], chair, secretary, delegate].map(live),
    );
    const before = laiVung.snapshot.version;
    expect(saDec.snapshot.desk).toEqual([{ siteId: site(1), siteName: snapshot.sites[1].name, lastMessage: null, unread: 0 }]);

    const sent = await operators[1].post<DeskMessageView>(path(`/desk/${site(1)}/messages`), { text: SECRET });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ siteId: site(1), fromDesk: false, text: SECRET, authorName: `Kỹ thuật viên ${snapshot.sites[1].name}` });
    const reply = await operators[0].post<DeskMessageView>(path(`/desk/${site(1)}/messages`), { text: REPLY });
    expect(reply.status).toBe(201);
    expect(reply.body.fromDesk).toBe(true);

    // Live: the site's staff, the hall's operator and the chair have both, with what each has not read.
    const thread = (s: ConferenceSnapshot) => s.desk.find((t) => t.siteId === site(1));
    await saDec.until((s) => thread(s)?.lastMessage?.text === REPLY && thread(s)?.unread === 1);
    await hall.until((s) => thread(s)?.lastMessage?.text === REPLY && thread(s)?.unread === 1);
    await chairConsole.until((s) => thread(s)?.lastMessage?.text === REPLY && thread(s)?.unread === 2);
    // ... and nothing of it reached Lai Vung, the secretariat or Sa Đéc's own delegates.
    await operators[2].post(path(`/desk/${site(2)}/messages`), { text: 'Lai Vung sẵn sàng' }); // a later change they do see the end of
    await laiVung.until((s) => s.desk[0]?.lastMessage?.text === 'Lai Vung sẵn sàng');
    for (const client of [laiVung, secretaryConsole, saDecDelegate]) {
      expect(client.everythingSent()).not.toContain(SECRET);
      expect(client.everythingSent()).not.toContain(REPLY);
    }
    expect(laiVung.received.some((d) => d.stream === `desk:${site(1)}`)).toBe(false);
    expect(secretaryConsole.received.some((d) => d.type === 'desk.message')).toBe(false);
    expect(saDecDelegate.received.some((d) => d.type === 'desk.message')).toBe(false);

    // Catch-up: Lai Vung and the secretary coming back from before get none of Sa Đéc's thread.
    for (const who of [operators[2], secretary, delegate]) {
      const socket = await meeting.connect(who.token!);
      const ack = await new Promise<JoinAck>((resolve) => socket.emit(ClientEvent.Join, { conferenceId, sinceVersion: before }, resolve));
      if (!ack.ok || ack.mode !== 'deltas') throw new Error(`expected deltas, got ${JSON.stringify(ack).slice(0, 200)}`);
      expect(JSON.stringify(ack)).not.toContain(SECRET);
      expect(ack.deltas.some((d) => d.stream === `desk:${site(1)}`)).toBe(false);
    }
    // Sa Đéc catching up gets its thread's messages.
    const saDecSocket = await meeting.connect(operators[1].token!);
    const saDecAck = await new Promise<JoinAck>((resolve) => saDecSocket.emit(ClientEvent.Join, { conferenceId, sinceVersion: before }, resolve));
    if (!saDecAck.ok || saDecAck.mode !== 'deltas') throw new Error('expected deltas');
    expect(saDecAck.deltas.filter((d) => d.type === 'desk.message').map((d) => d.stream)).toEqual([`desk:${site(1)}`, `desk:${site(1)}`]);

    // Snapshot: Lai Vung has its own thread only; the secretariat and delegates have none; the desk has every district's.
    const [laiVungFresh, secretaryFresh, delegateFresh, hallFresh] = await Promise.all([operators[2], secretary, delegate, operators[0]].map(live));
    expect(laiVungFresh.snapshot.desk.map((t) => t.siteId)).toEqual([site(2)]);
    expect(secretaryFresh.snapshot.desk).toEqual([]);
    expect(delegateFresh.snapshot.desk).toEqual([]);
    for (const client of [laiVungFresh, secretaryFresh, delegateFresh]) expect(client.everythingSent()).not.toContain(SECRET);
    expect(hallFresh.snapshot.desk.map((t) => t.siteId).sort()).toEqual([site(1), site(2)].sort());
    expect(hallFresh.snapshot.scope.desk).toBe(true);

    // REST: the same rule, 403 for a thread the caller is not in; the audit trail names the thread, never the text.
    for (const who of [operators[2], secretary, delegate]) {
      const read = await who.get<ErrorResponse>(path(`/desk/${site(1)}/messages`));
      expect(read.status).toBe(403);
      expect(read.body.error).toBe('ROLE_FORBIDDEN');
      const write = await who.post<ErrorResponse>(path(`/desk/${site(1)}/messages`), { text: 'Xin chào' });
      expect(write.status).toBe(403);
      for (const answer of [await who.get(path('/desk')), await who.get(path())]) {
        expect(answer.status).toBe(200);
        expect(JSON.stringify(answer.body)).not.toContain(SECRET);
      }
    }
    expect((await operators[2].get<DeskThreadView[]>(path('/desk'))).body.map((t) => t.siteId)).toEqual([site(2)]);
    const audit = await secretary.get<AuditEntryView[]>(path('/audit'));
    expect(audit.status).toBe(200);
    expect(audit.body.filter((e) => e.action === 'desk.message')).toHaveLength(3);
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);
    const messages = await operators[0].get<DeskMessageView[]>(path(`/desk/${site(1)}/messages`));
    expect(messages.body.map((m) => [m.text, m.fromDesk])).toEqual([[SECRET, false], [REPLY, true]]);
  });

  it('marks a thread read, names the field of an empty message, 404 for a site of no thread, 409 once the conference has ended', async () => {
    const read = await operators[1].post<DeskThreadView>(path(`/desk/${site(1)}/read`));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ siteId: site(1), unread: 0, lastMessage: { text: REPLY } });
    expect((await operators[1].get<DeskThreadView[]>(path('/desk'))).body[0].unread).toBe(0);
    expect((await chair.get<DeskThreadView[]>(path('/desk'))).body.find((t) => t.siteId === site(1))?.unread).toBe(2);

    const empty = await operators[1].post<ErrorResponse>(path(`/desk/${site(1)}/messages`), { text: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { text: ['must not be empty'] } });
    const long = await operators[1].post<ErrorResponse>(path(`/desk/${site(1)}/messages`), { text: 'x'.repeat(1001) });
    expect(long.body.fields).toEqual({ text: ['must be at most 1000 characters'] });
    const unknown = await chair.post<ErrorResponse>(path(`/desk/${conferenceId}/messages`), { text: 'Xin chào' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('SITE_NOT_FOUND');
    expect((await chair.get<ErrorResponse>(`/conferences/${site(1)}/desk`)).status).toBe(404);
    const main = await operators[0].post<ErrorResponse>(path(`/desk/${site(0)}/messages`), { text: 'Xin chào' });
    expect(main.status).toBe(400);
    expect(main.body).toMatchObject({ error: 'DESK_MAIN_SITE', fields: { siteId: [expect.any(String)] } });

    expect((await chair.post(path('/end'))).status).toBe(200);
    const closed = await operators[1].post<ErrorResponse>(path(`/desk/${site(1)}/messages`), { text: 'Còn ai không?' });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ error: 'CONFERENCE_CLOSED', message: 'Cannot send a message to the technical desk because the conference is over.' });
    expect((await operators[1].get(path(`/desk/${site(1)}/messages`))).status).toBe(200); // still readable afterwards
  });
});
