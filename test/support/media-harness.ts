import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import {
  MEDIA_NAMESPACE, MediaAck, MediaClientToServerEvents, MediaJoinClaims, MediaServerToClientEvents, MediaServiceClaims, MeetingServiceClaims, RedisChannel,
  TOKEN_PARTIES, TokenKind,
} from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { JwtService } from '@nestjs/jwt';
import { ChildProcess, spawn } from 'node:child_process';
import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { io, Socket } from 'socket.io-client';
import { createMediaApp } from '../../apps/media/src/bootstrap';
import { loadMediaConfig, MediaConfig } from '../../apps/media/src/config/media-config';

export type MediaClient = Socket<MediaServerToClientEvents, MediaClientToServerEvents>;
type Events = MediaClientToServerEvents;
type AckOf<E extends keyof Events> = Parameters<Parameters<Events[E]>[1]>[0];
type Ok<A> = Extract<A, { ok: true }>;

export const TEST_MEDIA_SECRET = 'media-test-secret';

/** The media gateway in-process on a free HTTP port; RTC ports from MEDIA_RTC_PORT. */
export class MediaHarness {
  private readonly sockets: MediaClient[] = [];
  private readonly redisClients: Redis[] = [];

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly config: MediaConfig,
  ) {}

  /**
   * Without MEETING_INTERNAL_URL in `env` there is no meeting service: fetch refuses port 9 outright
   * ("bad port"), so rooms open with what Redis told them (one warning per room, retries in the background).
   */
  static async start(env: Record<string, string>): Promise<MediaHarness> {
    const config = loadMediaConfig({
      ...process.env, MEDIA_PORT: '0', MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_TOKEN_SECRET: TEST_MEDIA_SECRET, NODE_ENV: 'test',
      MEETING_INTERNAL_URL: 'http://127.0.0.1:9', ...env,
    });
    const app = await createMediaApp(config, ['error', 'warn']);
    await app.listen(config.port, '127.0.0.1'); // MEDIA_PORT 0 (any free port) unless `env` names one
    const { port } = app.getHttpServer().address() as { port: number };
    return new MediaHarness(app, `http://127.0.0.1:${port}`, config);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    for (const redis of this.redisClients) await redis.quit().catch(() => undefined);
    await this.app.close();
  }

  /**
   * A join token as the meeting service signs it, with a fresh jti (override claims, secret, lifetime,
   * parties or the jti to forge bad ones).
   */
  token(
    claims: Partial<MediaJoinClaims> & { cid: string; sid: string },
    options: { secret?: string; expiresIn?: number; extra?: object; parties?: TokenKind | null; jti?: string } = {},
  ): string {
    const payload = { typ: 'media-join', uid: 'user-1', main: false, ...claims, ...options.extra };
    const parties = options.parties === null ? {} : TOKEN_PARTIES[options.parties ?? 'mediaJoin'];
    return new JwtService().sign(payload, {
      secret: options.secret ?? TEST_MEDIA_SECRET, algorithm: 'HS256', expiresIn: options.expiresIn ?? 120,
      jwtid: options.jti ?? randomUUID(), ...parties,
    });
  }

  /** Connects to /media; resolves when connected, rejects with the connect_error. */
  async connect(token: string | undefined): Promise<MediaClient> {
    const socket: MediaClient = io(`${this.url}${MEDIA_NAMESPACE}`, {
      auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async connectError(token: string | undefined): Promise<Error & { data?: { statusCode: number; error: string; message: string } }> {
    try {
      await this.connect(token);
    } catch (error) {
      return error as Error & { data?: { statusCode: number; error: string; message: string } };
    }
    throw new Error('the gateway accepted the connection');
  }

  /** Publishes like the meeting service does (or listens to what the gateway publishes). */
  redis(): Redis {
    const client = new Redis(this.config.redisUrl);
    this.redisClients.push(client);
    return client;
  }

  async subscribeMediaStatus(): Promise<Array<{ kind: string; conferenceId: string; siteId?: string; details: Record<string, unknown> }>> {
    const sub = this.redis();
    const seen: Array<{ kind: string; conferenceId: string; siteId?: string; details: Record<string, unknown> }> = [];
    sub.on('message', (_channel: string, message: string) => seen.push(JSON.parse(message)));
    await sub.subscribe(RedisChannel.MediaStatus);
    return seen;
  }

  async health(): Promise<{ status: string; workers: Array<{ index: number; pid: number; closed: boolean; conferences: string[] }>; conferences: Array<{ conferenceId: string; sites: number; routers: number; workers: number[] }> }> {
    // The details need a service token (without one the gateway answers only { status }).
    const authorization = `Bearer ${serviceToken({ secret: this.config.mediaTokenSecret })}`;
    return (await fetch(`${this.url}/api/health`, { headers: { authorization } })).json() as never;
  }
}

/**
 * A service token as the gateway signs it for the meeting service's internal routes; override the
 * secret or the lifetime (null: no `exp`) to forge bad ones.
 */
export function serviceToken(options: { secret?: string; expiresIn?: number | null; parties?: TokenKind | null } = {}): string {
  const claims: MediaServiceClaims = { typ: 'media-service' };
  const expiresIn = options.expiresIn === undefined ? 30 : options.expiresIn;
  const parties = options.parties === null ? {} : TOKEN_PARTIES[options.parties ?? 'mediaService'];
  return new JwtService().sign(claims, {
    secret: options.secret ?? TEST_MEDIA_SECRET, algorithm: 'HS256', ...(expiresIn === null ? {} : { expiresIn }), ...parties,
  });
}

/** A token as the meeting service signs it for the gateway's internal routes (recordings); override the secret to forge one. */
export function meetingServiceToken(options: { secret?: string } = {}): string {
  const claims: MeetingServiceClaims = { typ: 'meeting-service' };
  return new JwtService().sign(claims, { secret: options.secret ?? TEST_MEDIA_SECRET, algorithm: 'HS256', expiresIn: 30, ...TOKEN_PARTIES.meetingService });
}

/** Emits a request and resolves with its ack. */
export function request<E extends keyof Events>(socket: MediaClient, event: E, body: Parameters<Events[E]>[0]): Promise<AckOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 10_000);
    (socket.emit as (e: string, b: unknown, ack: (a: unknown) => void) => void)(event, body, (answer) => {
      clearTimeout(timer);
      resolve(answer as AckOf<E>);
    });
  });
}

