// Media fan-out benchmark: one publisher (ffmpeg sending VP8 over plain RTP) fanned out to N consumers on
// PlainTransports, for N = 100, 250, 500, 1000, on one mediasoup worker and on two (the conference spread by
// pipeToRouter). Each case runs once per row, back to back in the same run:
//   bare:AEAD_AES_256_GCM        — mediasoup API alone, SRTP egress with the suite browsers negotiate (the default row);
//   bare:AES_CM_128_HMAC_SHA1_80 — the same with the suite every SRTP stack has (and Janus's rtp_forward);
//   bare:plain                   — the same, plain RTP egress;
//   gateway:plain                — the hoinghi media gateway in-process, driven over its /media signalling: the
//                                  publisher is the main site, every consumer a district site with its own socket
//                                  and join token (its plain transports carry no SRTP);
//   janus:AES_CM_128_HMAC_SHA1_80, janus:plain — Janus 1.1.2 from Debian (`apt-get install -y janus`), VideoRoom
//                                  remote publisher + rtp_forward (one worker only; skipped when not installed).
// Per case: each worker's CPU (/proc/<pid>/stat), packets forwarded per second (counted by the kernel where
// they arrive), loss (what ffmpeg sent × N against arrivals), how long the worker takes to answer a stats
// request meanwhile; then the largest N one worker sustains below 80 % CPU.
//
//   npm run build:server && npm run bench:media
//   (BENCH_MEDIA_SIZES=100,250,500,1000  BENCH_MEDIA_WORKERS=1,2  BENCH_MEDIA_SECONDS=10  BENCH_MEDIA_WARMUP_SECONDS=5
//    BENCH_MEDIA_RTC_PORT=43000  BENCH_MEDIA_ROWS=bare:plain,janus:plain,…  BENCH_MEDIA_QUIET_SECONDS=60
//    MEDIASOUP_WORKER_BIN=another worker)
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  MEDIA_NAMESPACE, MediaAck, MediaClientEvent, MediaClientToServerEvents, MediaJoinClaims, MediaServerToClientEvents,
  PlainTransportOptions, TOKEN_PARTIES, TransportOptions,
} from '@hoinghi/contracts';
import * as mediasoup from 'mediasoup';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { Worker as Thread } from 'node:worker_threads';
import { io, Socket } from 'socket.io-client';
import { createMediaApp } from '../apps/media/src/bootstrap';
import { loadMediaConfig } from '../apps/media/src/config/media-config';
import type { MediaHealth } from '../apps/media/src/health/health.controller';
import { MEDIA_CODECS } from '../apps/media/src/rooms/media-codecs';
import { Janus, JANUS_REMOTE_SSRC, janusInstalled } from './janus-baseline';
import {
  BROWSER_SRTP, bindUdp, Egress, egressOptions, encodeClip, FFMPEG, LOOPBACK, PUBLISHER_RTP_PARAMETERS, PUBLISHER_SSRC, VP8_PAYLOAD_TYPE,
} from './media-source';
import { CLOCK_TICKS, processTicks, sleep } from './proc';

const list = (raw: string) => raw.split(',').map(Number);
const SIZES = list(process.env.BENCH_MEDIA_SIZES ?? '100,250,500,1000');
const WORKER_COUNTS = list(process.env.BENCH_MEDIA_WORKERS ?? '1,2');
const WINDOW_SECONDS = Number(process.env.BENCH_MEDIA_SECONDS ?? 10);
// mediasoup probes each new consumer's bandwidth (RTP padding) about 1 s and 4 s after it starts: over by then.
const WARMUP_SECONDS = Number(process.env.BENCH_MEDIA_WARMUP_SECONDS ?? 5);
const RTC_BASE_PORT = Number(process.env.BENCH_MEDIA_RTC_PORT ?? 43000);
const JANUS_HTTP_PORT = RTC_BASE_PORT - 100;
const QUIET_SECONDS = Number(process.env.BENCH_MEDIA_QUIET_SECONDS ?? 60);
const ROWS: Row[] = (process.env.BENCH_MEDIA_ROWS
  ?? `bare:${BROWSER_SRTP},bare:AES_CM_128_HMAC_SHA1_80,bare:plain,gateway:plain,janus:AES_CM_128_HMAC_SHA1_80,janus:plain`)
  .split(',').map((row) => {
    const [setup, egress] = row.split(':') as [Setup, Egress];
    if (setup === 'gateway' && egress !== 'plain') throw new Error('the gateway row is plain only (its plain transports carry no SRTP)');
    return { setup, egress };
  });
