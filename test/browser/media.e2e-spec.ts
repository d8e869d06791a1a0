/// <reference lib="dom" />
// The programme in Debian's Chromium with fake cameras and microphones: the main hall's operator (its
// camera) and the chair's console (receive-only, same site) and two district sites join through the web
// app; districts decode the hall; a floor grant switches every district to the new speaker; audio flows
// both ways; a killed mediasoup worker is replaced and frames flow again; a reload resumes video by
// itself; the chair takes the camera over; ending the conference stops video.
// Join and floor-switch times are printed and written to test-results/media-timings.json (docs/benchmarks.md).
import type { INestApplication } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { type ConferenceSnapshot, type FloorEvent, type FloorRequestView, MediaServerEvent, RedisChannel } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { createMediaApp } from '../../apps/media/src/bootstrap';
import { loadMediaConfig } from '../../apps/media/src/config/media-config';
import type { Room } from '../../apps/media/src/rooms/room';
import { RoomsService } from '../../apps/media/src/rooms/rooms.service';
import { DEMO_PASSWORD, seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { launchChromium, logIn } from '../support/browser';
import { cpuDelta, cpuSnapshot } from '../support/cpu-usage';
import { floorTileRenders } from '../support/floor-tile';
import { FlakyLinkProcess } from '../support/flaky-link';
import { serviceToken } from '../support/media-harness';
import { Api, MeetingHarness } from '../support/meeting-harness';

const ROOT = join(__dirname, '..', '..');
// More grants for the figures in docs/benchmarks.md (MEDIA_FLOOR_SWITCHES=18 npx jest … -t 'join at once|switches').
const FLOOR_SWITCHES = Number(process.env.MEDIA_FLOOR_SWITCHES) || 6;
/** How long each next speaker waits in the floor queue before the grant. */
const QUEUE_WAIT_MS = 1500;

type ReceiverRow = { consumerId: string; siteId: string; kind: string; framesDecoded: number; packetsReceived: number; bytesReceived: number };

declare global {
  interface Window {
    /** The web app's media session (apps/web/src/media/useMediaSession.ts). */
    hoinghiMedia?: { receiverStats(): Promise<ReceiverRow[]>; sendingLayers(): boolean[] };
    /** The test's own record of when each Programme reached the page's socket (floor site id → Date.now()). */
    programmeInPage?: Map<string, number>;
  }
}

describe('the programme in Chromium', () => {
  let media: INestApplication;
  let mediaUrl: string;
  let mediaTokenSecret: string;
  let link: FlakyLinkProcess; // the sites' signalling path to the gateway (its own process, off the test's event loop)
  let meeting: MeetingHarness;
  let browser: Browser;
  let chairApi: Api;
  let snapshot: ConferenceSnapshot;
  let hall: Page; // the chair console at the main site (receive-only)
  let operator: Page; // the main hall's operator: the hall's camera and microphone
  let districtA: Page; // Sa Đéc
  let districtB: Page; // Lai Vung
  const siteOf = (namePart: string) => snapshot.sites.find((s) => s.name.includes(namePart))!.id;
  const timings = {
    joinMs: [] as number[], rejoinAfterNetworkDropMs: [] as number[], rejoinAfterWorkerDeathMs: [] as number[],
    // The hops of a floor switch, each from the moment the chair's grant is sent (floorRenderedMs is the last: the first new frame presented).
    floorGrantAnsweredMs: [] as number[], floorOnRedisMs: [] as number[], floorProgrammeAtGatewayMs: [] as number[],
    floorResumedMs: [] as number[], floorKeyFrameAskedMs: [] as number[], floorKeyFrameInMs: [] as number[], floorKeyFrameOutMs: [] as number[],
    floorTileMs: [] as number[], floorRenderedMs: [] as number[], floorLayerUpMs: [] as number[],
    // In the watching district's page: the Programme on its socket, the presented frame's packets received,
    // its width (the warm lowest layer or the full one), the main thread's long tasks during the switch.
    floorProgrammeInPageMs: [] as number[], floorFrameReceivedMs: [] as number[], floorFrameWidth: [] as number[], floorFrameDecodeMs: [] as number[], floorLongTasksMs: [] as number[],
    // The warm speaker's video at the watcher in the second before the grant: decoded and presented frames a second, kbit/s.
    standbyDecodedFps: [] as number[], standbyPresentedFps: [] as number[], standbyKbps: [] as number[],
  };
  /** CPU seconds per kind of process over the switches' windows (grant → first new frame presented), and the windows' length. */
  const switchCpu: Record<string, number> = {};
  let switchWallSeconds = 0;
  // The gateway's side of the switch in progress (mediasoup trace events of the speaker's producer and the watcher's consumer).
  let hops: Partial<Record<'resumed' | 'keyFrameAsked' | 'keyFrameIn' | 'keyFrameOut' | 'layerUp', number>> = {};
  const traced = new Set<string>();
  let floorEvents: Redis; // the test listens to the floor channel as the gateway does
  const floorSeenAt = new Map<string, number>(); // site id → when its last 'granted' event was seen on Redis
  const programmeAt = new Map<string, number>(); // floor site id → when the gateway last emitted a Programme with it

  beforeAll(async () => {
    const config = loadMediaConfig({
      ...process.env, MEDIA_PORT: '0', MEDIA_RTC_PORT: '42000', MEDIA_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1',
      MEDIA_RECORDINGS_DIR: join(ROOT, 'test-results', 'recordings'),
    });
    mediaTokenSecret = config.mediaTokenSecret;
    media = await createMediaApp(config, ['error', 'warn']);
    media.get(RoomsService).onProgrammeChanged((room) => {
      const floor = room.programme().floorSiteId;
      if (floor) programmeAt.set(floor, Date.now());
    });
    floorEvents = new Redis(config.redisUrl);
    floorEvents.on('message', (_channel: string, message: string) => {
      const event = JSON.parse(message) as FloorEvent;
      if (event.kind === 'granted') floorSeenAt.set(event.siteId, Date.now());
    });
    await floorEvents.subscribe(RedisChannel.Floor);
    await media.listen(0, '127.0.0.1');
    const mediaPort = (media.getHttpServer().address() as { port: number }).port;
    mediaUrl = `http://127.0.0.1:${mediaPort}`;
    link = await FlakyLinkProcess.start(mediaPort);

    meeting = await MeetingHarness.start(
      { webDistDir: join(ROOT, 'dist', 'web'), mediaPublicUrl: `http://127.0.0.1:${link.port}`, mediaInternalUrl: mediaUrl },
      { ownDatabase: 'browser_media' },
    );
    const seeded = await seedDemo(meeting.app);
    snapshot = seeded.conference!;
    chairApi = new Api(meeting.url).as(await meeting.login('chutri', DEMO_PASSWORD));
    await chairApi.post(`/conferences/${snapshot.conference.id}/start`);

    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required']);
    hall = await openAs('chutri');
    operator = await openAs('vanhanh.tinhuy');
    districtA = await openAs('vanhanh.sadec');
    districtB = await openAs('vanhanh.laivung');
  });

  afterAll(async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results', 'media-timings.json'), JSON.stringify(timings, null, 2));
    console.log(`media timings (ms): ${JSON.stringify(summary(timings))}`);
    await browser?.close();
    await floorEvents?.quit();
    await meeting?.stop();
    await link?.stop();
    await media?.close();
  });

  async function openAs(username: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' })).newPage();
    if (process.env.DEBUG_MEDIA) page.on('console', (m) => console.log(`[${username}] ${m.type()}: ${m.text()}`));
    await logIn(page, meeting.url, username, DEMO_PASSWORD);
    return page;
  }

  /** Clicks "join", then waits for the first decoded frame from `fromSite`; returns the time it took. */
  async function joinAndSee(page: Page, fromSite: string): Promise<number> {
    const clicked = Date.now();
    await page.getByTestId('media-join').click();
    await framesFrom(page, fromSite, 1);
    return Date.now() - clicked;
  }

  /** Waits until `page` has decoded at least `atLeast` frames of `siteId`'s video (newer consumers only, if `skip` names older ones). */
  async function framesFrom(page: Page, siteId: string, atLeast: number, skip: string[] = [], timeoutMs = 15_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const frames = (await receiver(page))
        .filter((r) => r.siteId === siteId && r.kind === 'video' && !skip.includes(r.consumerId))
        .reduce((n, r) => Math.max(n, r.framesDecoded), 0);
      if (frames >= atLeast) return frames;
      if (Date.now() > until && process.env.DEBUG_MEDIA) console.log(JSON.stringify(await receiver(page)), await page.getByTestId('media-status').textContent());
      if (Date.now() > until) throw new Error(`only ${frames} frames of site ${siteId} decoded, expected ${atLeast}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /** Waits until the page's camera encodes `layers` of its simulcast layers (the lowest first; 'all': every one), else fails showing which it does. */
  async function waitForSendingLayers(page: Page, layers: number | 'all'): Promise<void> {
    await page.waitForFunction((n) => {
      const active = window.hoinghiMedia?.sendingLayers() ?? [];
      return active.length > 1 && active.every((on, i) => on === (n === 'all' || i < n));
    }, layers, { timeout: 10_000, polling: 50 }).catch(() => undefined);
    const active = await page.evaluate(() => window.hoinghiMedia?.sendingLayers() ?? []);
    expect(active.length).toBeGreaterThan(1);
    expect(active).toEqual(active.map((_, i) => layers === 'all' || i < layers));
  }

  async function receiver(page: Page): Promise<ReceiverRow[]> {
    return page.evaluate(async () => (await window.hoinghiMedia?.receiverStats()) ?? []);
  }

  /** The site that has the floor, as the gateway knows it. */
  function floorHolder(): string {
    return (media.get(RoomsService).room(snapshot.conference.id) as Room).floorSiteId!;
  }

  /** The gateway's consumer of `speaker`'s camera video for `watcherSite`'s connection. */
  function gatewayConsumer(speaker: string, watcherSite: string) {
    const room = media.get(RoomsService).room(snapshot.conference.id) as Room;
    for (const peer of room.peers.values()) {
      if (peer.siteId !== watcherSite) continue;
      for (const { consumer, sourceSiteId, source } of peer.consumers.values()) {
        if (sourceSiteId === speaker && consumer.kind === 'video' && source === 'camera' && !consumer.closed) return consumer;
      }
    }
    return undefined;
  }

  /**
   * Follows the gateway's side of a switch to `speaker` as seen by `watcherSite`: the watcher's consumer of
   * the speaker's video resumed, the key frame asked of the speaker's browser (PLI/FIR), its first key frame
   * in, and out to the watcher, and the watcher's first layer above the lowest (mediasoup trace and layer
   * events; the first of each after the grant is kept).
   */
  async function traceSwitch(speaker: string, watcherSite: string): Promise<void> {
    const room = media.get(RoomsService).room(snapshot.conference.id) as Room;
    const first = (hop: keyof typeof hops) => () => void (hops[hop] ??= Date.now());
    const producer = room.publisherOf(speaker)?.producerOfKind('video');
    if (producer && !traced.has(producer.id)) {
      traced.add(producer.id);
      await producer.enableTraceEvent(['keyframe', 'pli', 'fir']);
      producer.on('trace', (trace) => {
        if (trace.direction === 'out' && (trace.type === 'pli' || trace.type === 'fir')) first('keyFrameAsked')();
        if (trace.direction === 'in' && trace.type === 'keyframe') first('keyFrameIn')();
      });
    }
    for (const peer of room.peers.values()) {
      if (peer.siteId !== watcherSite) continue;
      for (const { consumer, sourceSiteId } of peer.consumers.values()) {
        if (sourceSiteId !== speaker || consumer.kind !== 'video' || traced.has(consumer.id)) continue;
        traced.add(consumer.id);
        await consumer.enableTraceEvent(['keyframe']);
        consumer.on('trace', (trace) => trace.direction === 'out' && trace.type === 'keyframe' && first('keyFrameOut')());
        consumer.observer.on('resume', first('resumed'));
        consumer.on('layerschange', (layers) => (layers?.spatialLayer ?? 0) > 0 && first('layerUp')());
      }
    }
  }

  /** Notes in `page` when each Programme naming a floor reaches its media socket (before the app's own handler runs); forgets older ones. */
  async function watchProgrammes(page: Page): Promise<void> {
    await page.evaluate((event) => {
      if (!window.programmeInPage) {
        const seen = new Map<string, number>();
        window.programmeInPage = seen;
        const socket = (window.hoinghiMedia as unknown as { socket: { prependAny(f: (name: string, body: { floorSiteId: string | null }) => void): void } }).socket;
        socket.prependAny((name, body) => {
          if (name === event && body.floorSiteId && !seen.has(body.floorSiteId)) seen.set(body.floorSiteId, Date.now());
        });
      }
      window.programmeInPage.clear();
    }, MediaServerEvent.Programme);
  }

  /**
   * The warm speaker's hidden player at `page` over `ms`: frames decoded (getStats) and presented
   * (requestVideoFrameCallback) a second, and the kbit/s its consumer receives.
   */
  async function standbyRates(page: Page, siteId: string, ms: number): Promise<{ decodedFps: number; presentedFps: number; kbps: number }> {
    const video = (rows: ReceiverRow[]) => rows.find((r) => r.siteId === siteId && r.kind === 'video');
    const before = video(await receiver(page));
    const started = Date.now();
    const presented = await page.evaluate(({ site, ms }) => new Promise<number>((resolve) => {
      const player = document.querySelector<HTMLVideoElement>(`[data-site-id="${site}"] video`);
      if (!player) return resolve(NaN);
      let frames = 0;
      let counting = true;
      const count = () => player.requestVideoFrameCallback(() => {
        frames++;
        if (counting) count();
      });
      count();
      setTimeout(() => {
        counting = false;
        resolve(frames);
      }, ms);
    }), { site: siteId, ms });
    const after = video(await receiver(page));
    const seconds = (Date.now() - started) / 1000;
    if (!before || !after || before.consumerId !== after.consumerId) return { decodedFps: NaN, presentedFps: presented / (ms / 1000), kbps: NaN };
    return {
      decodedFps: (after.framesDecoded - before.framesDecoded) / seconds,
      presentedFps: presented / (ms / 1000),
      kbps: ((after.bytesReceived - before.bytesReceived) * 8) / 1000 / seconds,
    };
  }

  it('lets the hall\'s operator, the chair and two districts join at once, one camera for the hall; every district decodes the main hall', async () => {
    const main = siteOf('Điểm cầu chính');
    // The hall goes on air first (its operator); each district's join is timed to its first decoded frame of the hall.
    await operator.getByTestId('media-join').click();
    await operator.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 15_000 });
    await operator.locator('[data-testid="media-publisher"][data-role="publisher"]').waitFor();
    // The chair's console joins the same site, receive-only: the operator keeps the camera, and the chair is told whose it is.
    await hall.getByTestId('media-join').click();
    await hall.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 15_000 });
    await expect(hall.getByTestId('media-publisher').getAttribute('data-role')).resolves.toBe('viewer');
    await expect(hall.getByTestId('media-publisher').textContent()).resolves.toContain('Lê Minh Trí');
    await expect(hall.getByTestId('local-preview').count()).resolves.toBe(0);
    timings.joinMs.push(await joinAndSee(districtA, main));
    timings.joinMs.push(await joinAndSee(districtB, main));
    // The hall sees both districts in its grid.
    await framesFrom(hall, siteOf('Sa Đéc'), 1);
    await framesFrom(hall, siteOf('Lai Vung'), 1);

    const before = await framesFrom(districtA, main, 1);
    await expect(framesFrom(districtA, main, before + 10)).resolves.toBeGreaterThan(before);
    await expect(hall.getByTestId('site-tile').count()).resolves.toBe(12);
    // Off the programme, shown small on the hall's wall: the districts' cameras encode their lowest layer only; the hall's every one.
    await waitForSendingLayers(districtA, 1);
    await waitForSendingLayers(districtB, 1);
    await waitForSendingLayers(operator, 'all');
    await expect(operator.locator('[data-testid="media-status"][data-state="joined"]').count()).resolves.toBe(1); // not knocked out
    const conference = (await gatewayHealth()).conferences.find((c) => c.conferenceId === snapshot.conference.id);
    expect(conference).toMatchObject({ sites: 3, connections: 4 });
  }, 120_000); // four Chromium pages joining on a shared, loaded machine

  it('switches every district to the site given the floor', async () => {
    const conference = `/conferences/${snapshot.conference.id}`;
    const [a, b] = [siteOf('Sa Đéc'), siteOf('Lai Vung')];
    const ask = async (siteId: string) => {
      const request = await chairApi.post<FloorRequestView>(`${conference}/floor/requests`, { siteId });
      expect(request.status).toBe(201);
      return request.body;
    };
    // As in a conference, each speaker asks for the floor while the previous one speaks and waits in the
    // queue a moment (the gateway keeps the next speaker's video warm meanwhile); then the chair grants it.
    let request = await ask(a);
    let watcher = districtB;
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    for (let i = 0; i < FLOOR_SWITCHES; i++) {
      const speaker = i % 2 === 0 ? a : b;
      watcher = i % 2 === 0 ? districtB : districtA;
      await new Promise((r) => setTimeout(r, QUEUE_WAIT_MS - 1000));
      const standby = await standbyRates(watcher, speaker, 1000);
      timings.standbyDecodedFps.push(standby.decodedFps);
      timings.standbyPresentedFps.push(standby.presentedFps);
      timings.standbyKbps.push(standby.kbps);
      await watchProgrammes(watcher);
      const seenBefore = Math.max(0, ...(await receiver(watcher)).filter((r) => r.siteId === speaker && r.kind === 'video').map((r) => r.framesDecoded));
      await traceSwitch(speaker, speaker === a ? b : a);
      // Warm: the lowest spatial layer, with every temporal layer of Chromium's L1T3 (its full frame rate).
      expect(gatewayConsumer(speaker, speaker === a ? b : a)?.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 2 });
      // Its camera encodes every layer all the same (send-layers.ts: the grant must find the encoder's full layer running).
      const speakerPage = speaker === a ? districtA : districtB;
      await waitForSendingLayers(speakerPage, 'all');
      floorSeenAt.delete(speaker);
      programmeAt.delete(speaker);
      hops = {};
      const cpuBefore = cpuSnapshot();
      const granted = Date.now();
      const rendered = floorTileRenders(watcher, speaker, granted);
      rendered.catch(() => undefined); // awaited below, after the answer
      expect((await chairApi.post(`${conference}/floor/requests/${request.id}/grant`)).status).toBe(200);
      timings.floorGrantAnsweredMs.push(Date.now() - granted);
      const shown = await rendered;
      for (const [label, seconds] of Object.entries(cpuDelta(cpuBefore, cpuSnapshot()))) switchCpu[label] = (switchCpu[label] ?? 0) + seconds;
      switchWallSeconds += (Date.now() - granted) / 1000;
      // getStats is asked only now: polled every 30 ms during the switch, it loaded the very page being timed.
      await framesFrom(watcher, speaker, seenBefore + 1);
      timings.floorTileMs.push(shown.tile - granted);
      timings.floorRenderedMs.push(shown.frame - granted);
      timings.floorFrameReceivedMs.push(shown.frameReceived - granted);
      timings.floorFrameWidth.push(shown.width);
      timings.floorFrameDecodeMs.push(shown.decodeMs);
      timings.floorLongTasksMs.push(shown.longTasks);
      timings.floorProgrammeInPageMs.push((await watcher.evaluate((site) => window.programmeInPage?.get(site) ?? NaN, speaker)) - granted);
      timings.floorOnRedisMs.push((floorSeenAt.get(speaker) ?? NaN) - granted);
      timings.floorProgrammeAtGatewayMs.push((programmeAt.get(speaker) ?? NaN) - granted);
      timings.floorResumedMs.push((hops.resumed ?? NaN) - granted);
      timings.floorKeyFrameAskedMs.push((hops.keyFrameAsked ?? NaN) - granted);
      timings.floorKeyFrameInMs.push((hops.keyFrameIn ?? NaN) - granted);
      timings.floorKeyFrameOutMs.push((hops.keyFrameOut ?? NaN) - granted);
      await watcher.locator(`[data-testid="programme-floor"][data-site-id="${speaker}"][data-has-video="true"]`).waitFor({ timeout: 10_000 });
      timings.floorLayerUpMs.push((hops.layerUp ?? NaN) - granted);
      await waitForSendingLayers(speakerPage, 'all'); // on the floor: every site shows it in full
      if (i + 1 < FLOOR_SWITCHES) request = await ask(speaker === a ? b : a);
    }
    loopDelay.disable();
    const busy = Object.fromEntries(Object.entries(switchCpu).sort(([, x], [, y]) => y - x).map(([label, s]) => [label, `${Math.round((100 * s) / switchWallSeconds)} %`]));
    console.log(`CPU during the switches (share of one core, ${switchWallSeconds.toFixed(1)} s of windows, load ${loadavg()[0].toFixed(2)}): ${JSON.stringify(busy)}`);
    console.log(`test process event loop delay during the switches: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
    await watcher.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'site-programme.png'), fullPage: true });
  }, 60_000 + FLOOR_SWITCHES * 10_000);

  it('carries audio both ways', async () => {
    const main = siteOf('Điểm cầu chính');
    const a = siteOf('Sa Đéc');
    const holder = floorHolder();
    const other = holder === a ? siteOf('Lai Vung') : a;
    const audioFrom = async (page: Page, siteId: string) =>
      (await receiver(page)).filter((r) => r.siteId === siteId && r.kind === 'audio').reduce((n, r) => n + r.packetsReceived, 0);
    const hallHearsHolder = await audioFrom(hall, holder);
    const hallHearsOther = await audioFrom(hall, other);
    const aHearsHall = await audioFrom(districtA, main);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await audioFrom(hall, holder)).toBeGreaterThan(hallHearsHolder);
    expect(await audioFrom(districtA, main)).toBeGreaterThan(aHearsHall);
    // The chair's wall plays the floor holder's sound only, so it is sent no other site's.
    expect(await audioFrom(hall, other)).toBe(hallHearsOther);
    // The fake microphones beep: the gateway's active-speaker observer names one of the sites to the hall.
    const sites = [main, a, siteOf('Lai Vung')];
    await hall.waitForFunction((ids) => ids.includes(document.querySelector('[data-testid="site-grid"]')?.getAttribute('data-active-speaker') ?? ''), sites, { timeout: 15_000 });
    await hall.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'chair-grid.png'), fullPage: true });
  });

  it('records the programme when the chair asks, lists the file in the console, plays it and seeks in it', async () => {
    await hall.getByTestId('recording-start').click();
    await hall.getByTestId('recording-badge').waitFor({ timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 2500));
    await hall.getByTestId('recording-stop').click();
    await hall.getByTestId('recording-badge').waitFor({ state: 'detached', timeout: 10_000 });
    // The list shown while recording (the active file, still empty) is read again once the recorder has
    // stopped: wait for that refresh rather than read the list of the moment.
    await hall.waitForFunction(
      () => Array.from(document.querySelectorAll('[data-testid="recording-file"]')).some((f) => Number(f.getAttribute('data-bytes')) > 10_000),
      null, { timeout: 10_000 },
    );
    // Played in the console through the meeting service: Chromium decodes it, and a seek is a range request answered 206.
    const ranges: number[] = [];
    hall.on('response', (r) => r.url().includes('/recordings/') && r.request().headers().range !== undefined && ranges.push(r.status()));
    await hall.locator('[data-testid="recording-file"][data-active="false"]').first().getByTestId('recording-play').click();
    const player = hall.getByTestId('recording-player');
    await hall.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="recording-player"]');
      return !!video && video.readyState >= 2 && video.videoWidth > 0;
    }, null, { timeout: 15_000 });
    await player.evaluate((video: HTMLVideoElement) => new Promise<void>((done) => {
      video.addEventListener('seeked', () => done(), { once: true });
      video.currentTime = 1.5;
    }));
    expect(ranges).toContain(206);
  });

  it('brings the sites back into the programme by themselves after the network drops', async () => {
    const main = siteOf('Điểm cầu chính');
    const oldConsumers = (await receiver(districtA)).map((r) => r.consumerId);
    await link.cut();
    await districtA.locator('[data-testid="media-status"][data-state="reconnecting"]').waitFor({ timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const back = Date.now();
    await link.restore();
    await framesFrom(districtA, main, 1, oldConsumers, 20_000);
    timings.rejoinAfterNetworkDropMs.push(Date.now() - back);
    await districtA.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 10_000 });
    await hall.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 10_000 });
  });

  it('recovers when the mediasoup worker dies: a new worker, the sites re-join, frames flow again', async () => {
    const health = gatewayHealth;
    const [{ pid }] = (await health()).workers;
    const main = siteOf('Điểm cầu chính');
    const oldConsumers = (await receiver(districtB)).map((r) => r.consumerId);
    const killed = Date.now();
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => (await health()).workers.some((w) => w.pid !== pid));
    // A frame decoded by a consumer created after the kill means the programme is back.
    await framesFrom(districtB, main, 1, oldConsumers, 20_000);
    timings.rejoinAfterWorkerDeathMs.push(Date.now() - killed);
    await districtB.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 10_000 });
    // The meeting service heard the gateway: the chair console says so, and the audit log keeps it.
    await hall.locator('[data-testid="media-incident"][data-kind="worker-replaced"]').waitFor({ timeout: 10_000 });
    const audit = await chairApi.get<Array<{ action: string; actorUserId: string | null }>>(`/conferences/${snapshot.conference.id}/audit`);
    expect(audit.body.filter((e) => e.action.startsWith('media.worker-')).map((e) => [e.action, e.actorUserId]))
      .toEqual(expect.arrayContaining([['media.worker-died', null], ['media.worker-replaced', null]]));
  });

  it('resumes video by itself after a reload, without a click (the operator\'s camera, and a district)', async () => {
    const main = siteOf('Điểm cầu chính');
    const old = (await receiver(districtA)).map((r) => r.consumerId);
    const reloaded = Date.now();
    await operator.reload();
    await operator.locator('[data-testid="media-publisher"][data-role="publisher"]').waitFor({ timeout: 20_000 });
    await framesFrom(districtA, main, 1, old, 20_000); // the districts get the main hall back
    await districtB.reload();
    await districtB.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 20_000 });
    await framesFrom(districtB, main, 1, [], 20_000);
    console.log(`reload → the hall back at the districts: ${Date.now() - reloaded} ms`);
  });

  it('lets the chair take the hall\'s camera over after a confirmation; the operator stays on, receiving', async () => {
    const main = siteOf('Điểm cầu chính');
    const old = (await receiver(districtA)).map((r) => r.consumerId);
    let question = '';
    hall.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await hall.getByTestId('media-take-over').click();
    await hall.locator('[data-testid="media-publisher"][data-role="publisher"]').waitFor({ timeout: 20_000 });
    expect(question).toContain('Lê Minh Trí');
    await operator.locator('[data-testid="media-publisher"][data-role="viewer"]').waitFor({ timeout: 10_000 });
    await expect(operator.getByTestId('media-status').textContent()).resolves.toContain('vừa nhận quyền phát hình');
    await framesFrom(districtA, main, 1, old, 20_000); // the hall now comes from the chair's camera
    // The operator still receives the programme: the floor holder (a hall's page is sent what it shows, not every site).
    const holder = floorHolder();
    const before = await framesFrom(operator, holder, 1);
    await framesFrom(operator, holder, before + 5);
  });

  it('stops video and recording when the chair ends the conference', async () => {
    await hall.getByTestId('recording-start').click();
    await hall.getByTestId('recording-badge').waitFor({ timeout: 10_000 });
    expect((await chairApi.post(`/conferences/${snapshot.conference.id}/end`)).status).toBe(200);
    for (const page of [hall, operator, districtA, districtB]) await page.getByTestId('media-status').waitFor({ state: 'detached', timeout: 10_000 });
    // The gateway closed the room (the recorder stops with it), and no site gets a join token any more.
    await waitFor(async () => !(await gatewayHealth()).conferences.some((c) => c.conferenceId === snapshot.conference.id));
    const token = await chairApi.post(`/conferences/${snapshot.conference.id}/sites/${siteOf('Điểm cầu chính')}/media-token`);
    expect(token.status).toBe(409);
  });

  async function gatewayHealth() {
    const authorization = `Bearer ${serviceToken({ secret: mediaTokenSecret })}`; // the details need a service token
    return (await (await fetch(`${mediaUrl}/api/health`, { headers: { authorization } })).json()) as {
      workers: Array<{ pid: number }>; conferences: Array<{ conferenceId: string; sites: number; connections: number }>;
    };
  }
});

function summary(t: Record<string, number[]>): Record<string, { n: number; p50: number; p95: number }> {
  const out: Record<string, { n: number; p50: number; p95: number }> = {};
  for (const [key, values] of Object.entries(t)) {
    const sorted = [...values].sort((x, y) => x - y);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    out[key] = { n: values.length, p50: at(0.5), p95: at(0.95) };
  }
  return out;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
