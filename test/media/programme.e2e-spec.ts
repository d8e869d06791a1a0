// Real RTP through the gateway: ffmpeg feeds the main hall's and district A's producers over plain RTP;
// district B receives on a plain transport (a UDP socket here) through a second router on the other
// worker (pipeToRouter). Then a floor grant published on Redis switches B to district A, the chair's
// console gets per-site quality, and the programme is recorded to WebM by ffmpeg.
import {
  FloorEvent, FloorQueueEvent, MediaClientEvent, MediaServerEvent, ProducerInfo, ProgrammeEvent, QualityEvent, RedisChannel,
} from '@hoinghi/contracts';
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ffmpegRtp, ffmpegRtpParameters, MediaClient, MediaHarness, nextEvent, ok, RtpSink, sleep, waitFor,
} from '../support/media-harness';

const conferenceId = randomUUID();
const HALL = 'hall-dong-thap';
const SA_DEC = 'district-sa-dec';
const LAI_VUNG = 'district-lai-vung';

describe('the programme over real RTP', () => {
  let media: MediaHarness;
  let recordingsDir: string;
  const ffmpegs: ChildProcess[] = [];
  let sink: RtpSink;
  const sockets: Record<string, MediaClient> = {};
  const producers: Record<string, { video: string; audio: string }> = {};
  const announcedToLaiVung: ProducerInfo[] = [];
  const programmesAtLaiVung: ProgrammeEvent[] = [];
  const qualityAtHall: QualityEvent[] = [];
  let mediaStatus: Array<{ kind: string; conferenceId: string; siteId?: string; details: Record<string, unknown> }>;
  let recvTransportId: string;
  let recvRtcpPort: number;
  const consumerOf: Record<string, { id: string; ssrc: number }> = {};
  const ssrcOf = (siteId: string, kind: 'audio' | 'video') => consumerOf[`${siteId}/${kind}`].ssrc;

  beforeAll(async () => {
    recordingsDir = mkdtempSync(join(tmpdir(), 'hoinghi-recordings-'));
    media = await MediaHarness.start({
      MEDIA_WORKERS: '2', MEDIA_RTC_PORT: '41020', MEDIA_MAX_PEERS_PER_ROUTER: '2', MEDIA_ALLOW_PLAIN_RTP: '1',
      MEDIA_QUALITY_INTERVAL_MS: '500', MEDIA_RECORDINGS_DIR: recordingsDir,
    });
    mediaStatus = await media.subscribeMediaStatus();
    sink = await RtpSink.open();

    for (const [siteId, main] of [[HALL, true], [SA_DEC, false], [LAI_VUNG, false]] as const) {
      const socket = await media.connect(media.token({ cid: conferenceId, sid: siteId, main }));
      sockets[siteId] = socket;
      const joined = await ok(socket, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
      if (siteId === LAI_VUNG) {
        socket.on(MediaServerEvent.NewProducer, (p) => announcedToLaiVung.push(p));
        socket.on(MediaServerEvent.Programme, (p) => programmesAtLaiVung.push(p));
      }
      if (siteId === HALL) socket.on(MediaServerEvent.Quality, (q) => qualityAtHall.push(q));
      await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    }

    // The hall and Sa Đéc publish camera (VP8) and microphone (Opus) from ffmpeg.
    let ssrc = 10_000;
    for (const siteId of [HALL, SA_DEC]) {
      const ids = { video: '', audio: '' };
      for (const kind of ['video', 'audio'] as const) {
        const transport = await ok(sockets[siteId], MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
        if (transport.type !== 'plain') throw new Error('expected a plain transport');
        const { producerId } = await ok(sockets[siteId], MediaClientEvent.Produce, {
          transportId: transport.id, kind, rtpParameters: ffmpegRtpParameters(kind, ++ssrc),
        });
        ids[kind] = producerId;
        ffmpegs.push(ffmpegRtp(kind, transport, { ssrc, payloadType: kind === 'video' ? 101 : 100, seconds: 40 }));
      }
      producers[siteId] = ids;
    }

    // Lai Vung receives into a UDP socket.
    const recv = await ok(sockets[LAI_VUNG], MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
    recvTransportId = recv.id;
    if (recv.type !== 'plain') throw new Error('expected a plain transport');
    recvRtcpPort = recv.rtcpPort;
    await ok(sockets[LAI_VUNG], MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: '127.0.0.1', port: sink.port, rtcpPort: sink.rtcpPort });
  });

  afterAll(async () => {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    sink?.close();
    await media?.stop();
    rmSync(recordingsDir, { recursive: true, force: true });
  });

  it('spreads the conference over two routers on two workers once a router is full', async () => {
    const conference = (await media.health()).conferences.find((c) => c.conferenceId === conferenceId);
    expect(conference).toMatchObject({ sites: 3, routers: 2 });
    expect(conference!.workers.sort()).toEqual([0, 1]);
  });

  it('announces every site\'s producers to a district while the conference is small (warm standby)', async () => {
    await waitFor(() => announcedToLaiVung.length === 4, 5000, 'four NewProducer events');
    expect(announcedToLaiVung).toEqual(expect.arrayContaining([
      { producerId: producers[HALL].video, siteId: HALL, kind: 'video', source: 'camera' },
      { producerId: producers[SA_DEC].video, siteId: SA_DEC, kind: 'video', source: 'camera' },
    ]));
    const last = programmesAtLaiVung[programmesAtLaiVung.length - 1];
    expect(last).toMatchObject({ mainSiteId: HALL, floorSiteId: null });
    expect(last.producers.map((p) => p.producerId).sort()).toEqual([producers[HALL].audio, producers[HALL].video].sort());
  });

  it('a district receives the main hall (piped from the other worker) but not a site without the floor', async () => {
    for (const siteId of [HALL, SA_DEC]) {
      for (const kind of ['video', 'audio'] as const) {
        const consumer = await ok(sockets[LAI_VUNG], MediaClientEvent.Consume, { transportId: recvTransportId, producerId: producers[siteId][kind] });
        expect(consumer).toMatchObject({ kind, siteId, producerId: producers[siteId][kind] });
        const encodings = consumer.rtpParameters.encodings as Array<{ ssrc: number }>;
        consumerOf[`${siteId}/${kind}`] = { id: consumer.id, ssrc: encodings[0].ssrc };
        const resumed = await ok(sockets[LAI_VUNG], MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
        expect(resumed.flowing).toBe(siteId === HALL);
      }
    }
    await waitFor(() => sink.count(ssrcOf(HALL, 'video')) > 20 && sink.count(ssrcOf(HALL, 'audio')) > 20, 8000, 'RTP of the hall at Lai Vung');
    const stats = await ok(sockets[LAI_VUNG], MediaClientEvent.GetStats, { id: consumerOf[`${HALL}/video`].id });
    const outbound = stats.stats.find((s) => s.type === 'outbound-rtp');
    expect(outbound?.packetCount).toBeGreaterThan(0);
    expect(sink.count(ssrcOf(SA_DEC, 'video'))).toBe(0);
    expect(sink.count(ssrcOf(SA_DEC, 'audio'))).toBe(0);
  });

  it('records the programme, and a floor grant on Redis switches every district to the new speaker', async () => {
    const started = await ok(sockets[HALL], MediaClientEvent.StartRecording, {});
    expect(started.recording).toMatchObject({ conferenceId, active: true, file: expect.stringMatching(/\.webm$/) });
    await sleep(2000);

    const redis = media.redis();
    const programme = nextEvent(sockets[LAI_VUNG], MediaServerEvent.Programme, (p) => p.floorSiteId === SA_DEC);
    const grant: FloorEvent = {
      v: 1, kind: 'granted', conferenceId, requestId: randomUUID(), siteId: SA_DEC, participantId: null, at: new Date().toISOString(),
    };
    const grantedAt = Date.now();
    await redis.publish(RedisChannel.Floor, JSON.stringify(grant));
    const switched = await programme;
    const programmeMs = Date.now() - grantedAt;
    expect(switched).toMatchObject({ mainSiteId: HALL, floorSiteId: SA_DEC });
    expect(switched.producers.map((p) => p.siteId)).toEqual(expect.arrayContaining([HALL, SA_DEC]));
    await waitFor(() => sink.count(ssrcOf(SA_DEC, 'audio')) > 0 && sink.count(ssrcOf(SA_DEC, 'video')) > 0, 5000, 'RTP of Sa Đéc at Lai Vung');
    const audioMs = sink.firstAt.get(ssrcOf(SA_DEC, 'audio'))! - grantedAt;
    const videoMs = sink.firstAt.get(ssrcOf(SA_DEC, 'video'))! - grantedAt;
    console.log(`floor switch (Redis publish → …): Programme event ${programmeMs} ms, first audio packet ${audioMs} ms, first video packet ${videoMs} ms (waits for a key frame; ffmpeg GOP 333 ms)`);
    expect(sink.count(ssrcOf(HALL, 'video'))).toBeGreaterThan(0); // the hall stays on

    await sleep(2500);
    const stopped = await ok(sockets[HALL], MediaClientEvent.StopRecording, {});
    expect(stopped.recording).toMatchObject({ active: false, file: null });

    // Listed over REST with the main site's media token; one file per segment (the grant started a new one).
    const answer = await fetch(`${media.url}/api/conferences/${conferenceId}/recordings`, {
      headers: { authorization: `Bearer ${media.token({ cid: conferenceId, sid: HALL, main: true })}` },
    });
    const { files } = (await answer.json()) as { files: Array<{ file: string; bytes: number; active: boolean }> };
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(f.bytes).toBeGreaterThan(1000);
    const streams = (file: string) => execFileSync('/usr/bin/ffprobe', [
      '-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(recordingsDir, conferenceId, file),
    ]).toString().trim().split('\n');
    expect(streams(files[0].file)).toEqual(['vp8', 'opus']);
    // With Sa Đéc on the floor: the hall's video and audio, and Sa Đéc's audio as a second track.
    expect(streams(files[files.length - 1].file)).toEqual(['vp8', 'opus', 'opus']);
    const duration = Number(execFileSync('/usr/bin/ffprobe', [
      '-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(recordingsDir, conferenceId, files[files.length - 1].file),
    ]).toString());
    expect(duration).toBeGreaterThan(1);
  });

  it('ending the floor takes the speaker off the programme again', async () => {
    const programme = nextEvent(sockets[LAI_VUNG], MediaServerEvent.Programme, (p) => p.floorSiteId === null);
    const ended: FloorEvent = {
      v: 1, kind: 'ended', conferenceId, requestId: randomUUID(), siteId: SA_DEC, participantId: null, at: new Date().toISOString(),
    };
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(ended));
    await programme;
    await sleep(300); // packets already in flight
    const before = sink.count(ssrcOf(SA_DEC, 'video')) + sink.count(ssrcOf(SA_DEC, 'audio'));
    const hallBefore = sink.count(ssrcOf(HALL, 'video'));
    await sleep(700);
    expect(sink.count(ssrcOf(SA_DEC, 'video')) + sink.count(ssrcOf(SA_DEC, 'audio'))).toBe(before);
    expect(sink.count(ssrcOf(HALL, 'video'))).toBeGreaterThan(hallBefore);
  });

  it('records a shared screen: while the hall shares, a segment has the screen as its first video and the hall\'s camera as its second', async () => {
    const started = await ok(sockets[HALL], MediaClientEvent.StartRecording, {});
    const before = started.recording.file!;
    const transport = await ok(sockets[HALL], MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
    if (transport.type !== 'plain') throw new Error('expected a plain transport');
    const { producerId: screen } = await ok(sockets[HALL], MediaClientEvent.Produce, {
      transportId: transport.id, kind: 'video', rtpParameters: ffmpegRtpParameters('video', 10_100), source: 'screen',
    });
    ffmpegs.push(ffmpegRtp('video', transport, { ssrc: 10_100, payloadType: 101, seconds: 20 }));
    const recording = nextEvent(sockets[HALL], MediaServerEvent.Recording, (r) => r.file !== null && r.file !== before);
    const withScreen = (await recording).file!;
    await sleep(2000);
    const stopped = nextEvent(sockets[HALL], MediaServerEvent.Recording, (r) => r.file !== withScreen);
    await ok(sockets[HALL], MediaClientEvent.CloseProducer, { producerId: screen });
    expect((await stopped).file).not.toBeNull(); // the camera alone again, in a segment of its own
    await ok(sockets[HALL], MediaClientEvent.StopRecording, {});

    const probe = (entries: string) => execFileSync('/usr/bin/ffprobe', [
      '-v', 'error', '-show_entries', entries, '-of', 'csv=p=0', join(recordingsDir, conferenceId, withScreen),
    ], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n');
    // The replaced segment ends a second after its successor starts (no gap), then ffmpeg writes its trailer.
    await waitFor(() => {
      try {
        return probe('format=duration').length > 0;
      } catch {
        return false;
      }
    }, 10_000, 'the screen\'s segment finished');
    expect(probe('stream=codec_name')).toEqual(['vp8', 'vp8', 'opus']);
    // Both pictures were written: frames of each video track.
    const frames = (stream: number) => Number(execFileSync('/usr/bin/ffprobe', [
      '-v', 'error', '-select_streams', `v:${stream}`, '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0',
      join(recordingsDir, conferenceId, withScreen),
    ]).toString());
    expect(frames(0)).toBeGreaterThan(10);
    expect(frames(1)).toBeGreaterThan(10);
  });

  it('keeps the next speaker in the queue warm: its video, not its sound, flows to the districts until it leaves the head', async () => {
    const queue = (next: string[]): FloorQueueEvent => ({ v: 1, kind: 'queue', conferenceId, next, at: new Date().toISOString() });
    const videoBefore = sink.count(ssrcOf(SA_DEC, 'video'));
    const audioBefore = sink.count(ssrcOf(SA_DEC, 'audio'));
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(queue([SA_DEC])));
    await waitFor(() => sink.count(ssrcOf(SA_DEC, 'video')) > videoBefore + 10, 5000, 'the warm speaker\'s video at Lai Vung');
    expect(sink.count(ssrcOf(SA_DEC, 'audio'))).toBe(audioBefore);
    await media.redis().publish(RedisChannel.Floor, JSON.stringify(queue([])));
    await sleep(300); // packets already in flight
    const after = sink.count(ssrcOf(SA_DEC, 'video'));
    await sleep(700);
    expect(sink.count(ssrcOf(SA_DEC, 'video'))).toBe(after);
  });

  it('reports per-site quality to the chair\'s console and on Redis', async () => {
    await waitFor(() => qualityAtHall.some((q) => q.sites.length === 3 && q.sites.every((s) => s.inboundBitrate > 0 || s.siteId === LAI_VUNG)), 5000, 'a full quality report');
    const report = qualityAtHall[qualityAtHall.length - 1];
    console.log(`quality at the chair's console: ${JSON.stringify(report.sites.map(({ at: _at, ...rest }) => rest))}`);
    const site = (id: string) => report.sites.find((s) => s.siteId === id)!;
    expect(site(HALL).inboundBitrate).toBeGreaterThan(50_000);
    expect(site(LAI_VUNG).outboundBitrate).toBeGreaterThan(50_000);
    expect(site(LAI_VUNG)).toMatchObject({ spatialLayer: 0, poor: false, audioOnly: false, maxSpatialLayer: 2 });
    expect(site(SA_DEC).jitterMs).toBeGreaterThanOrEqual(0);
    const onRedis = mediaStatus.filter((e) => e.kind === 'site-quality' && e.conferenceId === conferenceId);
    expect(new Set(onRedis.map((e) => e.siteId))).toEqual(new Set([HALL, SA_DEC, LAI_VUNG]));
    expect(onRedis[0].details).toMatchObject({ inboundBitrate: expect.any(Number), poor: expect.any(Boolean) });
  });

  it('a lossy downlink lowers the layer, a very lossy one falls back to audio only, and video returns when it recovers', async () => {
    const hallStreams = [ssrcOf(HALL, 'video'), ssrcOf(HALL, 'audio')];
    const laiVung = (q: QualityEvent) => q.sites.find((s) => s.siteId === LAI_VUNG);
    const report = (loss: number) => {
      const timer = setInterval(() => sink.receiverReport(recvRtcpPort, hallStreams, loss), 200);
      sink.receiverReport(recvRtcpPort, hallStreams, loss);
      return () => clearInterval(timer);
    };

    let stopReports = report(0.1);
    const poor = await nextEvent(sockets[HALL], MediaServerEvent.Quality, (q) => laiVung(q)?.poor === true);
    expect(laiVung(poor)).toMatchObject({ poor: true, audioOnly: false, downlinkLoss: expect.closeTo(0.1, 1) });
    expect(laiVung(poor)!.maxSpatialLayer).toBeLessThan(2);
    stopReports();

    stopReports = report(0.3);
    await nextEvent(sockets[HALL], MediaServerEvent.Quality, (q) => laiVung(q)?.audioOnly === true);
    await sleep(300);
    const video = sink.count(ssrcOf(HALL, 'video'));
    const audio = sink.count(ssrcOf(HALL, 'audio'));
    await sleep(600);
    expect(sink.count(ssrcOf(HALL, 'video'))).toBe(video); // video paused
    expect(sink.count(ssrcOf(HALL, 'audio'))).toBeGreaterThan(audio); // audio goes on
    expect(mediaStatus.some((e) => e.kind === 'site-quality' && e.siteId === LAI_VUNG && e.details.audioOnly === true)).toBe(true);
    stopReports();

    stopReports = report(0);
    await nextEvent(sockets[HALL], MediaServerEvent.Quality, (q) => laiVung(q)?.audioOnly === false, 8000);
    const back = sink.count(ssrcOf(HALL, 'video'));
    await waitFor(() => sink.count(ssrcOf(HALL, 'video')) > back + 5, 3000, 'video again');
    stopReports();
  });
});