const CPU_LIMIT = 80; // % of one core: the headroom a worker keeps for key-frame bursts and joins
const SATURATED = 95; // % of one core: the worker is at its limit and the figure no longer tracks the load
const CONCURRENCY = 50; // sites joining (or stats requests) in flight at once
const TOKEN_SECRET = 'media-bench-secret';
const LISTEN_INFO = { protocol: 'udp', ip: LOOPBACK } as const;
// ffmpeg ignores PLI, so consumers wait for the next key frame (every 30 frames = 1 s); the warm-up covers it.

type Setup = 'gateway' | 'bare' | 'janus';
interface Row {
  setup: Setup;
  egress: Egress;
}
const rowName = (r: Row) => `${r.setup} ${r.egress}`;
type MediaSocket = Socket<MediaServerToClientEvents, MediaClientToServerEvents>;
type Events = MediaClientToServerEvents;
type AckOf<E extends keyof Events> = Parameters<Parameters<Events[E]>[1]>[0];

interface RtpTarget {
  ip: string;
  port: number;
  rtcpPort: number;
}

/** A fan-out ready for its publisher, whichever way it was built. */
interface Fanout {
  /** Where the publisher sends (a plain transport with comedia, RTCP not muxed). */
  ingest: RtpTarget;
  /** The SSRC the ingest wants, when not the publisher's own (the relay rewrites it). */
  ingestSsrc?: number;
  workerPids: number[];
  /** A stats request for the producer (through the signalling, for the gateway), to time the answer. */
  askProducerStats(): Promise<unknown>;
  /** RTP packets each consumer has sent so far (mediasoup's outbound-rtp packetCount). */
  consumerPackets(): Promise<number[]>;
  close(): Promise<void>;
}

