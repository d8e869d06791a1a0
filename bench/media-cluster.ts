// Floor switches across gateway hosts: one conference on two media gateways (both in this process, as
// two hosts: their own ports, mediasoup workers and pipe ports, talking only through Redis and the pipe
// transports). Gateway A has the main hall, publisher S_A and receiver R_A; gateway B has publisher S_B
// and receiver R_B. Every site is a /media client with a plain RTP transport: the publishers send Opus
// from ffmpeg (a packet every 20 ms), the receivers count RTP per SSRC and consume whatever they are
// announced (Ready's list and NewProducer), as a browser does. The floor alternates between S_A and S_B,
// granted by publishing the meeting service's FloorEvent on Redis; per grant, the time from the publish
// to the first packet of the new holder at the receiver on the other host (across the pipe) and at the
// receiver on the holder's own host (the baseline, same grant, same run). Host A has the main hall, so
// it pipes every site whatever the floor; host B pipes what its districts are announced. Two rows:
//   standby — a conference within MEDIA_STANDBY_MAX_SITES: every site piped everywhere, consumers warm;
//   large   — MEDIA_STANDBY_MAX_SITES=0: only the programme is announced and piped, so a switch across
//             hosts pipes the new holder (link + pipe request over Redis), announces it, and the receiver
//             consumes it (one signalling round trip); on its own host the holder's consumer is warm.
//
//   npm run build:server && npm run bench:media-cluster
//   (BENCH_CLUSTER_GRANTS=12  BENCH_CLUSTER_GAP_MS=1200  BENCH_CLUSTER_RTC_PORT=43500  BENCH_CLUSTER_ROWS=standby,large)
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  FloorEvent, MEDIA_NAMESPACE, MediaAck, MediaClientEvent, MediaClientToServerEvents, MediaJoinClaims, MediaServerEvent, MediaServerToClientEvents,
  ProducerInfo, RedisChannel, TOKEN_PARTIES,
} from '@hoinghi/contracts';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { cpus, loadavg } from 'node:os';
import { io, Socket } from 'socket.io-client';
import { createMediaApp } from '../apps/media/src/bootstrap';
import { loadMediaConfig } from '../apps/media/src/config/media-config';
import { FFMPEG, LOOPBACK } from './media-source';
import { sleep } from './proc';
import { fmt, now, percentiles } from './support';

const GRANTS = Number(process.env.BENCH_CLUSTER_GRANTS ?? 12);
const GAP_MS = Number(process.env.BENCH_CLUSTER_GAP_MS ?? 1200);
const RTC_PORT = Number(process.env.BENCH_CLUSTER_RTC_PORT ?? 43500);
const ROWS = (process.env.BENCH_CLUSTER_ROWS ?? 'standby,large').split(',') as Array<'standby' | 'large'>;
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const SECRET = 'media-cluster-bench-secret';
const OPUS_PT = 100;

type MediaSocket = Socket<MediaServerToClientEvents, MediaClientToServerEvents>;

/** RTP arrivals per SSRC (times), from one UDP socket. */
class Sink {
  readonly arrivals = new Map<number, number[]>();
  private constructor(readonly rtp: UdpSocket, readonly rtcp: UdpSocket) {
    rtp.on('message', (m) => {
      if (m.length < 12) return;
      const ssrc = m.readUInt32BE(8);
      const list = this.arrivals.get(ssrc) ?? [];
      list.push(now());
      this.arrivals.set(ssrc, list);
    });
  }

  static async open(): Promise<Sink> {
    const bind = async () => {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, resolve));
      return socket;
    };
    return new Sink(await bind(), await bind());
  }

  firstAfter(ssrc: number | undefined, t0: number): number | undefined {
    return ssrc === undefined ? undefined : this.arrivals.get(ssrc)?.find((t) => t > t0);
  }

  close(): void {
    this.rtp.close();
    this.rtcp.close();
  }
}

async function ack<T extends object>(socket: MediaSocket, event: string, body: object): Promise<T> {
  const answer = await new Promise<MediaAck<T>>((resolve) => (socket.emit as (e: string, b: unknown, a: (x: unknown) => void) => void)(event, body, (x) => resolve(x as MediaAck<T>)));
  if (!answer.ok) throw new Error(`${event}: ${JSON.stringify(answer.error)}`);
  return answer;
}

class Gateway {
  private constructor(readonly app: INestApplication, readonly url: string) {}