/** Like request, but fails the test on `{ ok: false }`. */
export async function ok<E extends keyof Events>(socket: MediaClient, event: E, body: Parameters<Events[E]>[0]): Promise<Ok<AckOf<E>>> {
  const answer = (await request(socket, event, body)) as MediaAck;
  if (!answer.ok) throw new Error(`${event} failed: ${JSON.stringify(answer.error)}`);
  return answer as Ok<AckOf<E>>;
}

export function nextEvent<E extends keyof MediaServerToClientEvents>(
  socket: MediaClient, event: E, match: (payload: Parameters<MediaServerToClientEvents[E]>[0]) => boolean = () => true, timeoutMs = 10_000,
): Promise<Parameters<MediaServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<MediaServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

/** A UDP sink for a plain recv transport: counts RTP packets per SSRC, remembers when each SSRC first arrived. */
export class RtpSink {
  readonly packets = new Map<number, number>();
  readonly firstAt = new Map<number, number>();
  private constructor(readonly rtp: UdpSocket, readonly rtcp: UdpSocket) {
    rtp.on('message', (m) => {
      if (m.length < 12) return;
      const ssrc = m.readUInt32BE(8);
      this.packets.set(ssrc, (this.packets.get(ssrc) ?? 0) + 1);
      if (!this.firstAt.has(ssrc)) this.firstAt.set(ssrc, Date.now());
    });
  }

  static async open(): Promise<RtpSink> {
    const bind = async () => {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      return socket;
    };
    return new RtpSink(await bind(), await bind());
  }

  get port(): number {
    return this.rtp.address().port;
  }

  get rtcpPort(): number {
    return this.rtcp.address().port;
  }

  /**
   * Sends an RTCP receiver report for `ssrc` from the sink's RTCP socket to the gateway's RTCP port,
   * as a site whose downlink loses `fractionLost` (0…1) of the packets would.
   */
  receiverReport(gatewayRtcpPort: number, ssrcs: number[], fractionLost: number): void {
    const packet = Buffer.alloc(8 + 24 * ssrcs.length);
    packet.writeUInt8(0x80 | ssrcs.length, 0); // V=2, RC
    packet.writeUInt8(201, 1); // RR
    packet.writeUInt16BE(packet.length / 4 - 1, 2);
    packet.writeUInt32BE(0x5eed5eed, 4); // our SSRC
    ssrcs.forEach((ssrc, i) => {
      const block = 8 + 24 * i;
      packet.writeUInt32BE(ssrc, block);
      packet.writeUInt8(Math.round(fractionLost * 256) & 0xff, block + 4);
      // cumulative lost, highest sequence, jitter, LSR, DLSR: zero
    });
    this.rtcp.send(packet, gatewayRtcpPort, '127.0.0.1');
  }

  count(ssrc: number): number {
    return this.packets.get(ssrc) ?? 0;
  }

  close(): void {
    this.rtp.close();
    this.rtcp.close();
  }
}

/**
 * ffmpeg sending a test pattern as VP8 or a tone as Opus, over RTP to a plain send transport. ffmpeg
 * ignores PLI, so a resumed video consumer waits for the next key frame: a short GOP (default 5 frames
 * at 15 fps) keeps that wait like a browser's, which answers the PLI at once.
 */
export function ffmpegRtp(kind: 'video' | 'audio', target: { ip: string; port: number; rtcpPort: number }, opts: { ssrc: number; payloadType: number; seconds: number; gop?: number }): ChildProcess {
  const input = kind === 'video'
    ? ['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15']
    : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
  const codec = kind === 'video'
    ? ['-c:v', 'libvpx', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8', '-g', String(opts.gop ?? 5), '-an']
    : ['-c:a', 'libopus', '-ac', '2', '-b:a', '48k', '-vn'];
  const args = [
    '-hide_banner', '-loglevel', 'error', '-re', ...input, '-t', String(opts.seconds), ...codec,
    '-payload_type', String(opts.payloadType), '-ssrc', String(opts.ssrc), '-f', 'rtp',
    `rtp://${target.ip}:${target.port}?rtcpport=${target.rtcpPort}&pkt_size=1200`,
  ];
  return spawn('/usr/bin/ffmpeg', args, { stdio: 'ignore' });
}

export const VP8_PT = 101;
export const OPUS_PT = 100;

/** The rtpParameters of what ffmpegRtp sends. */
export function ffmpegRtpParameters(kind: 'video' | 'audio', ssrc: number): Record<string, unknown> {
  const codec = kind === 'video'
    ? { mimeType: 'video/VP8', clockRate: 90000, payloadType: VP8_PT, rtcpFeedback: [] }
    : { mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: OPUS_PT };
  return { codecs: [codec], encodings: [{ ssrc }] };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
