/// <reference lib="dom" />
// The web app in Debian's Chromium against the real meeting service: the chair runs the demo
// conference (seed 004) while an operator at a district site follows it live.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker-config';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { launchChromium, logIn as logInAs } from '../support/browser';
import { testAppDatabaseUrl, testDatabaseUrl } from '../support/test-config';
import { MeetingHarness } from '../support/meeting-harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

describe('chair console and site view in Chromium', () => {
  let meeting: MeetingHarness;
  let worker: INestApplicationContext;
  let browser: Browser;
  let chair: Page;
  let operator: Page;

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ webDistDir: join(__dirname, '..', '..', 'dist', 'web') }, { ownDatabase: 'browser_console' });
    await seedDemo(meeting.app);
    // The worker stores comments: the same database, as the services' role.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadWorkerConfig({
      NODE_ENV: 'test', DATABASE_URL: testAppDatabaseUrl(`${testDatabaseUrl()}_browser_console`), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    })), { logger: ['error'] });
    await worker.init();
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Two contexts: two people on two machines, each with their own session — the chair on a
    // 1280×720 laptop, the district's operator on a phone.
    chair = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' })).newPage();
    operator = await (await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN',
    })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await meeting?.stop();
  });

  const logIn = (page: Page, username: string) => logInAs(page, meeting.url, username, DEMO_PASSWORD);

  it('says a wrong password in Vietnamese', async () => {
    await chair.goto(`${meeting.url}/login`);
    await chair.getByTestId('login-username').fill('chutri');
    await chair.getByTestId('login-password').fill('sai-mat-khau');
    await chair.getByTestId('login-submit').click();
    await chair.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor({ timeout: 5000 });
  });

  it('lets the chair start the conference, and the operator sees the agenda change within a second', async () => {
    await logIn(chair, 'chutri');
    await expect(chair.getByTestId('conference-status').getAttribute('data-status')).resolves.toBe('scheduled');
    await expect(chair.getByTestId('attendance-site').count()).resolves.toBe(13);

    await logIn(operator, 'vanhanh.sadec');
    await operator.getByTestId('delegate-row').first().waitFor();
    await expect(operator.getByTestId('delegate-row').count()).resolves.toBe(3);

    await chair.getByTestId('action-start').click();
    await chair.locator('[data-testid="conference-status"][data-status="live"]').waitFor();

    // The chair opens the first agenda item; the district sees it within a second.
    const before = await operator.getByTestId('active-agenda-item').getAttribute('data-id');
    const clickedAt = Date.now();
    await chair.getByTestId('agenda-next').click();
    await operator.waitForFunction(
      (previous) => {
        const id = document.querySelector('[data-testid="active-agenda-item"]')?.getAttribute('data-id');
        return !!id && id !== previous;
      },
      before, { timeout: 1000, polling: 'raf' },
    );
    console.log(`agenda change seen at the district ${Date.now() - clickedAt} ms after the chair's click`);
    await expect(operator.getByTestId('active-agenda-item').textContent()).resolves.toContain('Tuyên bố lý do');
  });

  it('updates attendance and the floor live on both screens', async () => {
    const rows = operator.getByTestId('delegate-row');
    await rows.nth(0).getByTestId('checkin-present').click();
    await operator.locator('[data-testid="delegate-row"][data-status="present"]').first().waitFor();
    await rows.nth(1).getByTestId('checkin-late').click();
    await rows.nth(2).getByTestId('checkin-absent').click();
    await operator.getByTestId('absent-reason').fill('Đi công tác');
    await operator.getByTestId('absent-reason').press('Enter');
    await operator.locator('[data-testid="delegate-row"][data-status="absent"]').waitFor();
    await expect(operator.getByTestId('site-attendance-total').textContent()).resolves.toMatch(/2/);

    const sadec = chair.getByTestId('attendance-site').filter({ hasText: 'Sa Đéc' });
    await sadec.filter({ hasText: '2' }).waitFor({ timeout: 2000 });

    // A delegate leaves early: no longer counted present.
    await rows.nth(0).getByTestId('checkout').click();
    await operator.locator('[data-testid="delegate-row"][data-checked-out="true"]').waitFor();
    await expect(operator.getByTestId('site-attendance-total').textContent()).resolves.toMatch(/1\/3/);

    await operator.getByTestId('request-floor').click();
    await chair.getByTestId('floor-queue-item').first().waitFor({ timeout: 2000 });
    await chair.getByTestId('floor-queue-item').first().getByTestId('floor-grant').click();
    await operator.getByTestId('floor-holder').filter({ hasText: 'Sa Đéc' }).waitFor({ timeout: 2000 });

    await chair.screenshot({ path: join(SCREENSHOTS, 'chair-console.png'), fullPage: true });
    await operator.screenshot({ path: join(SCREENSHOTS, 'site-view.png'), fullPage: true });
  });

  it('lets a district read the drafts section by section on a phone, and a new one appears there live', async () => {
    // The chair (the secretariat alike) puts a Word draft to the conference from the console.
    await chair.getByTestId('draft-title').fill('Dự thảo Hướng dẫn sinh hoạt chi bộ');
    await chair.getByTestId('draft-file').setInputFiles({
      name: 'huong-dan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Điều 1. Nội dung sinh hoạt'), new Paragraph('Sinh hoạt chuyên đề hằng quý.')] }] })),
    });
    await chair.getByTestId('draft-upload').click();
    await operator.getByTestId('draft-row').filter({ hasText: 'Dự thảo Hướng dẫn sinh hoạt chi bộ' }).waitFor({ timeout: 3000 });

    // The demo's draft Conclusion, read on the phone.
    await operator.getByTestId('draft-row').filter({ hasText: 'Dự thảo Kết luận' }).getByRole('link').click();
    await operator.locator('[data-testid="draft-section"][data-label="III."]').waitFor();
    const target = operator.locator('[data-testid="draft-section"]').filter({ hasText: '4% dân số' }).first();
    await expect(target.textContent()).resolves.toMatch(/3\.\s*Đến năm 2025, tỷ lệ đảng viên đạt trên 4% dân số/);
    await operator.screenshot({ path: join(SCREENSHOTS, 'draft-phone.png'), fullPage: false });
    await operator.goBack();
    await operator.getByTestId('connection-status').and(operator.locator('[data-state="live"]')).waitFor();
  });

  it("takes a site's opinion on a draft section from the phone to the chair's screen, through the worker", async () => {
    // The chair opens consultation on the draft Conclusion.
    await chair.getByTestId('draft-row').filter({ hasText: 'Dự thảo Kết luận' }).getByRole('link').click();
    await chair.getByTestId('consultation-toggle').click();
    await chair.locator('[data-testid="consultation-state"][data-state="open"]').waitFor({ timeout: 3000 });

    // The district's operator gives the site's opinion on target 3 (party members above 4% of the population).
    await operator.getByTestId('draft-row').filter({ hasText: 'Dự thảo Kết luận' }).getByRole('link').click();
    await operator.locator('[data-testid="consultation-state"][data-state="open"]').waitFor({ timeout: 3000 });
    const target = operator.locator('[data-testid="draft-section"]').filter({ hasText: '4% dân số' }).first();
    await target.getByTestId('comment-open').click();
    await target.getByTestId('comment-text').fill('Đề nghị bổ sung lộ trình theo từng năm cho huyện Sa Đéc.');
    await target.getByTestId('comment-send').click();
    await target.getByTestId('comment').filter({ hasText: 'lộ trình theo từng năm' }).waitFor({ timeout: 5000 });

    // The chair sees it beside the same section, live.
    const atChair = chair.locator('[data-testid="draft-section"]').filter({ hasText: '4% dân số' }).first();
    await atChair.getByTestId('comment').filter({ hasText: 'lộ trình theo từng năm' }).waitFor({ timeout: 5000 });
    await expect(atChair.getByTestId('comment').first().textContent()).resolves.toMatch(/Điểm cầu/);
    // The chair's tally names the site that spoke.
    await expect(chair.getByTestId('comment-tally').textContent()).resolves.toMatch(/Sa Đéc \(1\)/);
    await operator.screenshot({ path: join(SCREENSHOTS, 'draft-comment-phone.png'), fullPage: false });
    await chair.goBack();
    await operator.goBack();
    await chair.getByTestId('connection-status').and(chair.locator('[data-state="live"]')).waitFor();
    await operator.getByTestId('connection-status').and(operator.locator('[data-state="live"]')).waitFor();
  });

  it('speaks English when asked, without losing the live state', async () => {
    await operator.getByTestId('lang-toggle').click();
    await expect(operator.getByTestId('request-floor').or(operator.getByTestId('floor-holder')).first().isVisible()).resolves.toBe(true);
    await expect(operator.locator('body').textContent()).resolves.toMatch(/Floor|Attendance|Agenda/);
    await operator.screenshot({ path: join(SCREENSHOTS, 'site-view-en.png'), fullPage: true });
  });
});