  /** `index`: ports of their own (a closed gateway's worker may hold its port a moment longer). */
  static async start(id: string, index: number, standbyMax: number): Promise<Gateway> {
    const port = await freePort();
    const url = `http://${LOOPBACK}:${port}`;
    const config = loadMediaConfig({
      ...process.env, NODE_ENV: 'development', MEDIA_TOKEN_SECRET: SECRET, MEDIA_PORT: String(port), MEDIA_WORKERS: '1',
      MEDIA_RTC_PORT: String(RTC_PORT + index * 10), MEDIA_LISTEN_IP: LOOPBACK, MEDIA_ALLOW_PLAIN_RTP: '1', MEDIA_STANDBY_MAX_SITES: String(standbyMax),
      MEDIA_PUBLIC_URL: url, MEDIA_GATEWAY_ID: id, MEDIA_PIPE_PORTS: `${44500 + index * 20}-${44519 + index * 20}`, MEDIA_CLUSTER_HEARTBEAT_MS: '1000',
      MEETING_INTERNAL_URL: 'http://127.0.0.1:9', REDIS_URL,
    });
    const app = await createMediaApp(config, process.env.BENCH_CLUSTER_LOG ? ['error', 'warn', 'log'] : ['error']).catch((error: Error) => {
      // Ports in the ephemeral range: another process's outgoing connection may hold one; try further up.
      if (!error.message.includes('address already in use') || index >= 8) throw error;
      return null;
    });
    if (!app) return Gateway.start(id, index + 2, standbyMax);
    await app.listen(port, LOOPBACK);
    return new Gateway(app, url);
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A site on a gateway: joined, ready, with a plain recv transport into its sink that consumes whatever it is announced. */
class Site {
  readonly consumerSsrc = new Map<string, number>();
  private recvId = '';
  private constructor(readonly siteId: string, readonly socket: MediaSocket, readonly sink: Sink) {}

  static async join(gateway: Gateway, conferenceId: string, siteId: string, main: boolean): Promise<Site> {
    const claims: MediaJoinClaims = { typ: 'media-join', cid: conferenceId, sid: siteId, uid: `user-${siteId}`, main };
    const token = new JwtService().sign(claims, { secret: SECRET, algorithm: 'HS256', expiresIn: 600, jwtid: randomUUID(), ...TOKEN_PARTIES.mediaJoin });
    const socket: MediaSocket = io(`${gateway.url}${MEDIA_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const site = new Site(siteId, socket, await Sink.open());
    const joined = await ack<{ routerRtpCapabilities: object }>(socket, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
    const recv = await ack<{ id: string }>(socket, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
    await ack(socket, MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: LOOPBACK, port: site.sink.rtp.address().port, rtcpPort: site.sink.rtcp.address().port });
    site.recvId = recv.id;
    socket.on(MediaServerEvent.NewProducer, (p) => void site.consume(p));
    // Piped again later (large conferences), a producer comes back with its id: consume it anew.
    socket.on(MediaServerEvent.ProducerClosed, (p) => site.consumerSsrc.delete(p.producerId));
    const ready = await ack<{ producers: ProducerInfo[] }>(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    for (const p of ready.producers) void site.consume(p);
    return site;
  }

  async consume(p: ProducerInfo): Promise<void> {
    if (p.kind !== 'audio' || this.consumerSsrc.has(p.producerId)) return;
    try {
      const consumer = await ack<{ id: string; rtpParameters: { encodings: Array<{ ssrc: number }> } }>(this.socket, MediaClientEvent.Consume, { transportId: this.recvId, producerId: p.producerId });
      this.consumerSsrc.set(p.producerId, consumer.rtpParameters.encodings[0].ssrc);
      await ack(this.socket, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    } catch (error) {
      if (!String(error).includes('ALREADY_CONSUMING')) console.error(`consume at ${this.siteId}: ${(error as Error).message}`);
    }
  }

  /** The microphone: Opus from ffmpeg on a plain send transport. */
  async publish(ffmpegs: ChildProcess[], ssrc: number): Promise<string> {
    const send = await ack<{ id: string; ip: string; port: number; rtcpPort: number }>(this.socket, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
    const { producerId } = await ack<{ producerId: string }>(this.socket, MediaClientEvent.Produce, {
      transportId: send.id, kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: OPUS_PT }], encodings: [{ ssrc }] },
    });
    ffmpegs.push(spawn(FFMPEG, [
      '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '600',
      '-c:a', 'libopus', '-ac', '2', '-b:a', '48k', '-vn', '-payload_type', String(OPUS_PT), '-ssrc', String(ssrc), '-f', 'rtp',
      `rtp://${send.ip}:${send.port}?rtcpport=${send.rtcpPort}&pkt_size=1200`,
    ], { stdio: 'ignore' }));
    return producerId;
  }
}

