// Where an SRTP consumer's cost goes, counted in instructions rather than timed, so that the answer holds
// on a loaded, shared machine: one mediasoup worker runs under `valgrind --tool=callgrind` and forwards a
// fixed capture of the bench's VP8 clip (the same packets every run) to N consumers on plain transports,
// once per egress (plain, SRTP AES-CM + HMAC-SHA1-80, SRTP AES-256-GCM) and per worker binary.
// Per forwarded packet: the user-space instructions of RTC::Router::OnTransportProducerRtpPacketReceived
// (from the packet entering the router to its last consumer's send, inclusive; nothing else is collected),
// of which
// RTC::SrtpSession::EncryptRtp (the SRTP encryption, libsrtp and its crypto library). The kernel's work of
// sending is not counted by valgrind: compare these with the CPU figures of bench/media-fanout.ts.
//
//   npm run build:server && node dist/bench/media-srtp-profile.js
//   BENCH_SRTP_WORKERS=debian=/path/to/worker,openssl=/path/to/other   (label=binary; default: the installed one)
//   BENCH_SRTP_CONSUMERS=10  BENCH_SRTP_PACKETS=300  BENCH_SRTP_OUT=<folder to keep the callgrind files in>  BENCH_SRTP_EGRESS=plain,AES_CM_128_HMAC_SHA1_80,AEAD_AES_256_GCM
import * as mediasoup from 'mediasoup';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEDIA_CODECS } from '../apps/media/src/rooms/media-codecs';
import { sleep } from './proc';
import { bindUdp, captureRtp, Egress, egressOptions, encodeClip, LOOPBACK, PUBLISHER_RTP_PARAMETERS } from './media-source';

const CONSUMERS = Number(process.env.BENCH_SRTP_CONSUMERS ?? 10);
const PACKETS = Number(process.env.BENCH_SRTP_PACKETS ?? 300);
const EGRESS = (process.env.BENCH_SRTP_EGRESS ?? 'plain,AES_CM_128_HMAC_SHA1_80,AEAD_AES_256_GCM').split(',') as Egress[];
const WORKERS = (process.env.BENCH_SRTP_WORKERS ?? `installed=${mediasoup.workerBin}`).split(',').map((pair) => {
  const [label, bin] = pair.split('=');
  return { label, bin };
});
const PACKETS_PER_SECOND = 50; // slow enough for the worker under valgrind (≈ 50× slower) to keep up
const LISTEN_INFO = { protocol: 'udp', ip: LOOPBACK } as const;

interface Profile {
  label: string;
  egress: Egress;
  forwarded: number;
  /**
   * Instructions per forwarded packet: the router's whole fan-out (the packet entering the router to its last
   * consumer's send), one consumer's send (PlainTransport::SendRtpPacket, which encrypts), and the SRTP
   * encryption within it.
   */
  forwardPerPacket: number;
  sendPerPacket: number;
  encryptPerPacket: number;
  /** The functions with the most instructions of their own within the fan-out, per forwarded packet. */
  top: Array<{ name: string; perPacket: number }>;
}

async function main(): Promise<void> {
  console.log(`SRTP profile: ${PACKETS} RTP packets of the bench clip → ${CONSUMERS} consumers; callgrind instruction counts; `
    + `${EGRESS.join(', ')}; workers ${WORKERS.map((w) => `${w.label} (${w.bin})`).join(', ')}`);
  const capture = await captureRtp(encodeClip(5), PACKETS);
  // The callgrind files stay in BENCH_SRTP_OUT when given (for callgrind_annotate), else go at exit.
  const dir = process.env.BENCH_SRTP_OUT ?? mkdtempSync(join(tmpdir(), 'hoinghi-callgrind-'));
  if (!process.env.BENCH_SRTP_OUT) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const results: Profile[] = [];
  for (const worker of WORKERS) {
    for (const egress of EGRESS) {
      const profile = await profileOnce(worker.label, worker.bin, egress, capture, dir);
      results.push(profile);
      console.log(`${worker.label} ${egress}: ${profile.forwarded} packets forwarded; `
        + `${Math.round(profile.forwardPerPacket)} instructions per forwarded packet (router fan-out), `
        + `${Math.round(profile.sendPerPacket)} in the consumer's send, of which SRTP encryption ${Math.round(profile.encryptPerPacket)}`);
      for (const f of profile.top) console.log(`    ${String(Math.round(f.perPacket)).padStart(7)}  ${f.name}`);
    }
  }
  console.log('\n| worker | egress | instructions / forwarded packet (router fan-out) | consumer send | of which SRTP encryption | fan-out / plain (same worker) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const plain = results.find((p) => p.label === r.label && p.egress === 'plain');
    const ratio = plain ? `${(r.forwardPerPacket / plain.forwardPerPacket).toFixed(2)}×` : '–';
    console.log(`| ${r.label} | ${r.egress} | ${Math.round(r.forwardPerPacket)} | ${Math.round(r.sendPerPacket)} | ${Math.round(r.encryptPerPacket)} | ${ratio} |`);
  }
}

