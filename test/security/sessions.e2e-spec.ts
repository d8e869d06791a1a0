// Issue #8, "a socket whose access token expired keeps receiving changes": a connection lives as long
// as its access token, unless renewed (auth:renew with a token from POST /auth/refresh).
// Real meeting service, PostgreSQL, Redis.
import {
  ClientEvent, ConferenceDelta, ErrorResponse, LoginResponse, RenewAck, ServerEvent, TOKEN_PARTIES,
} from '@hoinghi/contracts';
import { JwtService } from '@nestjs/jwt';
import { Api, ConferenceClient, MeetingHarness } from '../support/meeting-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sessions end with their access token', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let conferenceId: string;
  let chairId: string;
  const run = `s${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    const live = await meeting.liveConference(run, ['Sa Đéc']);
    chair = live.chair;
    conferenceId = live.snapshot.conference.id;
    chairId = (await chair.get<{ id: string }>('/auth/me')).body.id;
  });

  afterAll(() => meeting?.stop());

  /** An access token of the chair signed by the service itself, ending in `seconds`. */
  const shortToken = (seconds: number) =>
    meeting.app.get(JwtService).sign({ sub: chairId, typ: 'access' }, { expiresIn: seconds, ...TOKEN_PARTIES.access });

  async function joined(token: string): Promise<{ socket: ConferenceClient; deltas: ConferenceDelta[] }> {
    const socket = await meeting.connect(token);
    const deltas: ConferenceDelta[] = [];
    socket.on(ServerEvent.Delta, (delta) => deltas.push(delta));
    const ack = await socket.emitWithAck(ClientEvent.Join, { conferenceId });
    expect(ack.ok).toBe(true);
    return { socket, deltas };
  }

  /** A change every viewer sees: a new agenda item. */
  const change = async (title: string) =>
    expect((await chair.post(`/conferences/${conferenceId}/agenda`, { title, kind: 'report', presenter: 'Ban Tổ chức', plannedMinutes: 5 })).status).toBe(201);

  const agendaTitles = (deltas: ConferenceDelta[]) =>
    deltas.flatMap((d) => (d.type === 'agenda.changed' ? d.data.items.map((i) => i.title) : []));

  it('an expired connection is told, disconnected and receives no more deltas; a renewed one continues', async () => {
    const expiring = await joined(shortToken(3));
    const renewedToken = shortToken(3);
    const renewed = await joined(renewedToken);
    const expired = new Promise<ErrorResponse>((resolve) => expiring.socket.once(ServerEvent.SessionExpired, resolve));
    const disconnected = new Promise<string>((resolve) => expiring.socket.once('disconnect', resolve));

    await change('Trước khi hết hạn');
    await sleep(300);
    expect(agendaTitles(expiring.deltas)).toContain('Trước khi hết hạn');

    // Renew the second connection over REST + auth:renew, as the web app does before the end.
    const refreshed = await new Api(meeting.url, renewedToken).post<LoginResponse>('/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(Date.parse(refreshed.body.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
    const ack: RenewAck = await renewed.socket.emitWithAck(ClientEvent.Renew, { token: refreshed.body.accessToken });
    expect(ack).toEqual({ ok: true, expiresAt: refreshed.body.expiresAt });

    expect(await expired).toMatchObject({ statusCode: 401, error: 'SESSION_EXPIRED' });
    expect(await disconnected).toBe('io server disconnect');
    await sleep(500);
    await change('Sau khi hết hạn');
    await sleep(500);
    expect(agendaTitles(expiring.deltas)).not.toContain('Sau khi hết hạn');
    expect(agendaTitles(renewed.deltas)).toEqual(expect.arrayContaining(['Trước khi hết hạn', 'Sau khi hết hạn']));
    expect(renewed.socket.connected).toBe(true);
    // The renewed connection still answers sync.
    expect(await renewed.socket.emitWithAck(ClientEvent.Sync, { conferenceId, sinceVersion: 0 })).toMatchObject({ ok: true });
  });

  it('refuses a renewal with another user\'s token, or with an invalid one', async () => {
    const { socket } = await joined(shortToken(60));
    const otherUser = await meeting.createUser(`${run}.other`, 'Người khác');
    const other = await meeting.login(otherUser.username);
    expect(await socket.emitWithAck(ClientEvent.Renew, { token: other })).toMatchObject({ ok: false, error: { statusCode: 401, error: 'UNAUTHENTICATED' } });
    expect(await socket.emitWithAck(ClientEvent.Renew, { token: 'garbage' })).toMatchObject({ ok: false, error: { statusCode: 401 } });
  });

  it('POST /auth/refresh refuses an expired token', async () => {
    const token = shortToken(1);
    await sleep(1_500);
    expect(await new Api(meeting.url, token).post('/auth/refresh')).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
  });
});
