// Issue #8, tokens: each names its issuer and audience, and a token of one kind is refused where
// another is expected, even with the right secret and `typ`. Media join tokens are single-use, and a
// media connection whose token has expired opens nothing new. Real services, PostgreSQL, Redis, mediasoup.
import { MediaClientEvent, MediaJoinTokenResponse, TOKEN_PARTIES } from '@hoinghi/contracts';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { FlakyLink } from '../support/flaky-link';
import { MediaHarness, ok, request, serviceToken, sleep, TEST_MEDIA_SECRET } from '../support/media-harness';
import { Api, MeetingHarness } from '../support/meeting-harness';

describe('tokens name their issuer and audience', () => {
  let meeting: MeetingHarness;
  let media: MediaHarness;
  let operator: Api;
  let conferenceId: string;
  let siteId: string;
  let operatorId: string;
  const run = `t${Date.now().toString(36)}`;

  beforeAll(async () => {
    // One secret for both kinds (allowed in test mode), so only iss/aud and typ can tell them apart.
    meeting = await MeetingHarness.start({ mediaTokenSecret: TEST_MEDIA_SECRET, jwtSecret: TEST_MEDIA_SECRET });
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41210' });
    const live = await meeting.liveConference(run, ['Sa Đéc']);
    conferenceId = live.snapshot.conference.id;
    siteId = live.snapshot.sites[1].id;
    operator = live.operators[1];
    operatorId = (await operator.get<{ id: string }>('/auth/me')).body.id;
  });

  afterAll(async () => {
    await media?.stop();
    await meeting?.stop();
  });

  const issue = async () => (await operator.post<MediaJoinTokenResponse>(`/conferences/${conferenceId}/sites/${siteId}/media-token`)).body.token;
  const sign = (payload: object, options: object) => new JwtService().sign(payload, { secret: TEST_MEDIA_SECRET, algorithm: 'HS256', expiresIn: 60, ...options });

  it('the meeting service signs join tokens with iss, aud and a jti', async () => {
    const claims = new JwtService().decode(await issue());
    expect(claims).toMatchObject({ iss: TOKEN_PARTIES.mediaJoin.issuer, aud: TOKEN_PARTIES.mediaJoin.audience, jti: expect.any(String), typ: 'media-join' });
  });

  it('the REST API refuses a token of the right secret and typ that names another audience, or none', async () => {
    for (const parties of [TOKEN_PARTIES.mediaJoin, TOKEN_PARTIES.mediaService, {}]) {
      const token = sign({ sub: operatorId, typ: 'access' }, parties);
      expect(await new Api(meeting.url, token).get('/auth/me')).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    }
    expect(await new Api(meeting.url, await issue()).get('/auth/me')).toMatchObject({ status: 401 });
  });

  it('the internal route refuses a join token and a service token without its parties', async () => {
    const path = `/internal/conferences/${conferenceId}/floor-holder`;
    const joinAsService = sign({ typ: 'media-service' }, TOKEN_PARTIES.mediaJoin);
    for (const token of [joinAsService, serviceToken({ parties: null }), serviceToken({ parties: 'access' }), operator.token!]) {
      expect(await new Api(meeting.url, token).get(path)).toMatchObject({ status: 401, body: { error: 'SERVICE_TOKEN_INVALID' } });
    }
    expect((await new Api(meeting.url, serviceToken()).get(path)).status).toBe(200);
  });

  it('the media gateway refuses a join token that names another audience, or none', async () => {
    const wrong = await media.connectError(media.token({ cid: conferenceId, sid: siteId }, { parties: 'mediaService' }));
    expect(wrong.data).toMatchObject({ statusCode: 401, error: 'TOKEN_WRONG_TYPE' });
    const none = await media.connectError(media.token({ cid: conferenceId, sid: siteId }, { parties: null }));
    expect(none.data).toMatchObject({ statusCode: 401, error: 'TOKEN_WRONG_TYPE' });
  });

  it('a media join token is single-use: a replay is refused', async () => {
    const token = await issue();
    const first = await media.connect(token);
    expect(await ok(first, MediaClientEvent.Join, { conferenceId })).toMatchObject({ siteId });
    const replay = await media.connectError(token);
    expect(replay.message).toMatch(/already been used/);
    expect(replay.data).toMatchObject({ statusCode: 401, error: 'TOKEN_ALREADY_USED' });
    // Not even after the first connection has gone.
    first.disconnect();
    expect((await media.connectError(token)).data).toMatchObject({ error: 'TOKEN_ALREADY_USED' });
    // The same jti under another signature of the same claims is the same token.
    const jti = randomUUID();
    await media.connect(media.token({ cid: conferenceId, sid: 'other' }, { jti }));
    expect((await media.connectError(media.token({ cid: conferenceId, sid: 'other' }, { jti, expiresIn: 90 }))).data).toMatchObject({ error: 'TOKEN_ALREADY_USED' });
  });

  it('while Redis is unreachable the gateway still admits sites and refuses replays (it remembers the jti itself)', async () => {
    const link = await FlakyLink.start(Number(new URL(media.config.redisUrl).port || 6379), new URL(media.config.redisUrl).hostname);
    const cut = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: '41215', REDIS_URL: `redis://127.0.0.1:${link.port}` });
    try {
      link.cut();
      const token = cut.token({ cid: conferenceId, sid: 'offline-site' });
      const started = Date.now();
      await cut.connect(token);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await cut.connectError(token)).data).toMatchObject({ statusCode: 401, error: 'TOKEN_ALREADY_USED' });
    } finally {
      link.restore();
      await cut.stop();
      await link.stop();
    }
  });

  it('a media connection whose join token has expired cannot create transports or join', async () => {
    const socket = await media.connect(media.token({ cid: conferenceId, sid: 'late-site' }, { expiresIn: 2 }));
    const joined = await ok(socket, MediaClientEvent.Join, { conferenceId });
    await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    await ok(socket, MediaClientEvent.CreateTransport, { direction: 'recv' }); // while the token is fresh
    await sleep(2_500);
    const late = await request(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
    expect(late).toEqual({ ok: false, error: expect.objectContaining({ statusCode: 401, error: 'TOKEN_EXPIRED' }) });
    expect(await request(socket, MediaClientEvent.Join, { conferenceId })).toMatchObject({ ok: false, error: { error: 'TOKEN_EXPIRED' } });
    // A fresh token on a new connection works.
    const again = await media.connect(media.token({ cid: conferenceId, sid: 'late-site' }));
    await ok(again, MediaClientEvent.Join, { conferenceId });
  });
});
