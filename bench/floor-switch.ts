/// <reference lib="dom" />
// The floor switch as a district sees it, without the test rig in the way (#13 part 2): the meeting
// service and the media gateway as child processes from dist/ (development mode), the demo conference
// seeded by the meeting service's own seed command, and Debian's Chromium with the web app's real pages:
// the main hall's operator (the hall's camera), two district speakers that take the floor in turn (each
// the warm next speaker when granted, as in a conference: it asks while the other speaks), and the
// watching district, in a Chromium of its own. This process only drives: the chair's grants over REST,
// Playwright, a Redis subscriber and the baseline receiver.
//
// Per grant, ms from the chair's grant sent: the grant answered; the floor event on Redis; the gateway's
// Programme at a plain socket.io client; in the watching district's page, the Programme on its media
// socket, the floor tile committed (MutationObserver), and the first new frame presented in the tile
// (requestVideoFrameCallback: its packets' receive time, decode time, width). Baseline, same grant: a
// plain RTP receiver joined as a second (viewer) connection of the watching district, so the gateway
// treats it as that district — its Programme, the earliest moment it holds both that Programme and a whole
// frame of the new speaker received since the grant (when a client without a browser could show it), and
// the full layer's key frame. The ratio browser / RTP is what the page adds. CPU per process over the
// switches, the load average before and after; every grant's figures in test-results/floor-switch-*.json.
//
//   npm run build:server && npm run build:web && npm run bench:floor-switch
//   (BENCH_FLOOR_GRANTS=30  BENCH_FLOOR_CAMERA=720p|640x360 (the speakers' and the hall's fake camera;
//    the watcher always has Chromium's built-in one)  BENCH_FLOOR_QUEUE_MS=1500  BENCH_FLOOR_JITTER_MS=
//    (sets jitterBufferTarget on the watcher's receivers, to try)  BENCH_FLOOR_SPEAKERS_NICE=10  BENCH_FLOOR_SPEAKERS_CPUS=1
//    (the hall's and the speakers' Chromium niced, or held to those cores)  BENCH_FLOOR_WEB_DIR=dist/web (another build, to compare)  BENCH_FLOOR_PORT=3390  BENCH_FLOOR_RTC_PORT=42600)
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { chromium, type Browser, type Page } from 'playwright-core';
import Redis from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import {
  type ConferenceSnapshot, type ConferenceSummary, type FloorEvent, type FloorRequestView, type LoginResponse, MEDIA_NAMESPACE, type MediaAck,
  MediaClientEvent, type MediaJoinClaims, MediaServerEvent, type ProducerInfo, type ProgrammeEvent, RedisChannel, TOKEN_PARTIES,
} from '@hoinghi/contracts';
import { dropDatabase } from '@hoinghi/database';
import { DEV_SECRETS } from '@hoinghi/server-kit';
import { DEMO_PASSWORD } from '../apps/meeting/src/demo/seed-demo';
import { logIn } from '../test/support/browser';
import { cpuDelta, processTable, type CpuSnapshot, type ProcessRow } from '../test/support/cpu-usage';
import { floorTileRenders } from '../test/support/floor-tile';
import { FFMPEG, LOOPBACK } from './media-source';
import { loadAverage, sleep } from './proc';
import { api, JWT_SECRET, percentiles, ROOT, startMeeting, stopChild, waitForHealth } from './support';

const GRANTS = Number(process.env.BENCH_FLOOR_GRANTS ?? 30);
const CAMERA = process.env.BENCH_FLOOR_CAMERA ?? '720p';
/**
 * The nice value of the hall's and the speakers' Chromium (every process of it): a stand-in for those
 * sites' own machines, so that their encoders take the CPU the services and the watching district leave.
 * 0 (the default): they compete with everything on the same cores, as in the runs before this option.
 */