interface Measurement {
  setup: Setup;
  egress: Egress;
  workers: number;
  consumers: number;
  setupSeconds: number;
  /** Per worker, % of one core over the window. */
  workerCpu: number[];
  /** What ffmpeg sent towards the producer. */
  publisherPps: number;
  /** RTP packets arriving at the sink, per second, all consumers together. */
  forwardedPps: number;
  /** Arrivals / (publisher packets × N), %: below 100 is loss; a little above is mediasoup's bandwidth probes, or a backlog draining. */
  deliveredPercent: number;
  /** Consumers that sent packets, by mediasoup's own count (null: not known, Janus). */
  consumersSending: number | null;
  /** How long a stats request for the producer, sent as the window opens, waited for its answer (null: not within the window). */
  statsAnswerMs: number | null;
  /** The bench process (gateway in-process, the N signalling clients), % of one core. */
  benchCpu: number;
  ffmpegCpu: number;
  /** Other processes on the machine during the window (not the workers, the bench or ffmpeg), % of one core. */
  othersCpu: number;
  /** Seconds spent waiting for other processes to calm down before this case. */
  waitedSeconds: number;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  console.log(`media fan-out: 1 VP8 publisher (ffmpeg, 640x360 30 fps ~800 kbit/s) → N consumers, N = ${SIZES.join(', ')}; `
    + `rows ${ROWS.map(rowName).join(', ')}; `
    + `${WARMUP_SECONDS} s warm-up, ${WINDOW_SECONDS} s window; ${cpus().length} cores (${cpus()[0]?.model.trim()}), `
    + `${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version}, `
    + `mediasoup ${mediasoup.version} (worker ${mediasoup.workerBin})`);
  const clip = encodeClip();
  const results: Measurement[] = [];
  let caseIndex = 0;
  for (const workers of WORKER_COUNTS) {
    for (const consumers of SIZES) {
      // Every row back to back, so all see the same machine state. Janus is one process: one-worker cases only.
      for (const row of ROWS.filter((r) => r.setup !== 'janus' || (workers === 1 && janusInstalled()))) {
        const m = await measure(row, workers, consumers, clip, RTC_BASE_PORT + 2 * caseIndex++);
        results.push(m);
        printLine(m);
      }
    }
  }
  printTables(results);
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`\ntotal run time ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
}

// ── one case ─────────────────────────────────────────────────────────────────────────────────────

async function measure({ setup, egress }: Row, workers: number, consumers: number, clip: string, rtcPort: number): Promise<Measurement> {
  const waitedSeconds = await quietMachine();
  const sink = await UdpSink.open();
  const setupStart = Date.now();
  const fanout = setup === 'gateway'
    ? await gatewayFanout(consumers, workers, rtcPort, sink.target)
    : setup === 'janus' ? await janusFanout(consumers, egress, sink.target) : await bareFanout(consumers, workers, egress, sink.target);
  const setupSeconds = (Date.now() - setupStart) / 1000;
  const relay = await CountingRelay.open(fanout.ingest, fanout.ingestSsrc);
  // The publisher starts once every consumer is in place, so joining is not slowed by a busy worker.
  const publisher = startPublisher(clip, relay.target);
  try {
    await sleep(WARMUP_SECONDS * 1000);

    const before = snapshot(fanout, sink, relay, publisher);
    const statsAnswer = timed(fanout.askProducerStats());
    await sleep(WINDOW_SECONDS * 1000);
    const after = snapshot(fanout, sink, relay, publisher);
    // Stop the source first: a saturated worker answers the N stats requests once it has caught up.
    publisher.kill('SIGKILL');
    const sent = await fanout.consumerPackets();

    const seconds = (after.at - before.at) / 1000;
    const corePercent = (ticks: number) => (ticks / CLOCK_TICKS / seconds) * 100;
    const published = after.published - before.published;
    const arrived = after.sinkArrivals - before.sinkArrivals;
    const expected = published * consumers;
    const workerCpu = fanout.workerPids.map((_, i) => corePercent(after.workerTicks[i] - before.workerTicks[i]));
    const benchCpu = corePercent(after.benchTicks - before.benchTicks);
    const ffmpegCpu = corePercent(after.ffmpegTicks - before.ffmpegTicks);
    const machineBusy = (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total);
    const ours = workerCpu.reduce((a, b) => a + b, 0) + benchCpu + ffmpegCpu;
    return {
      setup, egress, workers, consumers, setupSeconds, waitedSeconds, workerCpu, benchCpu, ffmpegCpu,
      publisherPps: published / seconds,
      forwardedPps: arrived / seconds,
      deliveredPercent: expected > 0 ? (arrived / expected) * 100 : 0,
      consumersSending: setup === 'janus' ? null : sent.filter((count) => count > 0).length,
      statsAnswerMs: statsAnswer.ms !== null && statsAnswer.ms <= seconds * 1000 ? statsAnswer.ms : null,
      othersCpu: Math.max(0, machineBusy * cpus().length * 100 - ours),
    };
  } finally {
    publisher.kill('SIGKILL');
    relay.close();
    await fanout.close();
    await sink.close();
  }
}

interface Snapshot {
  at: number;
  published: number;
  sinkArrivals: number;
  workerTicks: number[];
  benchTicks: number;
  ffmpegTicks: number;
  machine: { busy: number; total: number };
}

/** Every counter at one instant, none of them asked of a worker (a saturated one answers late). */
function snapshot(fanout: Fanout, sink: UdpSink, relay: CountingRelay, publisher: ChildProcess): Snapshot {
  return {
    at: Date.now(),
    published: relay.rtpPackets,
    sinkArrivals: sink.arrivals(),
    workerTicks: fanout.workerPids.map(processTicks),
    benchTicks: processTicks(process.pid),
    ffmpegTicks: publisher.pid ? processTicks(publisher.pid) : 0,
    machine: machineTicks(),
  };
}

/**
 * The machine may be shared: before a case, wait until other processes leave it mostly idle (below 15 %
 * of all cores over half a second), for at most BENCH_MEDIA_QUIET_SECONDS (a minute). Returns the seconds waited.
 */
async function quietMachine(): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < QUIET_SECONDS * 1000) {
    const a = machineTicks();
    await sleep(500);
    const b = machineTicks();
    if ((b.busy - a.busy) / (b.total - a.total) < 0.15) break;
  }
  return Math.max(0, (Date.now() - started) / 1000 - 0.5);
}

// ── through the gateway ──────────────────────────────────────────────────────────────────────────

/**
 * The gateway in this process (its mediasoup workers are child processes), one conference: the main site
 * publishes on a plain send transport; N district sites each connect with their own token, join, and
 * consume the main site on a plain recv transport aimed at the sink. With two workers, a router takes
 * half the sites, so the second half lands on a router on the other worker, fed by pipeToRouter.
 */
async function gatewayFanout(consumers: number, workers: number, rtcPort: number, sinkTarget: RtpTarget): Promise<Fanout> {
  const config = loadMediaConfig({
    ...process.env,
    NODE_ENV: 'development', // development mode: anything else is production and wants production secrets
    MEDIA_PORT: '0',
    MEDIA_LISTEN_IP: LOOPBACK,
    MEDIA_RTC_PORT: String(rtcPort),
    MEDIA_WORKERS: String(workers),
    MEDIA_MAX_PEERS_PER_ROUTER: String(Math.ceil((consumers + 1) / workers)),
    MEDIA_ALLOW_PLAIN_RTP: '1',
    MEDIA_TOKEN_SECRET: TOKEN_SECRET,
  });
  const app: INestApplication = await createMediaApp(config, ['error', 'warn']);
  const sockets: MediaSocket[] = [];
  const close = async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  };
  try {
    await app.listen(0, LOOPBACK);
    const url = `http://${LOOPBACK}:${(app.getHttpServer().address() as { port: number }).port}`;
    const conferenceId = randomUUID();
    const jwt = new JwtService();
    const connect = async (siteId: string, main: boolean) => {
      const claims: MediaJoinClaims = { typ: 'media-join', cid: conferenceId, sid: siteId, uid: `user-${siteId}`, main };
      const socket = await connectSite(url, jwt.sign(claims, {
        secret: TOKEN_SECRET, algorithm: 'HS256', expiresIn: 600, jwtid: randomUUID(), ...TOKEN_PARTIES.mediaJoin, // single-use: one per site
      }));
      sockets.push(socket);
      return socket;
    };