async function profileOnce(label: string, bin: string, egress: Egress, capture: Buffer[], dir: string): Promise<Profile> {
  const out = join(dir, `callgrind.${label}.${egress}.out`);
  const wrapper = join(dir, `worker-${label}-${egress}.sh`);
  // Only the fan-out is counted (start-up, NSS's self-tests, the control channel are not).
  writeFileSync(wrapper, `#!/bin/sh\nexec valgrind --tool=callgrind -q --callgrind-out-file=${out} `
    + `'--toggle-collect=*Router::OnTransportProducerRtpPacketReceived*' ${bin} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const worker = await mediasoup.createWorker({ workerBin: wrapper, logLevel: 'warn' });
  const exited = new Promise<void>((resolve) => worker.once('subprocessclose', () => resolve()));
  const sink = await bindUdp(); // what the consumers send is read and dropped here
  sink.on('message', () => undefined);
  try {
    const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const ingest = await router.createPlainTransport({ listenInfo: LISTEN_INFO, rtcpMux: false, comedia: true });
    const producer = await ingest.produce({ kind: 'video', rtpParameters: PUBLISHER_RTP_PARAMETERS });
    const consumers: mediasoup.types.Consumer[] = [];
    for (let i = 0; i < CONSUMERS; i++) {
      const options = egressOptions(egress);
      const transport = await router.createPlainTransport({ listenInfo: LISTEN_INFO, rtcpMux: false, comedia: false, ...options.transport });
      await transport.connect({ ip: LOOPBACK, port: sink.address().port, rtcpPort: sink.address().port, ...options.connect });
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
      await consumer.resume();
      consumers.push(consumer);
    }
    const source = await bindUdp();
    for (const packet of capture) {
      source.send(packet, ingest.tuple.localPort, LOOPBACK);
      await sleep(1000 / PACKETS_PER_SECOND);
    }
    source.close();
    await sleep(2000);
    const counts = await Promise.all(consumers.map(async (c) => (await c.getStats()).find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0));
    const forwarded = counts.reduce((a, b) => a + b, 0);
    worker.close();
    await Promise.race([exited, sleep(60_000)]);
    for (let i = 0; i < 100 && !existsSync(out); i++) await sleep(100);
    return { label, egress, forwarded, ...readProfile(out, forwarded) };
  } finally {
    if (!worker.closed) worker.close();
    sink.close();
  }
}

/** Inclusive and self instruction counts from callgrind_annotate, divided by the packets forwarded. */
function readProfile(file: string, forwarded: number): Omit<Profile, 'label' | 'egress' | 'forwarded'> {
  const annotate = (inclusive: boolean) => execFileSync('callgrind_annotate', [`--inclusive=${inclusive ? 'yes' : 'no'}`, '--threshold=100', file],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const rows = (text: string) => text.split('\n').flatMap((line) => {
    // "  1,234 (0.5%)  file:function [object]"; the file part has no "::", the function may have spaces.
    const m = /^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(?:[^\s:]*:(?!:))?(.+?)(?: \[[^\]]*\])?\s*$/.exec(line);
    return m ? [{ ir: Number(m[1].replace(/,/g, '')), name: m[2] }] : [];
  });
  const inclusive = rows(annotate(true));
  const find = (needle: string) => inclusive.find((r) => r.name.includes(needle))?.ir ?? 0;
  const top = rows(annotate(false)).filter((r) => r.name !== '???').slice(0, 12);
  return {
    forwardPerPacket: find('PROGRAM TOTALS') / forwarded,
    sendPerPacket: find('RTC::PlainTransport::SendRtpPacket') / forwarded,
    encryptPerPacket: find('RTC::SrtpSession::EncryptRtp') / forwarded,
    top: top.map((r) => ({ name: r.name.slice(0, 140), perPacket: r.ir / forwarded })),
  };
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