const SPEAKERS_NICE = Number(process.env.BENCH_FLOOR_SPEAKERS_NICE ?? 0);
/**
 * The cores the hall's and the speakers' Chromium may use (a taskset list, e.g. "1"): a stand-in for those
 * sites' own machines that caps what their encoders take from the services and the watching district
 * (which may still use every core), where a nice value starves the encoders instead. Unset: every core.
 */
const SPEAKERS_CPUS = process.env.BENCH_FLOOR_SPEAKERS_CPUS || null;
const QUEUE_MS = Number(process.env.BENCH_FLOOR_QUEUE_MS ?? 1500);
const JITTER_MS = process.env.BENCH_FLOOR_JITTER_MS === undefined || process.env.BENCH_FLOOR_JITTER_MS === '' ? null : Number(process.env.BENCH_FLOOR_JITTER_MS);
const PORT = Number(process.env.BENCH_FLOOR_PORT ?? 3390);
const RTC_PORT = Number(process.env.BENCH_FLOOR_RTC_PORT ?? 42600);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi_bench_floor2';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379/13';
const WEB_DIR = process.env.BENCH_FLOOR_WEB_DIR || join(ROOT, 'dist', 'web');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const MEDIA_SECRET = DEV_SECRETS.MEDIA_TOKEN_SECRET;

type MediaSocket = Socket;
const children: ChildProcess[] = [];
const browsers: Browser[] = [];

/** Per grant, ms from the grant sent (NaN when a hop was not seen). */
const hops = {
  answered: [] as number[], onRedis: [] as number[], programmeAtClient: [] as number[], programmeInPage: [] as number[], tile: [] as number[],
  frameReceived: [] as number[], presented: [] as number[], tileToFrame: [] as number[], decodeMs: [] as number[], longTasksMs: [] as number[],
  rtpWarmFps: [] as number[], rtpFrame: [] as number[], rtpFullKeyFrame: [] as number[], frameWidth: [] as number[],
};

