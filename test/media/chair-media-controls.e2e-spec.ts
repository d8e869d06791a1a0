// The chair's media controls end to end: the chair's REST call → the meeting service's outbox → Redis →
// the gateway, which pauses a muted site's microphone and enforces who may share a screen. Real meeting
// service, PostgreSQL, Redis, mediasoup, and ffmpeg sending RTP; Lai Vung receives into a UDP socket.
import {
  AuditEntryView, ConferenceSnapshot, ErrorResponse, FloorRequestView, MediaClientEvent, MediaControlsView, MediaServerEvent, ProducerInfo,
} from '@hoinghi/contracts';
import { ChildProcess } from 'node:child_process';
import { LiveClient } from '../support/live-client';
import {
  ffmpegRtp, ffmpegRtpParameters, MediaClient, MediaHarness, nextEvent, ok, OPUS_PT, request, RtpSink, sleep, TEST_MEDIA_SECRET, VP8_PT, waitFor,
} from '../support/media-harness';
import { Api, MeetingHarness } from '../support/meeting-harness';
import { RoomsService } from '../../apps/media/src/rooms/rooms.service';

const RTC_PORT = 31570; // below the ephemeral range (32768–60999): no outgoing connection of another process takes it

describe("the chair's media controls reach the gateway", () => {
  let meeting: MeetingHarness;
  let media: MediaHarness;
  let chair: Api;
  let operators: Api[]; // 0: the main hall, 1: Sa Đéc, 2: Lai Vung
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  let sink: RtpSink;
  let laiVungLive: LiveClient;
  const ffmpegs: ChildProcess[] = [];
  const sockets: MediaClient[] = [];
  const mic: string[] = []; // producer ids of the hall's and Sa Đéc's microphones
  const ssrc = { hallAudio: 0, saDecAudio: 0, saDecVideo: 0, screen: 0 };
  let recvTransportId: string;
  const run = `mc${Date.now().toString(36)}`;
  const site = (i: number) => snapshot.sites[i].id;
  const path = (rest: string) => `/conferences/${conferenceId}${rest}`;
  const gatewayRoom = () => media.app.get(RoomsService).room(conferenceId)!;

  /** Lai Vung consumes a producer into the sink and asks for it; resolves with the SSRC the gateway sends it with. */
  async function receive(producerId: string): Promise<number> {
    const consumer = await ok(sockets[2], MediaClientEvent.Consume, { transportId: recvTransportId, producerId });
    await ok(sockets[2], MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    return (consumer.rtpParameters.encodings as Array<{ ssrc: number }>)[0].ssrc;
  }

  /** Packets of `ssrcOf` stop arriving: the count stays the same over a second (after what was in flight). */
  async function stopped(ssrcOf: number): Promise<boolean> {
    await sleep(300);
    const before = sink.count(ssrcOf);
    await sleep(1000);
    return sink.count(ssrcOf) === before;
  }

  async function flowing(ssrcOf: number): Promise<void> {
    const before = sink.count(ssrcOf);
    await waitFor(() => sink.count(ssrcOf) > before + 10, 5000, `RTP of ssrc ${ssrcOf} at Lai Vung`);
  }

  /** ffmpeg sends `kind` on a new plain send transport of `socket`; resolves with the producer id. */
  async function produce(socket: MediaClient, kind: 'audio' | 'video', source: 'camera' | 'screen', seconds = 60) {
    const transport = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
    if (transport.type !== 'plain') throw new Error('expected a plain transport');
    const sent = 20_000 + ffmpegs.length;
    const answer = await request(socket, MediaClientEvent.Produce, { transportId: transport.id, kind, rtpParameters: ffmpegRtpParameters(kind, sent), source });
    if (answer.ok) ffmpegs.push(ffmpegRtp(kind, transport, { ssrc: sent, payloadType: kind === 'video' ? VP8_PT : OPUS_PT, seconds }));
    return answer;
  }

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ mediaTokenSecret: TEST_MEDIA_SECRET });
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Sa Đéc', 'Lai Vung']));
    conferenceId = snapshot.conference.id;
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(RTC_PORT), MEDIA_ALLOW_PLAIN_RTP: '1', MEETING_INTERNAL_URL: meeting.url });
    sink = await RtpSink.open();
    laiVungLive = await LiveClient.join(await meeting.connect(operators[2].token!), conferenceId);

    for (const i of [0, 1, 2]) {
      const socket = await media.connect(media.token({ cid: conferenceId, sid: site(i), main: i === 0, name: `Kỹ thuật viên ${i}` }));
      const joined = await ok(socket, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
      await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
      sockets.push(socket);
    }
    // Sa Đéc has the floor, so Lai Vung receives it (and the hall).
    const asked = await operators[1].post<FloorRequestView>(path('/floor/requests'), { siteId: site(1) });
    const programme = nextEvent(sockets[2], MediaServerEvent.Programme, (p) => p.floorSiteId === site(1));
    expect((await chair.post(path(`/floor/requests/${asked.body.id}/grant`))).status).toBe(200);
    await programme;

    for (const i of [0, 1]) {
      const audio = await produce(sockets[i], 'audio', 'camera');
      if (!audio.ok) throw new Error(audio.error.message);
      mic.push(audio.producerId);
    }
    const saDecVideo = await produce(sockets[1], 'video', 'camera');
    if (!saDecVideo.ok) throw new Error(saDecVideo.error.message);

    const recv = await ok(sockets[2], MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
    recvTransportId = recv.id;
    await ok(sockets[2], MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: '127.0.0.1', port: sink.port, rtcpPort: sink.rtcpPort });
    ssrc.hallAudio = await receive(mic[0]);
    ssrc.saDecAudio = await receive(mic[1]);
    ssrc.saDecVideo = await receive(saDecVideo.producerId);
    await Promise.all([flowing(ssrc.hallAudio), flowing(ssrc.saDecAudio), flowing(ssrc.saDecVideo)]);
  });

  afterAll(async () => {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    sink?.close();
    laiVungLive?.socket.disconnect();
    await media?.stop();
    await meeting?.stop();
  });

  describe('audio', () => {
    it('is the chairs\' alone (403), names a missing site (400) and an unknown one (404)', async () => {
      const byOperator = await operators[0].post<ErrorResponse>(path('/media-controls/audio'), { command: 'mute', siteId: site(1) });
      expect(byOperator.status).toBe(403);
      const noSite = await chair.post<ErrorResponse>(path('/media-controls/audio'), { command: 'mute' });
      expect(noSite.status).toBe(400);
      expect(noSite.body.fields).toHaveProperty('siteId');
      const badCommand = await chair.post<ErrorResponse>(path('/media-controls/audio'), { command: 'silence' });
      expect(badCommand.status).toBe(400);
      expect(badCommand.body.fields).toHaveProperty('command');
      const unknown = await chair.post<ErrorResponse>(path('/media-controls/audio'), { command: 'mute', siteId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('SITE_NOT_FOUND');
      expect(laiVungLive.snapshot.mediaControls).toEqual({ floorShareAllowed: false, mutedSiteIds: [] });
    });

    it('a muted site\'s sound stops reaching the others, every site sees it muted, and the site cannot unmute itself', async () => {
      const muted = await chair.post<MediaControlsView>(path('/media-controls/audio'), { command: 'mute', siteId: site(1) });
      expect(muted.status).toBe(200);
      expect(muted.body).toEqual({ floorShareAllowed: false, mutedSiteIds: [site(1)] });
      await laiVungLive.until((s) => s.mediaControls.mutedSiteIds.includes(site(1)));

      await waitFor(() => stopped(ssrc.saDecAudio), 8000, 'Sa Đéc\'s sound to stop at Lai Vung');
      expect(gatewayRoom().publisherOf(site(1))!.producerOfKind('audio')!.paused).toBe(true); // paused at the gateway, not by the site
      await flowing(ssrc.saDecVideo); // its picture goes on
      await flowing(ssrc.hallAudio); // and the others are heard

      const unmuteItself = await request(sockets[1], MediaClientEvent.ResumeProducer, { producerId: mic[1] });
      expect(unmuteItself).toMatchObject({ ok: false, error: { statusCode: 403, error: 'MUTED_BY_CHAIR' } });
      expect(await stopped(ssrc.saDecAudio)).toBe(true);
    });

    it('"all but the floor holder" mutes the other districts and gives the floor holder its sound back; "unmute all" ends it', async () => {
      const all = await chair.post<MediaControlsView>(path('/media-controls/audio'), { command: 'mute-all-but-floor' });
      expect(all.body.mutedSiteIds).toEqual([site(2)]); // not the hall (the chair's), not Sa Đéc (the floor)
      await flowing(ssrc.saDecAudio);
      await laiVungLive.until((s) => s.mediaControls.mutedSiteIds.join() === site(2));

      // A site's own mute outlasts the chair's unmute.
      await ok(sockets[1], MediaClientEvent.PauseProducer, { producerId: mic[1] });
      expect(await stopped(ssrc.saDecAudio)).toBe(true);
      expect((await chair.post(path('/media-controls/audio'), { command: 'unmute-all' })).body.mutedSiteIds).toEqual([]);
      await laiVungLive.until((s) => s.mediaControls.mutedSiteIds.length === 0);
      expect(await stopped(ssrc.saDecAudio)).toBe(true);
      await ok(sockets[1], MediaClientEvent.ResumeProducer, { producerId: mic[1] });
      await flowing(ssrc.saDecAudio);

      const audit = await chair.get<AuditEntryView[]>(path('/audit?action=media'));
      expect(audit.body.map((e) => e.action)).toEqual(expect.arrayContaining(['media.mute', 'media.unmute']));
    });
  });

  describe('screen sharing', () => {
    let hallScreen: string;

    it('a district without the floor may not share; the floor holder only once the chair allows it (403)', async () => {
      expect(await produce(sockets[2], 'video', 'screen')).toMatchObject({ ok: false, error: { statusCode: 403, error: 'SHARE_NOT_ALLOWED' } });
      expect(await produce(sockets[1], 'video', 'screen')).toMatchObject({ ok: false, error: { statusCode: 403, error: 'SHARE_NOT_ALLOWED' } });
      expect(await produce(sockets[0], 'audio', 'screen')).toMatchObject({ ok: false, error: { statusCode: 400 } });
      const byOperator = await operators[1].put<ErrorResponse>(path('/media-controls/sharing'), { floorShareAllowed: true });
      expect(byOperator.status).toBe(403);
    });

    it('the main hall\'s screen reaches a district as a second video in the programme', async () => {
      const announced = nextEvent(sockets[2], MediaServerEvent.NewProducer, (p: ProducerInfo) => p.source === 'screen');
      const programme = nextEvent(sockets[2], MediaServerEvent.Programme, (p) => p.screen !== null);
      const shared = await produce(sockets[0], 'video', 'screen');
      if (!shared.ok) throw new Error(shared.error.message);
      hallScreen = shared.producerId;
      expect(await announced).toEqual({ producerId: hallScreen, siteId: site(0), kind: 'video', source: 'screen' });
      const withScreen = await programme;
      expect(withScreen.screen).toMatchObject({ siteId: site(0), producerId: hallScreen, userName: 'Kỹ thuật viên 0' });
      expect(withScreen.producers).toEqual(expect.arrayContaining([{ producerId: hallScreen, siteId: site(0), kind: 'video', source: 'screen' }]));
      ssrc.screen = await receive(hallScreen);
      await flowing(ssrc.screen);
    });

    it('one screen at a time: an allowed floor holder is refused (409) while the hall shares, then shares once it stops', async () => {
      expect((await chair.put<MediaControlsView>(path('/media-controls/sharing'), { floorShareAllowed: true })).body.floorShareAllowed).toBe(true);
      await laiVungLive.until((s) => s.mediaControls.floorShareAllowed);
      await waitFor(() => gatewayRoom().mediaControls.floorShareAllowed, 5000, 'the permission at the gateway');
      const busy = await produce(sockets[1], 'video', 'screen');
      expect(busy).toMatchObject({ ok: false, error: { statusCode: 409, error: 'SCREEN_SHARED', current: { siteId: site(0), producerId: hallScreen } } });

      const closed = nextEvent(sockets[2], MediaServerEvent.ProducerClosed, (e) => e.producerId === hallScreen);
      await ok(sockets[0], MediaClientEvent.CloseProducer, { producerId: hallScreen });
      await closed;
      const saDec = await produce(sockets[1], 'video', 'screen');
      expect(saDec.ok).toBe(true);
    });

    it('the chair withdrawing the permission stops the floor holder\'s share at once', async () => {
      const programme = nextEvent(sockets[1], MediaServerEvent.Programme, (p) => p.screen === null);
      const closed = nextEvent(sockets[1], MediaServerEvent.ProducerClosed, (e) => e.siteId === site(1));
      expect((await chair.put(path('/media-controls/sharing'), { floorShareAllowed: false })).status).toBe(200);
      await closed;
      expect((await programme).screen).toBeNull();
      // Sa Đéc's camera and microphone are untouched.
      await flowing(ssrc.saDecVideo);
    });
  });
});
