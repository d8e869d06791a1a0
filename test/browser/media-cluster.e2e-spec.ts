/// <reference lib="dom" />
// A conference on two gateway hosts, seen from Chromium: the main hall's operator is placed on gateway A,
// a district on gateway B; B dies for good, and the district's page asks the meeting service where it
// belongs now, moves to A by itself and shows the hall again. Real meeting service, PostgreSQL, Redis, two
// mediasoup gateways (B its own process from the build) and Debian's Chromium with fake cameras.
// Run `npm run build` first.
import type { ConferenceSnapshot, MediaJoinTokenResponse } from '@hoinghi/contracts';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { launchChromium, logIn } from '../support/browser';
import { MediaHarness, TEST_MEDIA_SECRET } from '../support/media-harness';
import { freePort, freeRtcPort, MediaProcess } from '../support/media-process';
import { Api, MeetingHarness } from '../support/meeting-harness';

const ROOT = join(__dirname, '..', '..');
// RTC and pipe ports of their own (see test/media/cluster.e2e-spec.ts for the others').
const RTC_A = 41660;
const RTC_B = 41670;
const HEARTBEAT_MS = 500; // a dead gateway drops out of the cluster after three

type ReceiverRow = { consumerId: string; siteId: string; kind: string; framesDecoded: number };
/** The web app's media session (apps/web/src/media/useMediaSession.ts), as the page exposes it. */
type MediaWindow = { hoinghiMedia?: { receiverStats(): Promise<ReceiverRow[]> } };

jest.setTimeout(120_000);

describe('a district\'s page when its gateway host dies', () => {
  let meeting: MeetingHarness;
  let hostA: MediaHarness;
  let hostB: MediaProcess;
  let browser: Browser;
  let snapshot: ConferenceSnapshot;
  let operator: Page; // the main hall's camera
  let district: Page; // Sa Đéc
  const placements: string[] = []; // the gateway each media token named, in order
  const siteOf = (namePart: string) => snapshot.sites.find((s) => s.name.includes(namePart))!.id;

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ webDistDir: join(ROOT, 'dist', 'web'), mediaTokenSecret: TEST_MEDIA_SECRET }, { ownDatabase: 'browser_cluster' });
    snapshot = (await seedDemo(meeting.app)).conference!;
    const chair = new Api(meeting.url).as(await meeting.login('chutri', DEMO_PASSWORD));
    expect((await chair.post(`/conferences/${snapshot.conference.id}/start`)).status).toBe(200);
    const common = {
      MEDIA_WORKERS: '1', MEDIA_TOKEN_SECRET: TEST_MEDIA_SECRET, MEETING_INTERNAL_URL: meeting.url,
      MEDIA_CLUSTER_HEARTBEAT_MS: String(HEARTBEAT_MS), MEDIA_LISTEN_IP: '127.0.0.1',
    };
    const portA = await freePort();
    hostA = await MediaHarness.start({
      ...common, MEDIA_PORT: String(portA), MEDIA_PUBLIC_URL: `http://127.0.0.1:${portA}`, MEDIA_GATEWAY_ID: 'host-a',
      MEDIA_RTC_PORT: String(await freeRtcPort(RTC_A)), MEDIA_PIPE_PORTS: '44660-44669',
    });
    const portB = await freePort();
    hostB = await MediaProcess.start({
      ...common, MEDIA_PORT: String(portB), MEDIA_PUBLIC_URL: `http://127.0.0.1:${portB}`, MEDIA_GATEWAY_ID: 'host-b',
      MEDIA_RTC_PORT: String(await freeRtcPort(RTC_B)), MEDIA_PIPE_PORTS: '44670-44679', REDIS_URL: hostA.config.redisUrl,
    });
    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required']);
    operator = await openAs('vanhanh.tinhuy', { width: 1280, height: 720 });
    district = await openAs('vanhanh.sadec', { width: 390, height: 844 });
  });

  afterAll(async () => {
    await browser?.close();
    await hostB?.kill('SIGKILL');
    await hostA?.stop();
    await meeting?.stop();
  });

  async function openAs(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'vi-VN' })).newPage();
    page.on('response', (response) => {
      if (!response.url().endsWith('/media-token') || response.status() !== 201) return;
      void response.json().then((body: MediaJoinTokenResponse) => placements.push(`${username}@${body.gatewayId}`), () => undefined);
    });
    await logIn(page, meeting.url, username, DEMO_PASSWORD);
    return page;
  }

  /** The largest count of frames `page` has decoded from `siteId`'s video on one consumer not in `skip`, and that consumer. */
  async function decoded(page: Page, siteId: string, skip: string[] = []): Promise<{ frames: number; consumerId: string | null }> {
    const rows = (await page.evaluate(async () => (await (window as unknown as MediaWindow).hoinghiMedia?.receiverStats()) ?? []))
      .filter((r) => r.siteId === siteId && r.kind === 'video' && !skip.includes(r.consumerId));
    return rows.reduce((best, r) => (r.framesDecoded > best.frames ? { frames: r.framesDecoded, consumerId: r.consumerId } : best), { frames: 0, consumerId: null as string | null });
  }

  async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('places the hall on gateway A and the district on gateway B; the district sees the hall across the pipe', async () => {
    await operator.getByTestId('media-join').click();
    await operator.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 20_000 });
    await district.getByTestId('media-join').click();
    await district.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 20_000 });
    expect(placements).toEqual(['vanhanh.tinhuy@host-a', 'vanhanh.sadec@host-b']);
    const hall = siteOf('Điểm cầu chính');
    await until(async () => (await decoded(district, hall)).frames > 5, 20_000, 'the hall\'s video decoded at the district on host B');
  });

  it('moves the district to gateway A by itself once B is gone, and shows the hall again', async () => {
    const hall = siteOf('Điểm cầu chính');
    const before = await decoded(district, hall);
    const killedAt = Date.now();
    await hostB.kill('SIGKILL');
    await district.locator('[data-testid="media-status"][data-state="reconnecting"]').waitFor({ timeout: 10_000 });
    // A new placement, then a new connection: frames of the hall on a consumer made after the move.
    await until(async () => (await decoded(district, hall, [before.consumerId!])).frames > 5, 40_000, 'the hall\'s video at the district after the move');
    await district.locator('[data-testid="media-status"][data-state="joined"]').waitFor();
    expect(placements.slice(2)).toContain('vanhanh.sadec@host-a');
    console.log(`gateway B killed → the district decodes the hall again through gateway A: ${Date.now() - killedAt} ms (heartbeat ${HEARTBEAT_MS} ms, dead after 3)`);
    // The hall's operator, on A all along, was not disturbed.
    await expect(operator.locator('[data-testid="media-status"]').getAttribute('data-state')).resolves.toBe('joined');
  });
});