interface RowResult {
  row: string;
  /** At R_A when the floor goes to S_B (host A has the main hall: it pipes every site, always). */
  acrossToA: number[];
  /** At R_B when the floor goes to S_A (in a large conference host B pipes only the programme: the switch pipes S_A). */
  acrossToB: number[];
  local: number[];
  missed: number;
}

async function runRow(row: 'standby' | 'large', rowIndex: number, redis: Redis): Promise<RowResult> {
  const a = await Gateway.start(`bench-a-${process.pid}`, rowIndex * 2, row === 'standby' ? 30 : 0);
  const b = await Gateway.start(`bench-b-${process.pid}`, rowIndex * 2 + 1, row === 'standby' ? 30 : 0);
  const ffmpegs: ChildProcess[] = [];
  const sites: Site[] = [];
  const conferenceId = randomUUID();
  try {
    await sleep(1500); // both heartbeats seen by each other
    const hall = await Site.join(a, conferenceId, 'hall', true);
    const sA = await Site.join(a, conferenceId, 'site-a', false);
    const sB = await Site.join(b, conferenceId, 'site-b', false);
    const rA = await Site.join(a, conferenceId, 'recv-a', false);
    const rB = await Site.join(b, conferenceId, 'recv-b', false);
    sites.push(hall, sA, sB, rA, rB);
    await hall.publish(ffmpegs, 70_000);
    const producers = { [sA.siteId]: await sA.publish(ffmpegs, 70_001), [sB.siteId]: await sB.publish(ffmpegs, 70_002) };
    await sleep(3000); // pipes and consumers in place, ffmpeg running
    const result: RowResult = { row, acrossToA: [], acrossToB: [], local: [], missed: 0 };
    for (let i = 0; i < GRANTS; i++) {
      const holder = i % 2 === 0 ? sA : sB;
      const [same, other] = holder === sA ? [rA, rB] : [rB, rA];
      const producerId = producers[holder.siteId];
      const event: FloorEvent = { v: 1, kind: 'granted', conferenceId, requestId: randomUUID(), siteId: holder.siteId, participantId: null, at: new Date().toISOString() };
      const t0 = now();
      await redis.publish(RedisChannel.Floor, JSON.stringify(event));
      const deadline = t0 + 5000;
      let local: number | undefined;
      let across: number | undefined;
      while ((local === undefined || across === undefined) && now() < deadline) {
        local ??= same.sink.firstAfter(same.consumerSsrc.get(producerId), t0);
        across ??= other.sink.firstAfter(other.consumerSsrc.get(producerId), t0);
        await sleep(2);
      }
      if (local === undefined || across === undefined) result.missed++;
      if (local !== undefined) result.local.push(local - t0);
      if (across !== undefined) (holder === sA ? result.acrossToB : result.acrossToA).push(across - t0);
      await sleep(GAP_MS);
    }
    return result;
  } finally {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    for (const site of sites) {
      site.socket.disconnect();
      site.sink.close();
    }
    await b.app.close();
    await a.app.close();
  }
}

async function main(): Promise<void> {
  console.log(`media cluster bench: ${GRANTS} grants per row, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version}`);
  const redis = new Redis(REDIS_URL);
  const results: RowResult[] = [];
  try {
    for (const [i, row] of ROWS.entries()) results.push(await runRow(row, i, redis));
  } finally {
    await redis.quit();
  }
  console.log('\nFloor grant (Redis publish) → first RTP packet of the new holder at a receiver:');
  console.log('| row | across, to host A (the hall\'s: pipes everyone) | across, to host B (pipes the programme) | on the holder\'s own host (baseline) | ratio p50 A / B | missed |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const [toA, toB, local] = [percentiles(r.acrossToA), percentiles(r.acrossToB), percentiles(r.local)];
    console.log(`| ${r.row} | ${fmt(toA)} | ${fmt(toB)} | ${fmt(local)} | ${(toA.p50 / local.p50).toFixed(2)} / ${(toB.p50 / local.p50).toFixed(2)} | ${r.missed} |`);
  }
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
