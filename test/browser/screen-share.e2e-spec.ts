/// <reference lib="dom" />
// Content sharing and the chair's mute in Debian's Chromium (fake camera, fake screen, no picker): the
// main hall's operator shares a screen with getDisplayMedia and a district on a phone decodes it, large,
// with the speakers small; the chair mutes the district from the console and the district is told and
// cannot unmute itself. Screenshots: the chair's console at 1280×720, the district at 390×844.
import type { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ConferenceSnapshot } from '@hoinghi/contracts';
import { createMediaApp } from '../../apps/media/src/bootstrap';
import { loadMediaConfig } from '../../apps/media/src/config/media-config';
import { DEMO_PASSWORD, seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { launchChromium, logIn } from '../support/browser';
import { Api, MeetingHarness } from '../support/meeting-harness';

const ROOT = join(__dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

type ReceiverRow = { siteId: string; kind: string; source: string; framesDecoded: number };
/** The web app's media session (apps/web/src/media/useMediaSession.ts), as window.hoinghiMedia. */
type WithMedia = { hoinghiMedia?: { receiverStats(): Promise<ReceiverRow[]> } };

describe('content sharing and the chair\'s mute in Chromium', () => {
  let media: INestApplication;
  let meeting: MeetingHarness;
  let browser: Browser;
  let snapshot: ConferenceSnapshot;
  let chair: Page; // the chair's console, 1280×720
  let operator: Page; // the main hall's operator: the hall's camera, and the screen it shares
  let district: Page; // Sa Đéc's operator on a phone, 390×844
  const siteOf = (namePart: string) => snapshot.sites.find((s) => s.name.includes(namePart))!.id;

  beforeAll(async () => {
    const config = loadMediaConfig({ ...process.env, MEDIA_PORT: '0', MEDIA_RTC_PORT: '31580', MEDIA_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1' });
    media = await createMediaApp(config, ['error', 'warn']);
    await media.listen(0, '127.0.0.1');
    const mediaPort = (media.getHttpServer().address() as { port: number }).port;
    meeting = await MeetingHarness.start(
      { webDistDir: join(ROOT, 'dist', 'web'), mediaPublicUrl: `http://127.0.0.1:${mediaPort}`, mediaTokenSecret: config.mediaTokenSecret },
      { ownDatabase: 'browser_share' },
    );
    snapshot = (await seedDemo(meeting.app)).conference!;
    const chairApi = new Api(meeting.url).as(await meeting.login('chutri', DEMO_PASSWORD));
    await chairApi.post(`/conferences/${snapshot.conference.id}/start`);

    browser = await launchChromium([
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--auto-select-desktop-capture-source=Entire screen',
      '--autoplay-policy=no-user-gesture-required',
    ]);
    chair = await openAs('chutri', { width: 1280, height: 720 });
    operator = await openAs('vanhanh.tinhuy', { width: 1280, height: 720 });
    district = await openAs('vanhanh.sadec', { width: 390, height: 844 });
  });

  afterAll(async () => {
    await browser?.close();
    await meeting?.stop();
    await media?.close();
  });

  async function openAs(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'vi-VN' })).newPage();
    if (process.env.DEBUG_MEDIA) page.on('console', (m) => console.log(`[${username}] ${m.type()}: ${m.text()}`));
    await logIn(page, meeting.url, username, DEMO_PASSWORD);
    return page;
  }

  async function joinVideo(page: Page): Promise<void> {
    await page.getByTestId('media-join').click();
    await page.locator('[data-testid="media-status"][data-state="joined"]').waitFor({ timeout: 15_000 });
  }

  /** The most frames `page` has decoded of the shared screen. */
  async function screenFrames(page: Page): Promise<number> {
    const rows = await page.evaluate(async () => (await (window as unknown as WithMedia).hoinghiMedia?.receiverStats()) ?? []);
    return rows.filter((r) => r.source === 'screen' && r.kind === 'video').reduce((n, r) => Math.max(n, r.framesDecoded), 0);
  }

  async function untilScreenFrames(page: Page, atLeast: number): Promise<number> {
    const until = Date.now() + 15_000;
    for (;;) {
      const frames = await screenFrames(page);
      if (frames >= atLeast) return frames;
      if (Date.now() > until) throw new Error(`only ${frames} frames of the shared screen decoded, expected ${atLeast}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('the main hall shares a screen (getDisplayMedia) and a district on a phone decodes it, large, with the speakers small', async () => {
    await joinVideo(operator);
    await joinVideo(district);
    await joinVideo(chair);
    // A district without the floor cannot share, and the button says why.
    await expect(district.getByTestId('share-start').isDisabled()).resolves.toBe(true);
    await expect(district.getByTestId('share-start').getAttribute('title')).resolves.toContain('Chỉ điểm cầu chính');

    await operator.getByTestId('share-start').click();
    await operator.getByTestId('sharing-badge').waitFor({ timeout: 15_000 });
    const shown = district.locator(`[data-testid="shared-screen"][data-site-id="${siteOf('Điểm cầu chính')}"]`);
    await shown.waitFor({ timeout: 15_000 });
    const first = await untilScreenFrames(district, 1);
    await expect(untilScreenFrames(district, first + 10)).resolves.toBeGreaterThan(first); // frames keep coming
    await district.waitForFunction(() => ((document.querySelector('[data-testid="shared-screen-video"]') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0);
    // The screen is the large picture: wider than the main hall's and the speaker's tiles.
    const screenBox = (await shown.boundingBox())!;
    const hallBox = (await district.getByTestId('programme-main').boundingBox())!;
    expect(screenBox.width).toBeGreaterThan(hallBox.width);
    expect(screenBox.width).toBeLessThanOrEqual(390);
    // The chair's console (the same site as the hall's operator) is told who shares.
    await expect(chair.getByTestId('share-start').isDisabled()).resolves.toBe(true);
  });

  it('the chair mutes the district from the console: the district is told in Vietnamese and cannot unmute itself', async () => {
    const saDec = siteOf('Sa Đéc');
    const tile = chair.locator(`[data-testid="site-tile"][data-site-id="${saDec}"]`);
    await tile.getByTestId('site-mute').click();
    await chair.locator(`[data-testid="site-tile"][data-site-id="${saDec}"][data-muted="true"]`).waitFor();
    await district.getByTestId('muted-by-chair').waitFor();
    await expect(district.getByTestId('muted-by-chair').textContent()).resolves.toBe('Chủ tọa đã tắt tiếng điểm cầu của bạn');
    await expect(district.getByTestId('media-mic').isDisabled()).resolves.toBe(true);
    // The district's programme from its top: the chair's mute, the shared screen large, the hall and the speaker small.
    await district.evaluate(() => document.querySelector('.programme')?.scrollIntoView());
    await district.screenshot({ path: join(SCREENSHOTS, 'site-screen-share-390x844.png') });
    await chair.evaluate(() => window.scrollTo(0, 0));
    await chair.screenshot({ path: join(SCREENSHOTS, 'chair-media-controls-1280x720.png') });

    await chair.getByTestId('unmute-all').click();
    await district.getByTestId('muted-by-chair').waitFor({ state: 'detached' });
    await expect(district.getByTestId('media-mic').isDisabled()).resolves.toBe(false);
  });

  it('stopping the share takes the screen off every site', async () => {
    await operator.getByTestId('share-stop').click();
    await district.getByTestId('shared-screen').waitFor({ state: 'detached', timeout: 10_000 });
    await expect(district.getByTestId('share-start').isDisabled()).resolves.toBe(true); // still not the floor holder
  });
});
