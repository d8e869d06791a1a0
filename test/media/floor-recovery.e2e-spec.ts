// The gateway learns the floor holder from the meeting service (PostgreSQL), not only from Redis
// events: when it starts after the grant, when its Redis link comes back, when the meeting service
// was unreachable as a room opened. Real meeting service, PostgreSQL, Redis and mediasoup.
import {
  ConferenceSnapshot, FloorEvent, FloorHolderResponse, FloorQueueEvent, FloorRequestView, MediaClientEvent, MediaServerEvent, ProgrammeEvent, RedisChannel,
} from '@hoinghi/contracts';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { FlakyLink } from '../support/flaky-link';
import { MediaHarness, nextEvent, ok, serviceToken, sleep, TEST_MEDIA_SECRET } from '../support/media-harness';
import { Api, MeetingHarness } from '../support/meeting-harness';

const RTC_PORT = 41070; // + 0…2, one gateway per test
// The tests run in order on one conference: the floor state each expects is set by the one before.

describe('the gateway reads the floor holder from the meeting service', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  let media: MediaHarness | undefined;
  const links: FlakyLink[] = [];
  const run = `f${Date.now().toString(36)}`;
  const site = (i: number) => snapshot.sites[i].id; // 0 is the main hall

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ mediaTokenSecret: TEST_MEDIA_SECRET });
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Sa Đéc', 'Lai Vung', 'Lấp Vò']));
    conferenceId = snapshot.conference.id;
  });

  afterEach(async () => {
    await media?.stop();
    media = undefined;
    for (const link of links.splice(0)) await link.stop();
  });

  afterAll(() => meeting?.stop());

  /** As in the console: the site's operator asks for the floor, the chair grants it. */
  async function grantFloor(siteIndex: number): Promise<void> {
    const asked = await operators[siteIndex].post<FloorRequestView>(`/conferences/${conferenceId}/floor/requests`, { siteId: site(siteIndex) });
    expect(asked.status).toBe(201);
    const granted = await chair.post(`/conferences/${conferenceId}/floor/requests/${asked.body.id}/grant`);
    expect(granted.body.holder?.siteId).toBe(site(siteIndex));
  }

  /** Site `siteIndex` asks for the floor and waits in the queue; resolves with its request's id. */
  async function queue(siteIndex: number): Promise<string> {
    const asked = await operators[siteIndex].post<FloorRequestView>(`/conferences/${conferenceId}/floor/requests`, { siteId: site(siteIndex) });
    expect(asked.status).toBe(201);
    return asked.body.id;
  }

  async function withdraw(siteIndex: number, requestId: string): Promise<void> {
    expect((await operators[siteIndex].delete(`/conferences/${conferenceId}/floor/requests/${requestId}`)).status).toBe(200);
  }

  /** A district site joins the gateway; resolves with its socket and the programme it was given. */
  async function join(siteIndex: number) {
    const socket = await media!.connect(media!.token({ cid: conferenceId, sid: site(siteIndex), main: siteIndex === 0 }));
    const joined = await ok(socket, MediaClientEvent.Join, { conferenceId });
    const ready = await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    return { socket, programme: ready.programme };
  }

  describe('GET /api/internal/conferences/:id/floor-holder', () => {
    const path = () => `/internal/conferences/${conferenceId}/floor-holder`;

    it('answers the holder and the next in the queue from the database to a service token', async () => {
      const before = await new Api(meeting.url, serviceToken()).get<FloorHolderResponse>(path());
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ v: 1, conferenceId, holder: null, next: [], at: expect.any(String) });

      await grantFloor(1);
      const waiting = await queue(3);
      const after = await new Api(meeting.url, serviceToken()).get<FloorHolderResponse>(path());
      expect(after.body).toEqual({
        v: 1, conferenceId, at: expect.any(String), next: [site(3)],
        holder: { requestId: expect.any(String), siteId: site(1), participantId: null, grantedAt: expect.any(String) },
      });
      await withdraw(3, waiting);
      expect(Date.parse(after.body.holder!.grantedAt)).toBeLessThanOrEqual(Date.parse(after.body.at));
      expect((await chair.post(`/conferences/${conferenceId}/floor/end`)).status).toBe(200);
    });

    it('answers 401 to anything but a fresh service token signed with MEDIA_TOKEN_SECRET', async () => {
      const sign = (payload: object, options: object) => new JwtService().sign(payload, { secret: TEST_MEDIA_SECRET, algorithm: 'HS256', ...options });
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const exp = Math.floor(Date.now() / 1000) + 30;
      const bad: Record<string, string | undefined> = {
        'no token': undefined,
        "a user's login token": chair.token,
        'user claims signed with the media secret': sign({ sub: 'user-1', typ: 'access' }, { expiresIn: 30 }),
        'a media join token': sign({ typ: 'media-join', cid: conferenceId, sid: site(1), uid: 'user-1', main: false }, { expiresIn: 30 }),
        expired: serviceToken({ expiresIn: -5 }),
        'valid for an hour': serviceToken({ expiresIn: 3600 }),
        'no expiry': serviceToken({ expiresIn: null }),
        'another secret': serviceToken({ secret: 'not-the-media-secret' }),
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ typ: 'media-service', exp })}.`,
        garbage: 'not-a-jwt',
      };
      for (const [what, token] of Object.entries(bad)) {
        const answer = await new Api(meeting.url, token).get(path());
        expect({ what, status: answer.status }).toEqual({ what, status: 401 });
        expect(answer.body).toEqual({ statusCode: 401, error: expect.stringMatching(/^SERVICE_TOKEN_/), message: expect.any(String) });
      }
      // The right token under another scheme is no bearer token.
      const basic = await fetch(`${meeting.url}/api${path()}`, { headers: { authorization: `Basic ${serviceToken()}` } });
      expect(basic.status).toBe(401);
    });

    it('answers 404 CONFERENCE_NOT_FOUND for an unknown conference', async () => {
      const answer = await new Api(meeting.url, serviceToken()).get('/internal/conferences/00000000-0000-4000-8000-000000000000/floor-holder');
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ statusCode: 404, error: 'CONFERENCE_NOT_FOUND', message: expect.any(String) });
    });
  });

  it('a gateway started after the grant puts the holder on the programme of the first site that joins, and keeps the next speaker warm', async () => {
    await grantFloor(2); // no gateway runs: this floor event reaches nobody
    const waiting = await queue(3); // nor the queue's new head
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(RTC_PORT), MEETING_INTERNAL_URL: meeting.url });
    const { programme } = await join(1);
    // The holder and the next speaker, both read from the meeting service as the room opened.
    expect(programme).toMatchObject({ conferenceId, floorSiteId: site(2), warmSiteIds: [site(3)] });
    await withdraw(3, waiting);
  });

  it('a gateway whose Redis link was cut reads the holder when the link comes back, with no further floor event', async () => {
    expect((await chair.post(`/conferences/${conferenceId}/floor/end`)).status).toBe(200);
    const redisPort = Number(new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379').port || 6379);
    const link = await FlakyLink.start(redisPort);
    links.push(link);
    media = await MediaHarness.start({
      MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(RTC_PORT + 1), MEETING_INTERNAL_URL: meeting.url, REDIS_URL: `redis://127.0.0.1:${link.port}`,
    });
    const { socket, programme } = await join(1);
    expect(programme.floorSiteId).toBeNull();
    const programmes: ProgrammeEvent[] = [];
    socket.on(MediaServerEvent.Programme, (p) => programmes.push(p));

    // What the meeting service publishes, seen on a direct Redis connection.
    const bus = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    const floorEvents: Array<FloorEvent & { seenAt: number }> = [];
    bus.on('message', (_channel: string, message: string) => {
      const event = JSON.parse(message) as FloorEvent | FloorQueueEvent;
      // Grants and ends of this conference (other suites' conferences share the channel; the queue's head has events of its own).
      if (event.conferenceId === conferenceId && event.kind !== 'queue') floorEvents.push({ ...event, seenAt: Date.now() });
    });
    await bus.subscribe(RedisChannel.Floor);
    try {
      link.cut();
      await grantFloor(3);
      await sleep(1000);
      expect(floorEvents.map((e) => `${e.kind}:${e.siteId}`)).toEqual([`granted:${site(3)}`]); // published…
      expect(programmes.filter((p) => p.floorSiteId === site(3))).toEqual([]); // …but the gateway missed it

      const restoredAt = Date.now();
      link.restore();
      const switched = await nextEvent(socket, MediaServerEvent.Programme, (p) => p.floorSiteId === site(3), 10_000);
      expect(switched).toMatchObject({ conferenceId, floorSiteId: site(3) });
      expect(floorEvents.filter((e) => e.seenAt >= restoredAt)).toEqual([]);
    } finally {
      await bus.quit();
    }
  });

  it('a room that opened while the meeting service was unreachable gets the holder once it answers', async () => {
    const link = await FlakyLink.start(Number(new URL(meeting.url).port)); // the gateway's path to the meeting service
    links.push(link);
    link.cut();
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(RTC_PORT + 2), MEETING_INTERNAL_URL: `http://127.0.0.1:${link.port}` });
    const started = Date.now();
    const { socket, programme } = await join(1);
    expect(Date.now() - started).toBeLessThan(3000); // opened without waiting for long
    expect(programme.floorSiteId).toBeNull(); // it cannot know site 3 has the floor yet

    link.restore();
    const switched = await nextEvent(socket, MediaServerEvent.Programme, (p) => p.floorSiteId === site(3), 10_000);
    expect(switched).toMatchObject({ conferenceId, floorSiteId: site(3) });
  });
});