async function main(): Promise<void> {
  for (const file of [join(ROOT, 'dist/apps/meeting/src/main.js'), join(ROOT, 'dist/apps/media/src/main.js'), join(WEB_DIR, 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: npm run build:server && npm run build:web`);
  }
  const speakerCamera = fakeCamera(CAMERA);
  console.log(`floor-switch: ${GRANTS} grants, queue wait ${QUEUE_MS} ms; speakers' and hall's camera: ${speakerCamera.describe}; watcher: Chromium's built-in fake camera (720p asked)`
    + `${SPEAKERS_NICE ? `; the hall's and speakers' Chromium at nice ${SPEAKERS_NICE}` : ''}`
    + `${SPEAKERS_CPUS ? `; the hall's and speakers' Chromium on CPU ${SPEAKERS_CPUS} only` : ''}`
    + `; web app from ${WEB_DIR}${JITTER_MS === null ? '' : `; watcher's receivers jitterBufferTarget ${JITTER_MS} ms`}; ${cpus().length} cores; node ${process.version}; load average ${loadAverage()}`);

  // The meeting service creates and migrates its database; the demo seed fills it (as `npm run seed:demo`).
  await dropDatabase({ url: DATABASE_URL });
  const mediaPort = PORT + 1;
  const mediaUrl = `http://${LOOPBACK}:${mediaPort}`;
  const mediaEnv = { MEDIA_TOKEN_SECRET: MEDIA_SECRET, REDIS_URL };
  const meeting = startMeeting(PORT, DATABASE_URL, {
    ...mediaEnv, WEB_DIST_DIR: WEB_DIR, MEDIA_PUBLIC_URL: mediaUrl, MEDIA_INTERNAL_URL: mediaUrl,
  });
  children.push(meeting);
  await waitForHealth(PORT);
  execFileSync(process.execPath, [join(ROOT, 'dist/apps/meeting/src/demo/seed-demo.main.js')], {
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL, JWT_SECRET, ...mediaEnv }, stdio: 'ignore',
  });
  const gateway = spawn(process.execPath, [join(ROOT, 'dist/apps/media/src/main.js')], {
    env: {
      ...process.env, NODE_ENV: 'development', ...mediaEnv, MEDIA_PORT: String(mediaPort), MEDIA_RTC_PORT: String(RTC_PORT), MEDIA_WORKERS: '1',
      MEDIA_LISTEN_IP: LOOPBACK, MEDIA_ALLOW_PLAIN_RTP: '1', MEETING_INTERNAL_URL: `http://${LOOPBACK}:${PORT}`, MEDIA_RECORDINGS_DIR: join(tmpdir(), 'floor-bench-recordings'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(gateway);
  await waitForHealth(mediaPort);

  const chair = (await api<LoginResponse>(PORT, '', 'POST', '/auth/login', { username: 'chutri', password: DEMO_PASSWORD })).accessToken;
  const [summary] = await api<ConferenceSummary[]>(PORT, chair, 'GET', '/conferences');
  const snapshot = await api<ConferenceSnapshot>(PORT, chair, 'GET', `/conferences/${summary.id}`);
  const conf = `/conferences/${summary.id}`;
  await api(PORT, chair, 'POST', `${conf}/start`);
  const siteOf = (part: string) => snapshot.sites.find((s) => s.name.includes(part))!.id;
  const watcherSite = siteOf('Sa Đéc');
  const speakers = [siteOf('Lai Vung'), siteOf('Cao Lãnh')];

  // Chromium: the hall and the speakers share one browser (and its fake camera); the watcher has its own.
  const mediaArgs = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
  const roots = new Map<number, string>(); // Chromium browser process → whose
  const speakersBrowser = await launch([...mediaArgs, ...speakerCamera.args], 'speakers', roots);
  const speakersTree = processTree([...roots].filter(([, role]) => role === 'speakers').map(([pid]) => pid));
  if (SPEAKERS_NICE) for (const pid of speakersTree) setPriority(pid, SPEAKERS_NICE);
  // Every thread of every process so far; the renderers of the pages opened next fork from its zygote and inherit it.
  if (SPEAKERS_CPUS) for (const pid of speakersTree) execFileSync('taskset', ['-a', '-p', '-c', SPEAKERS_CPUS, String(pid)], { stdio: 'ignore' });
  const watcherBrowser = await launch(mediaArgs, 'watcher', roots);
  const operator = await openAs(speakersBrowser, 'vanhanh.tinhuy');
  await joinMedia(operator);
  const speakerPages = [await openAs(speakersBrowser, 'vanhanh.laivung'), await openAs(speakersBrowser, 'vanhanh.tpcaolanh')];
  for (const page of speakerPages) await joinMedia(page);
  const watcher = await openAs(watcherBrowser, 'vanhanh.sadec', JITTER_MS);
  await joinMedia(watcher);
  if (JITTER_MS !== null) {
    await sleep(2000);
    const targets = await watcher.evaluate(() => ((window as unknown as { benchReceivers?: Array<{ jitterBufferTarget: number | null }> }).benchReceivers ?? []).map((r) => r.jitterBufferTarget));
    console.log(`watcher's receivers' jitterBufferTarget: ${JSON.stringify(targets)}`);
  }

  // The baseline: a plain RTP receiver, a viewer connection of the watching district.
  const rtp = await PlainReceiver.join(mediaUrl, summary.id, watcherSite);
  const floorSeen = new Map<string, number>();
  const floorEvents = new Redis(REDIS_URL);
  floorEvents.on('message', (_channel: string, message: string) => {
    const event = JSON.parse(message) as FloorEvent;
    if (event.kind === 'granted') floorSeen.set(event.siteId, Date.now());
  });
  await floorEvents.subscribe(RedisChannel.Floor);
  await sleep(3000); // every page decoding the hall, the receiver's consumers flowing

  const pids = { bench: process.pid, meeting: meeting.pid!, gateway: gateway.pid! };
  const cpu: Record<string, number> = {};
  let windows = 0;
  const loadBefore = loadAverage();
  const uplinkFrom = { at: Date.now(), bytes: await videoBytesSent(watcher) };
  let request = await api<FloorRequestView>(PORT, chair, 'POST', `${conf}/floor/requests`, { siteId: speakers[0] });
  for (let i = 0; i < GRANTS; i++) {
    const speaker = speakers[i % 2];
    await sleep(QUEUE_MS);
    if (!rtp.videoSsrc.has(speaker)) throw new Error(`the plain receiver has no video of ${speaker}`);
    await watchProgrammes(watcher);
    floorSeen.delete(speaker);
    hops.rtpWarmFps.push(rtp.framesSince(speaker, Date.now() - 1000));
    const before = cpuByRole(pids, roots);
    const granted = Date.now();
    rtp.reset(granted);
    const shown = floorTileRenders(watcher, speaker, granted);
    shown.catch(() => undefined); // awaited below
    await api(PORT, chair, 'POST', `${conf}/floor/requests/${request.id}/grant`);
    hops.answered.push(Date.now() - granted);
    const page = await shown;
    for (const [label, s] of Object.entries(cpuDelta(before, cpuByRole(pids, roots)))) cpu[label] = (cpu[label] ?? 0) + s;
    windows += (Date.now() - granted) / 1000;
    await rtp.until(speaker, 3000);
    hops.onRedis.push((floorSeen.get(speaker) ?? NaN) - granted);
    hops.programmeAtClient.push((rtp.programmeAt.get(speaker) ?? NaN) - granted);
    hops.programmeInPage.push((await watcher.evaluate((site) => window.programmeInPage?.get(site) ?? NaN, speaker)) - granted);
    hops.tile.push(page.tile - granted);
    hops.frameReceived.push(page.frameReceived - granted);
    hops.presented.push(page.frame - granted);
    hops.tileToFrame.push(page.frame - page.tile);
    hops.decodeMs.push(page.decodeMs);
    hops.longTasksMs.push(page.longTasks);
    hops.frameWidth.push(page.width);
    hops.rtpFrame.push((rtp.frameAfterProgramme(speaker) ?? NaN) - granted);
    hops.rtpFullKeyFrame.push((rtp.fullKeyFrame(speaker) ?? NaN) - granted);
    if (i + 1 < GRANTS) request = await api<FloorRequestView>(PORT, chair, 'POST', `${conf}/floor/requests`, { siteId: speakers[(i + 1) % 2] });
  }
  const loadAfter = loadAverage();
  const uplinkKbps = ((await videoBytesSent(watcher)) - uplinkFrom.bytes) * 8 / (Date.now() - uplinkFrom.at);
  const sending = (page: Page) => page.evaluate(() => (window as unknown as { hoinghiMedia?: { sendingLayers?(): boolean[] } }).hoinghiMedia?.sendingLayers?.() ?? []);
  const layersNow = [['hall', operator], ['speaker 1', speakerPages[0]], ['speaker 2', speakerPages[1]], ['watching district', watcher]] as const;
  const encoded = await Promise.all(layersNow.map(async ([who, page]) => {
    const layers = await sending(page);
    return `${who} ${layers.filter(Boolean).length} of ${layers.length}`;
  }));
  await floorEvents.quit();
  rtp.close();

  const row = (label: string, values: number[], unit = 'ms') => {
    const seen = values.filter(Number.isFinite);
    const f = percentiles(seen);
    console.log(`  ${label.padEnd(64)} p50 ${f.p50.toFixed(0).padStart(5)}  p95 ${f.p95.toFixed(0).padStart(5)}  max ${f.max.toFixed(0).padStart(5)} ${unit}  (n ${seen.length}${seen.length < values.length ? ` of ${values.length}` : ''})`);
    return f;
  };
  console.log(`\n${GRANTS} grants, each to the warm next speaker; ms from the chair's grant sent (load average ${loadBefore} before, ${loadAfter} after):`);
  row('grant answered (HTTP, transaction, commit)', hops.answered);
  row('floor event on Redis', hops.onRedis);
  row("gateway's Programme at a plain socket.io client", hops.programmeAtClient);
  row("Programme on the watching district page's media socket", hops.programmeInPage);
  row('the floor tile names the new speaker (React commit)', hops.tile);
  row('first new frame presented: its packets received', hops.frameReceived);
  row('— tile drawn → first new frame presented', hops.tileToFrame);
  row('— its packets received → presented (playout, or waiting for the tile)', hops.presented.map((v, i) => v - hops.frameReceived[i]));
  row('— its decode time', hops.decodeMs);
  row("— the page's long tasks during the switch (total)", hops.longTasksMs);
  const browser = row('FIRST NEW FRAME PRESENTED IN THE DISTRICT\'S FLOOR TILE', hops.presented);
  console.log('baseline, same grants: a plain RTP receiver as a viewer connection of the same district (no browser)');
  const plain = row('its Programme in and a whole frame of the new speaker received since the grant', hops.rtpFrame);
  row("the full layer's key frame at the plain receiver", hops.rtpFullKeyFrame);
  row('the warm speaker there in the second before the grant', hops.rtpWarmFps, 'frames/s');
  const widths = hops.frameWidth;
  const lowest = Math.min(...widths);
  console.log(`  first frame shown was the lowest layer (${lowest} wide) in ${widths.filter((w) => w === lowest).length} of ${widths.length} grants; under 300 ms: ${hops.presented.filter((v) => v < 300).length} of ${hops.presented.length}`);
  console.log(`  ratio browser / plain RTP: p50 ${(browser.p50 / plain.p50).toFixed(2)}, p95 ${(browser.p95 / plain.p95).toFixed(2)}; target p95 < 300 ms: ${browser.p95 < 300 ? 'met' : 'NOT met'}`);
  const file = join(ROOT, 'test-results', `floor-switch-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(file, JSON.stringify({ camera: CAMERA, jitterMs: JITTER_MS, loadBefore, loadAfter, hops }, null, 1));
  const share = Object.entries(cpu).sort(([, x], [, y]) => y - x).map(([label, s]) => `${label} ${Math.round((100 * s) / windows)} %`);
  console.log(`CPU during the switches (grant → first frame presented, ${windows.toFixed(1)} s; share of one core): ${share.join(', ')}`);
  console.log(`simulcast layers each camera encoded at the end (send layers: the holder and the warm next speaker every one): ${encoded.join(', ')}`);
  console.log(`the watching district's camera (off the programme, never warm) sent ${uplinkKbps.toFixed(0)} kbit/s of video over the grants`);
}

/** The fake camera of the hall's and the speakers' pages: Chromium's built-in one, or a Y4M file of the given size (a smaller encode). */
function fakeCamera(spec: string): { args: string[]; describe: string } {
  if (spec === '720p') return { args: [], describe: "Chromium's built-in fake camera (720p asked, 3 simulcast layers)" };
  const size = /^(\d+)x(\d+)$/.exec(spec);
  if (!size) throw new Error(`BENCH_FLOOR_CAMERA must be 720p or WIDTHxHEIGHT, got "${spec}"`);
  const file = join(tmpdir(), `floor-bench-${spec}.y4m`);
  if (!existsSync(file)) {
    execFileSync(FFMPEG, ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${spec}:rate=20`, '-t', '6', '-pix_fmt', 'yuv420p', file]);
  }
  return { args: [`--use-file-for-fake-video-capture=${file}`], describe: `a ${spec} Y4M file at 20 fps (${Number(size[2]) >= 720 ? 3 : Number(size[2]) >= 360 ? 2 : 1} simulcast layers)` };
}

async function launch(args: string[], role: string, roots: Map<number, string>): Promise<Browser> {
  const before = new Set(chromiumRoots());
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=vi-VN', ...args],
  });
  browsers.push(browser);
  for (const pid of chromiumRoots()) if (!before.has(pid)) roots.set(pid, role);
  return browser;
}

async function openAs(browser: Browser, username: string, jitterMs: number | null = null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  if (jitterMs !== null) {
    // Asks every video receiver of the page for this jitter buffer target (ms), to see whether playout can start sooner.
    await context.addInitScript((ms) => {
      const Native = window.RTCPeerConnection;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          this.addEventListener('track', (e) => {
            const receiver = e.receiver as RTCRtpReceiver & { jitterBufferTarget: number | null };
            receiver.jitterBufferTarget = ms;
            ((window as unknown as { benchReceivers?: unknown[] }).benchReceivers ??= []).push(receiver);
          });
        }
      } as typeof RTCPeerConnection;
    }, jitterMs);
  }
  const page = await context.newPage();
  if (process.env.DEBUG_MEDIA) page.on('console', (m) => console.log(`[${username}] ${m.type()}: ${m.text()}`));
  await logIn(page, `http://${LOOPBACK}:${PORT}`, username, DEMO_PASSWORD);
  return page;
}

async function joinMedia(page: Page): Promise<void> {
  await page.getByTestId('media-join').click();
  await page.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 30_000 });
}

declare global {
  interface Window {
    programmeInPage?: Map<string, number>;
  }
}

/** Notes in `page` when each Programme naming a floor reaches its media socket (before the app's handler); forgets older ones. */
async function watchProgrammes(page: Page): Promise<void> {
  await page.evaluate((event) => {
    if (!window.programmeInPage) {
      const seen = new Map<string, number>();
      window.programmeInPage = seen;
      const socket = (window as unknown as { hoinghiMedia: { socket: { prependAny(f: (name: string, body: { floorSiteId: string | null }) => void): void } } }).hoinghiMedia.socket;
      socket.prependAny((name, body) => {
        if (name === event && body.floorSiteId && !seen.has(body.floorSiteId)) seen.set(body.floorSiteId, Date.now());
      });
    }
    window.programmeInPage.clear();
  }, MediaServerEvent.Programme);
}

/**
 * A /media viewer connection of a site with a plain RTP recv transport: it consumes every video it is
 * announced, as the web app does, and notes per consumer the end of each whole frame (RTP marker) and
 * each VP8 key frame with its width; and when each Programme naming a floor arrives.
 */
class PlainReceiver {
  readonly videoSsrc = new Map<string, number>(); // site → its video consumer's SSRC
  readonly programmeAt = new Map<string, number>();
  private frames = new Map<number, number[]>(); // SSRC → times a frame's last packet came
  private keyFrames = new Map<number, Array<{ at: number; width: number }>>();
  private since = 0;
  private narrowest = new Map<number, number>(); // SSRC → the narrowest key frame seen since joining (the warm layer's)

  private constructor(private readonly socket: MediaSocket, private readonly rtp: UdpSocket, private readonly rtcp: UdpSocket) {
    rtp.on('message', (m) => this.packet(m, Date.now()));
    socket.on(MediaServerEvent.Programme, (p: ProgrammeEvent) => {
      if (p.floorSiteId && !this.programmeAt.has(p.floorSiteId)) this.programmeAt.set(p.floorSiteId, Date.now());
    });
  }

  static async join(mediaUrl: string, conferenceId: string, siteId: string): Promise<PlainReceiver> {
    const claims: MediaJoinClaims = { typ: 'media-join', cid: conferenceId, sid: siteId, uid: randomUUID(), main: false };
    const token = new JwtService().sign(claims, { secret: MEDIA_SECRET, algorithm: 'HS256', expiresIn: 600, jwtid: randomUUID(), ...TOKEN_PARTIES.mediaJoin });
    const socket: MediaSocket = io(`${mediaUrl}${MEDIA_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const bind = async () => {
      const s = createSocket('udp4');
      await new Promise<void>((resolve) => s.bind(0, LOOPBACK, resolve));
      return s;
    };
    const receiver = new PlainReceiver(socket, await bind(), await bind());
    const joined = await ack<{ routerRtpCapabilities: object }>(socket, MediaClientEvent.Join, { conferenceId, role: 'viewer' });
    const recv = await ack<{ id: string }>(socket, MediaClientEvent.CreateTransport, { direction: 'recv', type: 'plain' });
    await ack(socket, MediaClientEvent.ConnectTransport, { transportId: recv.id, ip: LOOPBACK, port: receiver.rtp.address().port, rtcpPort: receiver.rtcp.address().port });
    const consume = async (p: ProducerInfo) => {
      if (p.kind !== 'video' || p.source !== 'camera' || receiver.videoSsrc.has(p.siteId)) return;
      const consumer = await ack<{ id: string; rtpParameters: { encodings: Array<{ ssrc: number }> } }>(socket, MediaClientEvent.Consume, { transportId: recv.id, producerId: p.producerId });
      receiver.videoSsrc.set(p.siteId, consumer.rtpParameters.encodings[0].ssrc);
      await ack(socket, MediaClientEvent.ResumeConsumer, { consumerId: consumer.id });
    };
    socket.on(MediaServerEvent.NewProducer, (p: ProducerInfo) => void consume(p).catch((e: Error) => console.error(`plain receiver: ${e.message}`)));
    const ready = await ack<{ producers: ProducerInfo[] }>(socket, MediaClientEvent.Ready, { rtpCapabilities: joined.routerRtpCapabilities });
    for (const p of ready.producers) await consume(p);
    return receiver;
  }

  /** Whole frames of `siteId`'s video that came since `t`. */
  framesSince(siteId: string, t: number): number {
    return (this.frames.get(this.videoSsrc.get(siteId) ?? -1) ?? []).filter((at) => at >= t).length;
  }

  /** Forgets what came before `since` (the grant). */
  reset(since: number): void {
    this.since = since;
    this.programmeAt.clear();
    this.frames.clear();
    this.keyFrames.clear();
  }

  /**
   * When this client could first show a new frame of `siteId`, as the page does: it knows the floor (its
   * Programme came) and holds a whole frame received after the grant — whichever came last.
   */
  frameAfterProgramme(siteId: string): number | undefined {
    const programme = this.programmeAt.get(siteId);
    const frame = this.frames.get(this.videoSsrc.get(siteId) ?? -1)?.find((t) => t >= this.since);
    return programme === undefined || frame === undefined ? undefined : Math.max(programme, frame);
  }

  /** The first key frame of `siteId`'s video since `reset()` wider than the warm layer's (the grant's higher layer). */
  fullKeyFrame(siteId: string): number | undefined {
    const ssrc = this.videoSsrc.get(siteId) ?? -1;
    const narrowest = this.narrowest.get(ssrc) ?? Infinity;
    return this.keyFrames.get(ssrc)?.find((k) => k.width > narrowest)?.at;
  }

  async until(siteId: string, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end && (this.frameAfterProgramme(siteId) === undefined || this.fullKeyFrame(siteId) === undefined)) await sleep(20);
  }

  private packet(m: Buffer, at: number): void {
    if (m.length < 12) return;
    const ssrc = m.readUInt32BE(8);
    if (m[1] & 0x80) {
      const list = this.frames.get(ssrc) ?? [];
      list.push(at);
      this.frames.set(ssrc, list);
    }
    const width = vp8KeyFrameWidth(m);
    if (width !== undefined) {
      const list = this.keyFrames.get(ssrc) ?? [];
      list.push({ at, width });
      this.keyFrames.set(ssrc, list);
      this.narrowest.set(ssrc, Math.min(width, this.narrowest.get(ssrc) ?? Infinity));
    }
  }

  close(): void {
    this.socket.close();
    this.rtp.close();
    this.rtcp.close();
  }
}

/** The width of a VP8 key frame if this RTP packet starts one (RFC 3550 header, RFC 7741 descriptor, RFC 6386 frame header). */
function vp8KeyFrameWidth(m: Buffer): number | undefined {
  let i = 12 + (m[0] & 0x0f) * 4;
  if (m[0] & 0x10) i += 4 + m.readUInt16BE(i + 2) * 4; // header extensions
  const d = m[i];
  if (!(d & 0x10) || (d & 0x07) !== 0) return undefined; // not the start of partition 0
  i++;
  if (d & 0x80) {
    const x = m[i++];
    if (x & 0x80) i += m[i] & 0x80 ? 2 : 1; // picture id
    if (x & 0x40) i++; // TL0PICIDX
    if (x & 0x30) i++; // TID / KEYIDX
  }
  if (i + 10 > m.length || m[i] & 0x01) return undefined; // P = 1: an inter frame
  if (m[i + 3] !== 0x9d || m[i + 4] !== 0x01 || m[i + 5] !== 0x2a) return undefined;
  return m.readUInt16LE(i + 6) & 0x3fff;
}

async function ack<T extends object>(socket: MediaSocket, event: string, body: object): Promise<T> {
  const answer = await new Promise<MediaAck<T>>((resolve) => socket.emit(event, body, (x: unknown) => resolve(x as MediaAck<T>)));
  if (!answer.ok) throw new Error(`${event}: ${JSON.stringify(answer.error)}`);
  return answer;
}

/**
 * Sets the nice value of these processes and all their descendants now running. Chromium forks its
 * renderers from its zygote, which is already running, so pages opened later inherit the value too.
 */
/** Bytes the page's camera has sent (every simulcast layer), from the media session's sender statistics. */
async function videoBytesSent(page: Page): Promise<number> {
  type Rows = Array<{ kind: string; bytesSent: number }>;
  const rows = await page.evaluate(async () => (await (window as unknown as { hoinghiMedia?: { senderStats(): Promise<Rows> } }).hoinghiMedia?.senderStats()) ?? []);
  return rows.filter((r) => r.kind === 'video').reduce((sum, r) => sum + r.bytesSent, 0);
}

/** The processes under `rootPids`, themselves included. */
function processTree(rootPids: number[]): Set<number> {
  const all = [...processTable().values()];
  const tree = new Set(rootPids);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) grew = tree.add(p.pid).size > 0;
  }
  return tree;
}

/** Chromium browser processes (no --type) now running. */
function chromiumRoots(): number[] {
  return [...processTable().values()].filter((p) => /chrom/i.test(p.cmdline) && !p.cmdline.includes('--type=')).map((p) => p.pid);
}

/** CPU seconds per labelled process: ours by what they are (each Chromium by whose), everyone else's as "other". */
function cpuByRole(pids: { bench: number; meeting: number; gateway: number }, roots: Map<number, string>): CpuSnapshot {
  const all = processTable();
  const label = (p: ProcessRow): string => {
    if (p.pid === pids.bench) return 'bench process (Playwright, REST, plain receiver)';
    if (p.pid === pids.meeting) return 'meeting service';
    if (p.pid === pids.gateway) return 'gateway (node)';
    if (p.ppid === pids.gateway && p.cmdline.includes('mediasoup-worker')) return 'mediasoup worker';
    for (let q: ProcessRow | undefined = p; q; q = all.get(q.ppid)) {
      const role = roots.get(q.pid);
      if (role) {
        const type = /--type=([\w-]+)/.exec(p.cmdline)?.[1];
        const sub = type === 'utility' ? /--utility-sub-type=([\w.]+)/.exec(p.cmdline)?.[1]?.split('.').pop() : undefined;
        return `chromium (${role}) ${sub ?? type ?? 'browser'}`;
      }
      if (q.ppid <= 1) break;
    }
    if (p.cmdline.startsWith('postgres')) return 'postgres';
    if (p.cmdline.includes('redis-server')) return 'redis';
    return 'other (not this bench)';
  };
  const out = new Map<number, { label: string; seconds: number }>();
  for (const p of all.values()) out.set(p.pid, { label: label(p), seconds: p.seconds });
  return out;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    for (const child of children.reverse()) await stopChild(child);
  });