    // The main site joins and publishes on a plain send transport (ffmpeg will feed it).
    const hall = await connect('hall', true);
    const joined = await ask(hall, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
    await ask(hall, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    const send = plain(await ask(hall, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' }));
    const { producerId } = await ask(hall, MediaClientEvent.Produce, {
      transportId: send.id, kind: 'video', rtpParameters: PUBLISHER_RTP_PARAMETERS as unknown as Record<string, unknown>,
    });

    // The districts, many at a time: each hears of the main site's video on Ready and consumes it.
    const districts = await inBatches(consumers, CONCURRENCY, async (i) => {
      const site = await connect(`district-${i + 1}`, false);
      const { routerRtpCapabilities } = await ask(site, MediaClientEvent.Join, { conferenceId });
      const ready = await ask(site, MediaClientEvent.Ready, { rtpCapabilities: routerRtpCapabilities });
      if (!ready.producers.some((p) => p.producerId === producerId)) throw new Error(`district ${i + 1} was not told of the main site's video`);
      const recv = plain(await ask(site, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' }));
      await ask(site, MediaClientEvent.ConnectTransport, { transportId: recv.id, ...sinkTarget });
      const consumer = await ask(site, MediaClientEvent.Consume, { transportId: recv.id, producerId });
      const { flowing } = await ask(site, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
      if (!flowing) throw new Error(`district ${i + 1}: the main site's video is not flowing`);
      return { site, consumerId: consumer.id };
    });

    // The conference must be spread as intended: all sites in, on as many workers as asked for.
    const service = jwt.sign({ typ: 'media-service' }, { secret: TOKEN_SECRET, algorithm: 'HS256', expiresIn: 30 });
    const health = (await (await fetch(`${url}/api/health`, { headers: { authorization: `Bearer ${service}` } })).json()) as MediaHealth;
    const conference = health.conferences.find((c) => c.conferenceId === conferenceId);
    if (conference?.sites !== consumers + 1 || new Set(conference.workers).size !== workers) {
      throw new Error(`the conference is not spread as intended: ${JSON.stringify(conference)}`);
    }
    return {
      ingest: { ip: send.ip, port: send.port, rtcpPort: send.rtcpPort },
      workerPids: health.workers.map((w) => w.pid),
      askProducerStats: () => ask(hall, MediaClientEvent.GetStats, { id: producerId }),
      consumerPackets() {
        return inBatches(districts.length, CONCURRENCY, async (i) => {
          const { stats } = await ask(districts[i].site, MediaClientEvent.GetStats, { id: districts[i].consumerId });
          return Number(stats.find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0);
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function connectSite(url: string, token: string): Promise<MediaSocket> {
  const socket: MediaSocket = io(`${url}${MEDIA_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A signalling request; resolves with the ack, throws on `{ ok: false }` or when no ack comes within a minute. */
async function ask<E extends keyof Events>(socket: MediaSocket, event: E, body: Parameters<Events[E]>[0]): Promise<Extract<AckOf<E>, { ok: true }>> {
  const emit = socket.emitWithAck as (e: E, b: Parameters<Events[E]>[0]) => Promise<AckOf<E>>;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 60_000)));
  try {
    const answer = (await Promise.race([emit.call(socket, event, body), timeout])) as MediaAck;
    if (!answer.ok) throw new Error(`${event} failed: ${JSON.stringify(answer.error)}`);
    return answer as Extract<AckOf<E>, { ok: true }>;
  } finally {
    clearTimeout(timer);
  }
}

function plain(options: TransportOptions): PlainTransportOptions {
  if (options.type !== 'plain') throw new Error('expected a plain transport');
  return options;
}

// ── bare mediasoup ───────────────────────────────────────────────────────────────────────────────

/**
 * The same fan-out with the mediasoup API alone: transports configured as the gateway configures them
 * (plain, RTCP not muxed, 127.0.0.1), consumers created paused and then resumed, the router's own RTP
 * capabilities, and with two workers the same split (the second half of the consumers on a router on
 * the other worker, fed by pipeToRouter). No signalling, no quality sampling, no active-speaker observer.
 */
async function bareFanout(consumers: number, workerCount: number, egress: Egress, sinkTarget: RtpTarget): Promise<Fanout> {
  const workers = await Promise.all(Array.from({ length: workerCount }, () => mediasoup.createWorker({ logLevel: 'warn' })));
  const close = async () => workers.forEach((w) => w.close());
  try {
    const routers = await Promise.all(workers.map((w) => w.createRouter({ mediaCodecs: MEDIA_CODECS })));
    const ingest = await routers[0].createPlainTransport({ listenInfo: LISTEN_INFO, rtcpMux: false, comedia: true });
    const producer = await ingest.produce({ kind: 'video', rtpParameters: PUBLISHER_RTP_PARAMETERS });
    for (const router of routers.slice(1)) await routers[0].pipeToRouter({ producerId: producer.id, router, listenInfo: LISTEN_INFO });

    // As in the gateway, the publisher counts towards the first router's share.
    const perRouter = Math.ceil((consumers + 1) / workerCount);
    const consumerList = await inBatches(consumers, CONCURRENCY, async (i) => {
      const router = routers[Math.floor((i + 1) / perRouter)];
      const options = egressOptions(egress); // SRTP: each consumer its own key, as each site has
      const transport = await router.createPlainTransport({ listenInfo: LISTEN_INFO, rtcpMux: false, comedia: false, ...options.transport });
      await transport.connect({ ...sinkTarget, ...options.connect });
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
      await consumer.resume();
      return consumer;
    });
    return {
      ingest: { ip: LOOPBACK, port: ingest.tuple.localPort, rtcpPort: ingest.rtcpTuple!.localPort },
      workerPids: workers.map((w) => w.pid),
      askProducerStats: () => producer.getStats(),
      consumerPackets() {
        return inBatches(consumerList.length, CONCURRENCY, async (i) =>
          (await consumerList[i].getStats()).find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

// ── Janus ──────────────────────────────────────────────────────────────────────────────────────────

/** The same fan-out through Janus from Debian (see janus-baseline.ts): one process, one room, N rtp_forwards. */
async function janusFanout(consumers: number, egress: Egress, sinkTarget: RtpTarget): Promise<Fanout> {
  const janus = await Janus.start(JANUS_HTTP_PORT);
  try {
    const ingest = await janus.fanout(1234, consumers, egress, sinkTarget);
    return {
      ingest,
      ingestSsrc: JANUS_REMOTE_SSRC,
      workerPids: [janus.pid],
      askProducerStats: () => Promise.resolve(null), // nothing comparable
      consumerPackets: () => Promise.resolve([]), // Janus keeps no per-forwarder count
      close: () => janus.close(),
    };
  } catch (error) {
    await janus.close();
    throw error;
  }
}

// ── publisher and sink ───────────────────────────────────────────────────────────────────────────

/** Debian's ffmpeg replaying the clip in real time, looped, over RTP; RTCP from its own port (hence ?rtcpport=). */
function startPublisher(clip: string, target: RtpTarget): ChildProcess {
  const child = spawn(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', clip, '-c:v', 'copy', '-an',
    '-payload_type', String(VP8_PAYLOAD_TYPE), '-ssrc', String(PUBLISHER_SSRC), '-f', 'rtp',
    `rtp://${target.ip}:${target.port}?rtcpport=${target.rtcpPort}&pkt_size=1200`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  // ffmpeg binds its RTCP socket on its RTP port + 1; with thousands of worker sockets about, that port is
  // sometimes taken, and ffmpeg says so before it retries with another pair: not worth showing.
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = chunk.toString().split('\n').filter((line) => line.trim() && !/bind failed: Address already in use/.test(line));
    if (lines.length) process.stderr.write(`ffmpeg: ${lines.join('\n')}\n`);
  });
  publishers.add(child);
  child.once('exit', () => publishers.delete(child));
  return child;
}

/**
 * Between ffmpeg and the ingest transport: forwards RTP and RTCP as they come and counts the RTP packets,
 * so what the publisher sent is known at any instant without asking a worker. About 100 packets a second.
 */
class CountingRelay {
  rtpPackets = 0;

  private constructor(private readonly rtp: UdpSocket, private readonly rtcp: UdpSocket, ingest: RtpTarget, ssrc?: number) {
    rtp.on('message', (packet) => {
      this.rtpPackets++;
      if (ssrc !== undefined && packet.length >= 12) packet.writeUInt32BE(ssrc, 8);
      rtp.send(packet, ingest.port, ingest.ip);
    });
    rtcp.on('message', (packet) => rtcp.send(packet, ingest.rtcpPort, ingest.ip));
  }

  /** `ssrc`: rewrite the RTP packets' SSRC to this one (Janus's remote publisher wants its own). */
  static async open(ingest: RtpTarget, ssrc?: number): Promise<CountingRelay> {
    return new CountingRelay(await bindUdp(), await bindUdp(), ingest, ssrc);
  }

  get target(): RtpTarget {
    return { ip: LOOPBACK, port: this.rtp.address().port, rtcpPort: this.rtcp.address().port };
  }

  close(): void {
    this.rtp.close();
    this.rtcp.close();
  }
}

/**
 * Where every consumer sends: an RTP socket and an RTCP socket (sender reports) that nothing reads. They
 * live on a thread that blocks for good once they are bound, so no event loop ever reads them: the kernel
 * queues what arrives until the receive buffer is full, then drops each new datagram and counts it (the
 * socket's `drops` in /proc/net/udp). Over a window, the growth of that counter is the number of datagrams
 * that reached the socket, at no CPU cost to the bench, which shares the two cores with the workers
 * (reading 100 000 packets a second in Node would take most of one).
 */
class UdpSink {
  private constructor(
    private readonly thread: Thread,
    private readonly wake: Int32Array,
    readonly target: RtpTarget,
  ) {}

  static async open(): Promise<UdpSink> {
    const wake = new Int32Array(new SharedArrayBuffer(4));
    const thread = new Thread(`
      const { parentPort, workerData } = require('node:worker_threads');
      const { createSocket } = require('node:dgram');
      const bind = () => new Promise((resolve) => { const s = createSocket('udp4'); s.bind(0, '${LOOPBACK}', () => resolve(s)); });
      Promise.all([bind(), bind()]).then(([rtp, rtcp]) => {
        parentPort.postMessage([rtp.address().port, rtcp.address().port]);
        Atomics.wait(workerData.wake, 0, 0); // the thread stops here until close()
        rtp.close();
        rtcp.close();
        parentPort.close();
      });`, { eval: true, workerData: { wake } });
    const [port, rtcpPort] = await new Promise<[number, number]>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
    });
    return new UdpSink(thread, wake, { ip: LOOPBACK, port, rtcpPort });
  }

  /** Datagrams that have reached the RTP socket, less the few hundred its (full) buffer holds. */
  arrivals(): number {
    const local = `0100007F:${this.target.port.toString(16).toUpperCase().padStart(4, '0')}`;
    const line = readFileSync('/proc/net/udp', 'utf8').split('\n').find((l) => l.trim().split(/\s+/)[1] === local);
    return Number(line?.trim().split(/\s+/).at(-1) ?? 0); // the last column: drops
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.thread.once('exit', resolve));
    Atomics.store(this.wake, 0, 1);
    Atomics.notify(this.wake, 0);
    await exited;
  }
}

// ── CPU ──────────────────────────────────────────────────────────────────────────────────────────

/** The machine's busy and total ticks over all cores (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

// ── reporting ────────────────────────────────────────────────────────────────────────────────────

function printLine(m: Measurement): void {
  console.log(`${rowName(m).padEnd(32)} ${m.workers} worker${m.workers > 1 ? 's' : ' '} N=${String(m.consumers).padStart(4)}: `
    + `worker CPU ${m.workerCpu.map(pct).join(' + ')} (${usPerPacket(m).toFixed(1)} µs per forwarded packet), forwarded ${Math.round(m.forwardedPps)} pkt/s `
    + `(publisher ${m.publisherPps.toFixed(1)} pkt/s, delivered ${m.deliveredPercent.toFixed(2)} % of publisher × N, loss ${loss(m)}), `
    + `${m.consumersSending === null ? 'per-consumer counts n/a' : `${m.consumersSending}/${m.consumers} consumers sent`}; `
    + `stats answer ${statsAnswer(m)}; bench process ${pct(m.benchCpu)}, ffmpeg ${pct(m.ffmpegCpu)}, others ${pct(m.othersCpu)}; `
    + `set up in ${m.setupSeconds.toFixed(1)} s${m.waitedSeconds >= 1 ? ` (after waiting ${m.waitedSeconds.toFixed(0)} s for a quiet machine)` : ''}`);
}

const loss = (m: Measurement) => `${Math.max(0, 100 - m.deliveredPercent).toFixed(2)} %`;
const statsAnswer = (m: Measurement) => (m.setup === 'janus' ? 'n/a' : m.statsAnswerMs === null ? `> ${WINDOW_SECONDS} s` : `${m.statsAnswerMs} ms`);
/** Other processes took more than a quarter of a core during the window: the figures may be off. */
const disturbed = (m: Measurement) => (m.othersCpu > 25 ? ` (others ${pct(m.othersCpu)})` : '');
const totalCpu = (m: Measurement) => m.workerCpu.reduce((a, b) => a + b, 0);
/** CPU (all workers, kernel included) per packet that arrived at the sink, µs. */
const usPerPacket = (m: Measurement) => (m.forwardedPps > 0 ? (totalCpu(m) / 100 / m.forwardedPps) * 1e6 : NaN);

/** Per worker count: each row's CPU per N, then the ratios that matter, each against a row measured in this run. */
function printTables(results: Measurement[]): void {
  const find = (row: Row, workers: number, consumers: number) =>
    results.find((r) => r.setup === row.setup && r.egress === row.egress && r.workers === workers && r.consumers === consumers);
  const busiest = (m: Measurement) => Math.max(...m.workerCpu);
  const RATIOS: Array<[string, Row, Row]> = [
    [`SRTP ${BROWSER_SRTP} / plain`, { setup: 'bare', egress: BROWSER_SRTP }, { setup: 'bare', egress: 'plain' }],
    ['SRTP AES_CM_128_HMAC_SHA1_80 / plain', { setup: 'bare', egress: 'AES_CM_128_HMAC_SHA1_80' }, { setup: 'bare', egress: 'plain' }],
    ['gateway / bare (plain)', { setup: 'gateway', egress: 'plain' }, { setup: 'bare', egress: 'plain' }],
    ['mediasoup / Janus, SRTP AES-CM-80', { setup: 'bare', egress: 'AES_CM_128_HMAC_SHA1_80' }, { setup: 'janus', egress: 'AES_CM_128_HMAC_SHA1_80' }],
    ['mediasoup / Janus, plain', { setup: 'bare', egress: 'plain' }, { setup: 'janus', egress: 'plain' }],
  ];
  for (const workers of WORKER_COUNTS) {
    const rows = ROWS.filter((row) => SIZES.some((n) => find(row, workers, n)));
    console.log(`\n${workers} worker${workers > 1 ? 's (pipeToRouter, half the consumers each)' : ''}: CPU (µs per forwarded packet) / loss`);
    console.log(`| N | ${rows.map(rowName).join(' | ')} |`);
    console.log(`| --- |${' --- |'.repeat(rows.length)}`);
    for (const n of SIZES) {
      const cell = (m: Measurement | undefined) => (m ? `${m.workerCpu.map(pct).join(' + ')} (${usPerPacket(m).toFixed(1)} µs) / ${loss(m)}${disturbed(m)}` : '–');
      console.log(`| ${n} | ${rows.map((row) => cell(find(row, workers, n))).join(' | ')} |`);
    }
    for (const [name, a, b] of RATIOS) {
      const pairs = SIZES.flatMap((n) => {
        const [x, y] = [find(a, workers, n), find(b, workers, n)];
        return x && y ? [`N=${n} ${(usPerPacket(x) / usPerPacket(y)).toFixed(2)}×`] : [];
      });
      if (pairs.length) console.log(`${name}, CPU per forwarded packet: ${pairs.join(', ')}`);
    }
    for (const row of rows) {
      const points = SIZES.flatMap((n) => {
        const m = find(row, workers, n);
        return m ? [{ n, cpu: busiest(m) }] : [];
      });
      console.log(`largest N with ${workers === 1 ? 'the worker' : 'each worker'} below ${CPU_LIMIT} % (${rowName(row)}): ${capacity(points)}`);
    }
  }
}

/**
 * The largest N whose CPU stays below the limit. A saturated worker (95 % and up) reads about 100 % however
 * many consumers it is failing to serve, so such points are left out: linear interpolation between the
 * unsaturated sizes that bracket the limit, else a linear extrapolation from the two largest unsaturated
 * ones (CPU grows linearly with N until saturation).
 */
function capacity(points: Array<{ n: number; cpu: number }>): string {
  const usable = points.filter((p) => p.cpu < SATURATED).sort((a, b) => a.n - b.n);
  const over = usable.findIndex((p) => p.cpu >= CPU_LIMIT);
  if (over === 0) return `below ${usable[0].n}`;
  if (usable.length === 0) return `below ${Math.min(...points.map((p) => p.n))}`;
  if (usable.length === 1) return `unknown (only N=${usable[0].n} is below saturation)`;
  const [a, b] = over > 0 ? [usable[over - 1], usable[over]] : usable.slice(-2);
  if (b.cpu <= a.cpu) return `unknown (CPU does not grow between N=${a.n} and N=${b.n})`;
  const n = Math.floor(a.n + ((CPU_LIMIT - a.cpu) * (b.n - a.n)) / (b.cpu - a.cpu));
  return over > 0 ? `≈ ${n} (interpolated between N=${a.n} and N=${b.n})` : `≈ ${n} (extrapolated from N=${a.n} and N=${b.n})`;
}

const pct = (value: number) => `${value.toFixed(0)} %`;

/** Starts timing a promise; `ms` is set when it settles (null until then; failures are ignored). */
function timed(promise: Promise<unknown>): { ms: number | null } {
  const started = Date.now();
  const result: { ms: number | null } = { ms: null };
  promise.then(() => (result.ms = Date.now() - started), () => undefined);
  return result;
}

/** Runs work(0 … count−1) with at most `concurrency` at a time; results in index order. */
async function inBatches<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

// ffmpeg is not a mediasoup child: kill it on any way out (mediasoup workers exit with their pipe to us;
// the exit handlers also remove the clip).
const publishers = new Set<ChildProcess>();
const killPublishers = () => publishers.forEach((p) => p.kill('SIGKILL'));
process.once('exit', killPublishers);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killPublishers();
    process.exit(130);
  });
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
