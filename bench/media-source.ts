// What the media benchmarks send and how their consumers' egress is set up: a VP8 clip encoded once by
// Debian's ffmpeg, the RTP parameters it is sent with, a fixed capture of its RTP packets, and SRTP keys.
import type * as mediasoup from 'mediasoup';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FFMPEG = '/usr/bin/ffmpeg';
export const LOOPBACK = '127.0.0.1';

// What the publisher sends: VP8, payload type 101, one SSRC. ffmpeg ignores PLI, so consumers wait for the
// next key frame (every 30 frames = 1 s).
export const VP8_PAYLOAD_TYPE = 101;
export const PUBLISHER_SSRC = 22_222_222;
export const PUBLISHER_RTP_PARAMETERS: mediasoup.types.RtpParameters = {
  codecs: [{ mimeType: 'video/VP8', clockRate: 90000, payloadType: VP8_PAYLOAD_TYPE, rtcpFeedback: [] }],
  encodings: [{ ssrc: PUBLISHER_SSRC }],
};

/**
 * How a consumer's packets leave the worker: plain RTP, or SRTP with one of the suites mediasoup offers.
 * AEAD_AES_256_GCM is mediasoup's first choice over DTLS-SRTP, and Chromium offers it, so it is what a
 * browser site gets; AES_CM_128_HMAC_SHA1_80 is the one every SRTP stack has (and Janus's rtp_forward).
 */
export type Egress = 'plain' | mediasoup.types.SrtpCryptoSuite;
export const BROWSER_SRTP: Egress = 'AEAD_AES_256_GCM';

/** key ‖ salt lengths (bytes) of each suite: RFC 3711 and RFC 7714. */
const SRTP_KEY_BYTES: Record<mediasoup.types.SrtpCryptoSuite, number> = {
  AEAD_AES_256_GCM: 32 + 12,
  AEAD_AES_128_GCM: 16 + 12,
  AES_CM_128_HMAC_SHA1_80: 16 + 14,
  AES_CM_128_HMAC_SHA1_32: 16 + 14,
};

/** Transport options and connect parameters for a consumer's plain transport with this egress (its own key). */
export function egressOptions(egress: Egress): {
  transport: Pick<mediasoup.types.PlainTransportOptions, 'enableSrtp' | 'srtpCryptoSuite'>;
  connect: { srtpParameters?: mediasoup.types.SrtpParameters };
} {
  if (egress === 'plain') return { transport: {}, connect: {} };
  return {
    transport: { enableSrtp: true, srtpCryptoSuite: egress },
    connect: { srtpParameters: { cryptoSuite: egress, keyBase64: randomBytes(SRTP_KEY_BYTES[egress]).toString('base64') } },
  };
}

/**
 * Test pattern encoded once as VP8 (640x360, 30 fps, 800 kbit/s, a key frame every 30 frames). Publishers
 * replay it instead of encoding live, so the encoder does not take a third of one of the two cores the
 * workers are measured on. The file goes when the process exits.
 */
export function encodeClip(seconds = 20): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoinghi-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'testsrc2.webm');
  execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-t', String(seconds),
    '-c:v', 'libvpx', '-b:v', '800k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '30', '-an', file,
  ]);
  return file;
}

/**
 * The clip's first `count` RTP packets as ffmpeg sends them (1 200-byte packets, the payload type and SSRC
 * above, starting with a key frame): a fixed capture to replay packet by packet.
 */
export async function captureRtp(clip: string, count: number): Promise<Buffer[]> {
  const socket = await bindUdp();
  socket.setRecvBufferSize(32 * 2 ** 20);
  const packets: Buffer[] = [];
  const done = new Promise<void>((resolve) => socket.on('message', (packet) => {
    if (packet.length >= 12 && packets.length < count && (packet[1] & 0x7f) === VP8_PAYLOAD_TYPE) packets.push(packet);
    if (packets.length === count) resolve();
  }));
  const { port } = socket.address();
  const child = spawn(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-readrate', '4', '-i', clip, '-c:v', 'copy', '-an',
    '-payload_type', String(VP8_PAYLOAD_TYPE), '-ssrc', String(PUBLISHER_SSRC), '-f', 'rtp',
    `rtp://${LOOPBACK}:${port}?rtcpport=${port}&pkt_size=1200`,
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([done, exited]);
  child.kill('SIGKILL');
  socket.close();
  if (packets.length < count) throw new Error(`captured ${packets.length} RTP packets of ${count}`);
  return packets;
}

export async function bindUdp(): Promise<UdpSocket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, resolve));
  return socket;
}
