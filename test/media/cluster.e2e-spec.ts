// One conference across two media gateways, as two hosts on this machine: gateway A in this process,
// gateway B its own process from the build (so it can die like a host). The meeting service places
// the sites on both; producers cross between them through mediasoup pipe transports; the floor
// switches sites on both; B is killed and comes back. Real meeting service, PostgreSQL, Redis,
// mediasoup and ffmpeg. Run `npm run build:server` first.
// The tests run in order on one conference: each starts from the state the one before left.
import {
  FloorRequestView, MediaClientEvent, MediaJoinTokenResponse, MediaServerEvent, MEDIA_NAMESPACE, ProducerInfo, ProgrammeEvent,
} from '@hoinghi/contracts';
import { ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import {
  ffmpegRtp, ffmpegRtpParameters, MediaClient, MediaHarness, ok, request, RtpSink, serviceToken, sleep, TEST_MEDIA_SECRET, VP8_PT, waitFor,
} from '../support/media-harness';
import { freePort, freeRtcPort, MediaProcess } from '../support/media-process';
import { Api, MeetingHarness } from '../support/meeting-harness';
import { APP_CONFIG, AppConfig } from '../../apps/meeting/src/config/app-config';

// RTC and pipe ports of their own (other media suites use 41010–41210, the browser suite 42000, the benches 43000+),
// the first free ones from these.
const RTC_A = 41630;
const RTC_B = 41640;
const HEARTBEAT_MS = 1000; // a killed gateway drops out after three

interface Site {
  index: number;
  gatewayId: string | null;
  socket: MediaClient;
  announced: ProducerInfo[];
  closed: Set<string>;
  programmes: ProgrammeEvent[];
  recv?: { id: string; sink: RtpSink };
}

interface ConferenceHealth {
  conferenceId: string;
  sites: number;
  cluster?: { gateway: string; remoteSites: number; pipes: { inbound: Record<string, number>; outbound: Record<string, number> } };
}

jest.setTimeout(120_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('one conference on two gateway hosts', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let conferenceId: string;
  let siteIds: string[];
  let hostA: MediaHarness;
  let hostB: MediaProcess;
  let envB: Record<string, string>;
  const ffmpegs: ChildProcess[] = [];
  const sinks: RtpSink[] = [];
  const sockets: MediaClient[] = [];
  const sites: Site[] = [];
  /** Site index → its current video producer. */
  const video = new Map<number, string>();
  const run = `cl${Date.now().toString(36)}`;

  /** The site's camera: a plain send transport fed by ffmpeg (VP8 test pattern). */
  async function publish(site: Site, ssrc: number): Promise<string> {
    const { producerId } = await ok(site.socket, MediaClientEvent.Produce, await plainVideo(site, ssrc));
    video.set(site.index, producerId);
    return producerId;
  }

  /** A Produce request for a plain send transport that ffmpeg feeds with VP8 (a camera, or with `source` a screen). */
  async function plainVideo(site: Site, ssrc: number, source?: 'screen') {
    const send = await ok(site.socket, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
    if (send.type !== 'plain') throw new Error('expected a plain transport');
    ffmpegs.push(ffmpegRtp('video', send, { ssrc, payloadType: VP8_PT, seconds: 110 }));
    return { transportId: send.id, kind: 'video' as const, rtpParameters: ffmpegRtpParameters('video', ssrc), ...(source ? { source } : {}) };
  }

  /** The token site `index`'s operator gets: it names the gateway the meeting service placed the site on. */
  async function token(index: number): Promise<MediaJoinTokenResponse> {
    const issued = await operators[index].post<MediaJoinTokenResponse>(`/conferences/${conferenceId}/sites/${siteIds[index]}/media-token`);
    expect(issued.status).toBe(201);
    return issued.body;
  }

  /** Site `index` joins where its token says, as its camera's publisher. */
  async function join(index: number, issued?: MediaJoinTokenResponse): Promise<Site> {
    issued ??= await token(index);
    const socket: MediaClient = io(`${issued.mediaUrl}${MEDIA_NAMESPACE}`, {
      auth: { token: issued.token }, transports: ['websocket'], reconnection: false, forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const site: Site = { index, gatewayId: issued.gatewayId, socket, announced: [], closed: new Set(), programmes: [] };
    socket.on(MediaServerEvent.NewProducer, (p) => site.announced.push(p));
    socket.on(MediaServerEvent.ProducerClosed, (p) => site.closed.add(p.producerId));
    socket.on(MediaServerEvent.Programme, (p) => site.programmes.push(p));
    const joined = await ok(socket, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
    const ready = await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    site.announced.push(...ready.producers);
    site.programmes.push(ready.programme);
    sites[index] = site;
    return site;
  }

  /** Consumes a producer at `site` into a UDP sink; resolves once RTP has arrived, with the packet count so far. */
  async function receive(site: Site, producerId: string): Promise<{ ssrc: number; sink: RtpSink; startedAt: number }> {
    await waitFor(() => site.announced.some((p) => p.producerId === producerId), 15_000, `${producerId} announced to site ${site.index}`);
    if (!site.recv) {
      const sink = await RtpSink.open();
      sinks.push(sink);
      const recv = await ok(site.socket, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
      await ok(site.socket, MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: '127.0.0.1', port: sink.port, rtcpPort: sink.rtcpPort });
      site.recv = { id: recv.id, sink };
    }
    const startedAt = Date.now();
    const consumer = await ok(site.socket, MediaClientEvent.Consume, { transportId: site.recv.id, producerId });
    await ok(site.socket, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    const ssrc = (consumer.rtpParameters.encodings as Array<{ ssrc: number }>)[0].ssrc;
    return { ssrc, sink: site.recv.sink, startedAt };
  }

  /** RTP keeps arriving: the count grows by at least `packets` more. */
  async function flowing(flow: { ssrc: number; sink: RtpSink }, what: string, packets = 20): Promise<void> {
    const from = flow.sink.count(flow.ssrc);
    await waitFor(() => flow.sink.count(flow.ssrc) >= from + packets, 15_000, what);
  }

  async function grantFloor(index: number): Promise<void> {
    const asked = await operators[index].post<FloorRequestView>(`/conferences/${conferenceId}/floor/requests`, { siteId: siteIds[index] });
    expect(asked.status).toBe(201);
    const granted = await chair.post(`/conferences/${conferenceId}/floor/requests/${asked.body.id}/grant`);
    expect(granted.body.holder?.siteId).toBe(siteIds[index]);
  }

  async function health(url: string): Promise<ConferenceHealth | undefined> {
    const answer = await fetch(`${url}/api/health`, { headers: { authorization: `Bearer ${serviceToken()}` } });
    const body = (await answer.json()) as { conferences: ConferenceHealth[] };
    return body.conferences.find((c) => c.conferenceId === conferenceId);
  }

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ mediaTokenSecret: TEST_MEDIA_SECRET });
    let snapshot;
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Sa Đéc', 'Lai Vung', 'Lấp Vò']));
    conferenceId = snapshot.conference.id;
    siteIds = snapshot.sites.map((s) => s.id); // 0 is the main hall
  });

  /** Gateway A in this process, gateway B its own process: each announces itself in Redis as it starts. */
  async function startGateways(): Promise<void> {
    const common = {
      MEDIA_WORKERS: '1', MEDIA_ALLOW_PLAIN_RTP: '1', MEDIA_TOKEN_SECRET: TEST_MEDIA_SECRET, MEETING_INTERNAL_URL: meeting.url,
      MEDIA_CLUSTER_HEARTBEAT_MS: String(HEARTBEAT_MS), MEDIA_LISTEN_IP: '127.0.0.1',
      // A large conference's rules (no warm standby): districts are sent only the programme, so pipes follow the floor.
      MEDIA_STANDBY_MAX_SITES: '0',
      MEDIA_SEND_LAYERS_HOLD_MS: '0', // send layers go down at once (the hold is the tracker's unit test's)
    };
    const portA = await freePort();
    hostA = await MediaHarness.start({
      ...common, MEDIA_PORT: String(portA), MEDIA_PUBLIC_URL: `http://127.0.0.1:${portA}`, MEDIA_GATEWAY_ID: 'host-a',
      MEDIA_RTC_PORT: String(await freeRtcPort(RTC_A)), MEDIA_PIPE_PORTS: '44630-44639',
    });
    const portB = await freePort();
    envB = {
      ...common, MEDIA_PORT: String(portB), MEDIA_PUBLIC_URL: `http://127.0.0.1:${portB}`, MEDIA_GATEWAY_ID: 'host-b',
      MEDIA_RTC_PORT: String(await freeRtcPort(RTC_B)), MEDIA_PIPE_PORTS: '44640-44649', REDIS_URL: hostA.config.redisUrl,
    };
    hostB = await MediaProcess.start(envB);
  }

  afterAll(async () => {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    for (const socket of sockets) socket.disconnect();
    for (const sink of sinks) sink.close();
    await hostB?.kill('SIGTERM');
    await hostA?.stop();
    await meeting?.stop();
  });

  it('places the sites on both gateways, the least loaded first, each token good at its own gateway only (and answers MEDIA_PUBLIC_URL while no gateway announces itself)', async () => {
    // One gateway, not in a cluster (no MEDIA_PUBLIC_URL of its own): the token's answer is as it always was.
    expect(await token(0)).toMatchObject({ gatewayId: null, mediaUrl: meeting.app.get<AppConfig>(APP_CONFIG).mediaPublicUrl });
    await startGateways();
    // Four operators open the conference at once: tokens first, as a burst of joins does.
    const tokens = [];
    for (let i = 0; i < 4; i++) tokens.push(await token(i));
    // The hall went first to the lower id; each next site to the gateway with fewer sites (counting those placed since its last heartbeat).
    expect(tokens.map((t) => t.gatewayId)).toEqual(['host-a', 'host-b', 'host-a', 'host-b']);
    expect(tokens.map((t) => t.mediaUrl)).toEqual([hostA.url, hostB.url, hostA.url, hostB.url]);
    // A token is for the gateway it names: host A refuses host B's (403, before using it up), and B takes it below.
    const elsewhere: MediaClient = io(`${hostA.url}${MEDIA_NAMESPACE}`, { auth: { token: tokens[1].token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const refusal = await new Promise<Error & { data?: unknown }>((resolve) => elsewhere.once('connect_error', resolve));
    elsewhere.disconnect();
    expect(refusal.data).toMatchObject({ statusCode: 403, error: 'WRONG_GATEWAY' });
    for (let i = 0; i < 4; i++) await join(i, tokens[i]);
    // A site keeps its gateway: the hall's next token (its console, a reload) names host-a again.
    expect(await token(0)).toMatchObject({ gatewayId: 'host-a', mediaUrl: hostA.url });
    await waitFor(async () => (await health(hostA.url))?.sites === 4 && (await health(hostB.url))?.sites === 4, 10_000, 'each gateway counting all four sites');
  });

  it('pipes the main hall and the floor holder of host A to the sites on host B: RTP flows there', async () => {
    await publish(sites[0], 61_000); // the hall, on A
    await publish(sites[2], 61_002); // district 2, on A
    await publish(sites[1], 61_001); // district 1, on B
    await grantFloor(2);
    const hallAtB = await receive(sites[1], video.get(0)!);
    const floorAtB = await receive(sites[1], video.get(2)!);
    await flowing(hallAtB, 'the hall\'s video at district 1 on host B');
    await flowing(floorAtB, 'the floor holder\'s video at district 1 on host B');
    // Piped once per host, whatever the number of sites there: district 3 on B receives the same copy.
    await flowing(await receive(sites[3], video.get(2)!), 'the floor holder\'s video at district 3 on host B');
    const b = await health(hostB.url);
    expect(b?.cluster).toMatchObject({ gateway: 'host-b', remoteSites: 2, pipes: { inbound: { 'host-a': 2 } } });
    // The hall's grid on A gets district 1 from B.
    await flowing(await receive(sites[0], video.get(1)!), 'district 1\'s video in the hall\'s grid on host A');
    expect((await health(hostA.url))?.cluster?.pipes).toMatchObject({ inbound: { 'host-b': 1 }, outbound: { 'host-b': 2 } });
  });

  it('a floor switch to a site on host B reaches the district on host A; host B closes the pipe it no longer needs', async () => {
    const grantedAt = Date.now();
    await grantFloor(1);
    // District 2 (on A) is told of district 1's video (a large conference announces only the programme) and receives it.
    const floorAtA = await receive(sites[2], video.get(1)!);
    await waitFor(() => floorAtA.sink.count(floorAtA.ssrc) > 0, 15_000, 'the new floor holder\'s video at district 2 on host A');
    console.log(`floor switch across the pipe: grant → first RTP at host A ${floorAtA.sink.firstAt.get(floorAtA.ssrc)! - grantedAt} ms (consume ${floorAtA.startedAt - grantedAt} ms after the grant)`);
    await flowing(floorAtA, 'district 1\'s video at district 2 on host A');
    // District 2 is off the programme: host B's districts do not need it, so B closes its copy.
    await waitFor(() => sites[1].closed.has(video.get(2)!) && sites[3].closed.has(video.get(2)!), 10_000, 'ProducerClosed for district 2 at B\'s sites');
    await waitFor(async () => (await health(hostB.url))?.cluster?.pipes.inbound['host-a'] === 1, 10_000, 'host B piping only the hall');
    expect((await health(hostA.url))?.cluster?.pipes.outbound).toEqual({ 'host-b': 1 });
  });

  it('a district on host B encodes only the layers the hall on host A watches of it: the layers cross the pipe', async () => {
    const [hall, , , district3] = sites;
    const told: number[] = [];
    district3.socket.on(MediaServerEvent.SendLayers, ({ maxSpatialLayer }) => told.push(maxSpatialLayer));
    // A three-layer simulcast camera (signalling only: whether packets flow does not change what is told).
    const send = await ok(district3.socket, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
    const { producerId } = await ok(district3.socket, MediaClientEvent.Produce, {
      transportId: send.id, kind: 'video', rtpParameters: { ...ffmpegRtpParameters('video', 61_030), encodings: [{ ssrc: 61_030 }, { ssrc: 61_031 }, { ssrc: 61_032 }] },
    });
    // The hall's grid on A receives it through a pipe, in full until it says otherwise …
    await waitFor(() => hall.announced.some((p) => p.producerId === producerId), 15_000, 'district 3\'s camera announced to the hall on host A');
    const consumer = await ok(hall.socket, MediaClientEvent.Consume, { transportId: hall.recv!.id, producerId });
    await ok(hall.socket, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    await waitFor(() => told.at(-1) === 2, 10_000, 'district 3 at the top layer while the hall on A receives it in full');
    await sleep(300); // host A's own notices (nothing flowing yet, then the consumer) may still be on their way
    expect(told.at(-1)).toBe(2);
    // … then as a small tile: host A tells host B, which tells the camera.
    await ok(hall.socket, MediaClientEvent.SetPreferredLayers, { consumerId: consumer.id, spatialLayer: 0 });
    await waitFor(() => told.at(-1) === 0, 10_000, 'district 3 at the lowest layer for the hall\'s tile on A');
    // On the floor, at once in full; district 1 (on B) takes the floor back for the tests after this one.
    await grantFloor(3);
    await waitFor(() => told.at(-1) === 2, 10_000, 'district 3 at the top layer on the floor');
    await grantFloor(1);
    await waitFor(() => told.at(-1) === 0, 10_000, 'district 3 back at the lowest');
    await ok(district3.socket, MediaClientEvent.CloseProducer, { producerId });
  });

  it('pipes the hall\'s shared screen to every site on host B, whose floor holder is refused a second screen (409), and closes it there when the hall stops', async () => {
    const [hall, , , district3] = sites;
    const { producerId: screenId } = await ok(hall.socket, MediaClientEvent.Produce, await plainVideo(hall, 61_020, 'screen'));
    // District 3 on B is announced the screen and told who shares it, though the hall's camera is not what it is sent.
    await waitFor(() => district3.announced.some((p) => p.producerId === screenId && p.source === 'screen'), 15_000, 'the hall\'s screen announced at district 3 on host B');
    await waitFor(() => district3.programmes.some((p) => p.screen?.producerId === screenId), 10_000, 'a Programme naming the hall\'s screen at host B');
    expect(district3.programmes.at(-1)?.screen).toMatchObject({ siteId: siteIds[0], producerId: screenId });
    expect(district3.programmes.at(-1)?.producers).toEqual(expect.arrayContaining([{ producerId: screenId, siteId: siteIds[0], kind: 'video', source: 'screen' }]));
    await flowing(await receive(district3, screenId), 'the hall\'s screen at district 3 on host B');

    // District 1 (on B) has the floor; once the chair lets floor holders share, B refuses it while the hall's screen runs.
    expect((await chair.put(`/conferences/${conferenceId}/media-controls/sharing`, { floorShareAllowed: true })).status).toBe(200);
    let refusal: Awaited<ReturnType<typeof request<typeof MediaClientEvent.Produce>>> | undefined;
    await waitFor(async () => {
      refusal = await request(sites[1].socket, MediaClientEvent.Produce, await plainVideo(sites[1], 61_021, 'screen'));
      return refusal.ok || refusal.error.error !== 'SHARE_NOT_ALLOWED'; // until the permission reaches host B
    }, 10_000, 'the permission at host B');
    expect(refusal).toMatchObject({ ok: false, error: { statusCode: 409, error: 'SCREEN_SHARED', current: { siteId: siteIds[0], producerId: screenId } } });

    await ok(hall.socket, MediaClientEvent.CloseProducer, { producerId: screenId });
    await waitFor(() => district3.closed.has(screenId), 10_000, 'ProducerClosed for the hall\'s screen at district 3 on host B');
    await waitFor(() => district3.programmes.at(-1)?.screen === null, 10_000, 'a Programme without a screen at host B');
    expect((await chair.put(`/conferences/${conferenceId}/media-controls/sharing`, { floorShareAllowed: false })).status).toBe(200);
  });

  it('host B dies: host A closes what came from it within three heartbeats, and places B\'s sites on itself meanwhile', async () => {
    const workerPids = ((await (await fetch(`${hostB.url}/api/health`, { headers: { authorization: `Bearer ${serviceToken()}` } })).json()) as { workers: Array<{ pid: number }> })
      .workers.map((w) => w.pid);
    const diedAt = Date.now();
    await hostB.kill('SIGKILL');
    // Its mediasoup worker goes with it (it sees its channel to the gateway close).
    await waitFor(() => workerPids.every((pid) => !alive(pid)), 10_000, 'host B\'s mediasoup worker gone');
    const fromB = video.get(1)!;
    await waitFor(() => sites[0].closed.has(fromB) && sites[2].closed.has(fromB), 15_000, 'ProducerClosed at A for district 1\'s video');
    const noticedMs = Date.now() - diedAt;
    const a = await health(hostA.url);
    expect(a).toMatchObject({ sites: 2, cluster: { remoteSites: 0, pipes: { inbound: {}, outbound: {} } } });
    console.log(`host B killed: host A closed its piped producers after ${noticedMs} ms (heartbeat ${HEARTBEAT_MS} ms, dead after 3)`);
    // The hall on A still sends to district 2 on A; a site that asks for a token now goes to the live host.
    expect(await token(3)).toMatchObject({ gatewayId: 'host-a', mediaUrl: hostA.url });
  });

  it('host B restarted rebuilds its room as its sites come back: the floor from the meeting service, pipes both ways', async () => {
    const restartAt = Date.now();
    hostB = await MediaProcess.start(envB); // same id and ports: the host came back
    const startedMs = Date.now() - restartAt;
    // B announces itself before it serves: district 1, placed on B before it died, goes back there.
    const issued = await token(1);
    expect(issued).toMatchObject({ gatewayId: 'host-b', mediaUrl: hostB.url });
    const district1 = await join(1, issued);
    // No floor event since the restart: the room read the holder (district 1) from the meeting service before it opened…
    expect(district1.programmes[0]).toMatchObject({ conferenceId, floorSiteId: siteIds[1] });
    // …and learnt from host A's room state that the main hall is there.
    await waitFor(() => district1.programmes.some((p) => p.mainSiteId === siteIds[0] && p.floorSiteId === siteIds[1]), 10_000, 'the hall on B\'s programme');
    const producerId = await publish(district1, 61_011);
    // District 2 on A receives the holder's new video through a new pipe, and district 1 the hall's.
    const atA = await receive(sites[2], producerId);
    await waitFor(() => atA.sink.count(atA.ssrc) > 0, 15_000, 'district 1\'s new video at district 2 on host A');
    console.log(`host B restarted in ${startedMs} ms; district 1's video at district 2 on host A ${atA.sink.firstAt.get(atA.ssrc)! - restartAt} ms after the restart began`);
    await flowing(atA, 'district 1\'s new video at district 2 on host A');
    await flowing(await receive(district1, video.get(0)!), 'the hall\'s video at district 1 on the restarted host B');
  });
});
