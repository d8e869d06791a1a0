// A mediasoup worker is killed under a live conference: the pool starts a new worker on the same
// port, the conference gets a router on a live worker, its sites are told to re-join (on the same
// socket, no new token), the meeting service hears of it on Redis, and media flows again.
import { MediaClientEvent, MediaServerEvent } from '@hoinghi/contracts';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  ffmpegRtp, ffmpegRtpParameters, MediaClient, MediaHarness, nextEvent, ok, RtpSink, waitFor,
} from '../support/media-harness';

const RTC_PORT = 41040;
const conferenceId = randomUUID();

describe('a mediasoup worker dies', () => {
  let media: MediaHarness;
  const ffmpegs: ChildProcess[] = [];
  const sinks: RtpSink[] = [];
  let mediaStatus: Array<{ kind: string; conferenceId: string; details: Record<string, unknown> }>;
  let hall: MediaClient;
  let district: MediaClient;
  let killedIndex = -1;

  beforeAll(async () => {
    media = await MediaHarness.start({ MEDIA_WORKERS: '2', MEDIA_RTC_PORT: String(RTC_PORT), MEDIA_ALLOW_PLAIN_RTP: '1' });
    mediaStatus = await media.subscribeMediaStatus();
    hall = await media.connect(media.token({ cid: conferenceId, sid: 'hall', main: true }));
    district = await media.connect(media.token({ cid: conferenceId, sid: 'district' }));
  });

  afterAll(async () => {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    for (const sink of sinks) sink.close();
    await media?.stop();
  });

  /** Join, publish the hall's camera from ffmpeg, receive it at the district; resolves once RTP arrives. */
  async function conferenceFlows(ssrc: number): Promise<RtpSink> {
    for (const socket of [hall, district]) {
      const joined = await ok(socket, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
      await ok(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    }
    const send = await ok(hall, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
    if (send.type !== 'plain') throw new Error('expected a plain transport');
    const { producerId } = await ok(hall, MediaClientEvent.Produce, { transportId: send.id, kind: 'video', rtpParameters: ffmpegRtpParameters('video', ssrc) });
    ffmpegs.push(ffmpegRtp('video', send, { ssrc, payloadType: 101, seconds: 30 }));

    const sink = await RtpSink.open();
    sinks.push(sink);
    const recv = await ok(district, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
    await ok(district, MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: '127.0.0.1', port: sink.port, rtcpPort: sink.rtcpPort });
    const consumer = await ok(district, MediaClientEvent.Consume, { transportId: recv.id, producerId });
    await ok(district, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    const consumerSsrc = (consumer.rtpParameters.encodings as Array<{ ssrc: number }>)[0].ssrc;
    await waitFor(() => sink.count(consumerSsrc) > 10, 8000, 'RTP at the district');
    return sink;
  }

  it('replaces the worker, moves the conference, tells the sites to re-join, and media flows again', async () => {
    await conferenceFlows(50_001);
    const before = await media.health();
    const index = before.conferences.find((c) => c.conferenceId === conferenceId)!.workers[0];
    const deadPid = before.workers[index].pid;
    killedIndex = index;

    const restartedAtHall = nextEvent(hall, MediaServerEvent.WorkerRestarted);
    const restartedAtDistrict = nextEvent(district, MediaServerEvent.WorkerRestarted);
    const killedAt = Date.now();
    process.kill(deadPid, 'SIGKILL');

    expect(await restartedAtHall).toEqual({ conferenceId, reason: expect.stringContaining(String(deadPid)) });
    await restartedAtDistrict;
    const toldMs = Date.now() - killedAt;

    await waitFor(async () => {
      const worker = (await media.health()).workers[index];
      return worker.pid !== deadPid && !worker.closed;
    }, 10_000, 'a new worker at the same index');
    const replacedMs = Date.now() - killedAt;
    const after = await media.health();
    expect(after.status).toBe('ok');
    expect(after.workers.map((w) => w.pid)).not.toContain(deadPid);
    const room = after.conferences.find((c) => c.conferenceId === conferenceId)!;
    expect(room).toMatchObject({ sites: 2, routers: 1 });
    expect(after.workers[room.workers[0]].conferences).toContain(conferenceId);

    await waitFor(() => mediaStatus.some((e) => e.kind === 'worker-replaced'), 5000, 'worker-replaced on Redis');
    expect(mediaStatus).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'worker-died', conferenceId, details: expect.objectContaining({ workerIndex: index, pid: deadPid }) }),
      expect.objectContaining({ kind: 'worker-replaced', conferenceId, details: expect.objectContaining({ workerIndex: index, pid: deadPid, newPid: after.workers[index].pid }) }),
    ]));

    // The sites re-join on their sockets, as the web client does on WorkerRestarted.
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    const rejoinAt = Date.now();
    await conferenceFlows(50_002);
    console.log(`worker death: sites told after ${toldMs} ms, worker replaced after ${replacedMs} ms, media flowing ${Date.now() - rejoinAt} ms after the re-join started`);
  });

  it('the new worker serves WebRTC on the dead one\'s port', async () => {
    // The conference moved to whichever worker was alive; a new conference then goes to the
    // least-loaded worker, the replacement. Either way, use a site whose room is on the replaced worker.
    const { conferences } = await media.health();
    const moved = conferences.find((c) => c.conferenceId === conferenceId)!.workers[0];
    let socket = hall;
    if (moved !== killedIndex) {
      const other = randomUUID();
      socket = await media.connect(media.token({ cid: other, sid: 'x', main: true }));
      await ok(socket, MediaClientEvent.Join, { conferenceId: other });
      expect((await media.health()).conferences.find((c) => c.conferenceId === other)!.workers).toEqual([killedIndex]);
    }
    const transport = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'recv' });
    if (transport.type !== 'webrtc') throw new Error('expected WebRTC');
    expect(transport.iceCandidates).toEqual(expect.arrayContaining([
      expect.objectContaining({ protocol: 'udp', port: RTC_PORT + killedIndex }), expect.objectContaining({ protocol: 'tcp', port: RTC_PORT + killedIndex }),
    ]));
  });
});

describe('the only mediasoup worker dies', () => {
  let media: MediaHarness;

  beforeAll(async () => {
    media = await MediaHarness.start({ MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(RTC_PORT + 5) });
  });

  afterAll(async () => {
    await media?.stop();
  });

  it('the conference waits for the replacement and comes back on the same port', async () => {
    const cid = randomUUID();
    const socket = await media.connect(media.token({ cid, sid: 'hall', main: true }));
    await ok(socket, MediaClientEvent.Join, { conferenceId: cid });
    const deadPid = (await media.health()).workers[0].pid;
    const restarted = nextEvent(socket, MediaServerEvent.WorkerRestarted);
    process.kill(deadPid, 'SIGKILL');
    await restarted;
    const health = await media.health();
    expect(health.workers[0]).toMatchObject({ closed: false, conferences: [cid] });
    expect(health.workers[0].pid).not.toBe(deadPid);
    await ok(socket, MediaClientEvent.Join, { conferenceId: cid });
    const transport = await ok(socket, MediaClientEvent.CreateTransport, { direction: 'send' });
    if (transport.type !== 'webrtc') throw new Error('expected WebRTC');
    expect(transport.iceCandidates).toEqual(expect.arrayContaining([expect.objectContaining({ port: RTC_PORT + 5 })]));
  });
});
