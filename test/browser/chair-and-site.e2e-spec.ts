/// <reference lib="dom" />
// The web app in Debian's Chromium against the real meeting service: the chair runs the demo
// conference (seed 004) while an operator at a district site follows it live.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker-config';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { launchChromium, logIn as logInAs } from '../support/browser';
import { testAppDatabaseUrl, testDatabaseUrl } from '../support/test-config';
import { Api, MeetingHarness } from '../support/meeting-harness';
import type { ConferenceSnapshot, ConferenceSummary } from '@hoinghi/contracts';

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

  it('fits the first screen: the chair\'s agenda, video wall and floor at 1280×720; a phone\'s header in two lines and its floor button', async () => {
    await chair.screenshot({ path: join(SCREENSHOTS, 'chair-console-1280x720.png') });
    await operator.screenshot({ path: join(SCREENSHOTS, 'site-view-390x844.png') });
    const top = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    for (const selector of ['.panel--agenda', '.site-grid-panel', '.console-layout__side .panel']) {
      expect(await top(chair, selector)).toBeLessThan(720);
    }
    const header = (await operator.locator('.conference-header').boundingBox())!;
    expect(header.height).toBeLessThan(130); // the site, two lines of title, the status: not seven lines
    const ask = (await operator.getByTestId('request-floor').boundingBox())!;
    expect(ask.y + ask.height).toBeLessThanOrEqual(844);
    expect(ask.width).toBeGreaterThan(300);
  });

  it('asks before skipping an item, for a reason the minutes keep, and reopens it', async () => {
    const item = chair.locator('[data-testid="agenda-item"][data-state="pending"]').last();
    const id = await item.getAttribute('data-id');
    const row = chair.locator(`[data-testid="agenda-item"][data-id="${id}"]`);
    await row.getByTestId('agenda-skip').click();
    const dialog = chair.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await expect(dialog.getByTestId('confirm-yes').isDisabled()).resolves.toBe(true); // no reason yet
    await expect(dialog.getByTestId('confirm-yes').getAttribute('title')).resolves.toBe('Hãy ghi lý do trước khi xác nhận.');
    await dialog.getByTestId('confirm-no').click();
    await expect(row.getAttribute('data-state')).resolves.toBe('pending'); // going back did nothing

    await row.getByTestId('agenda-skip').click();
    await dialog.getByTestId('confirm-reason').fill('Chuyển sang phiên chiều');
    await expect(dialog.getByTestId('char-count').textContent()).resolves.toBe('23/500 ký tự');
    await dialog.getByTestId('confirm-yes').click();
    await chair.locator(`[data-testid="agenda-item"][data-id="${id}"][data-state="skipped"]`).waitFor({ timeout: 3000 });
    await expect(row.getByTestId('agenda-reason').textContent()).resolves.toContain('Chuyển sang phiên chiều');

    await row.getByTestId('agenda-reopen').click();
    await dialog.getByTestId('confirm-reason').fill('Đã đủ thời gian');
    await dialog.getByTestId('confirm-yes').click();
    await chair.locator(`[data-testid="agenda-item"][data-id="${id}"][data-state="pending"]`).waitFor({ timeout: 3000 });
  });

  it('shows a pause across the phone\'s screen with the chair\'s reason, and "live" goes out with the network', async () => {
    await chair.getByTestId('action-adjourn').click();
    await chair.getByTestId('confirm-reason').fill('Nghỉ giải lao 15 phút');
    await chair.getByTestId('confirm-yes').click();
    const banner = operator.locator('[data-testid="status-banner"][data-status="adjourned"]');
    await banner.waitFor({ timeout: 3000 });
    await expect(banner.textContent()).resolves.toMatch(/Hội nghị đang tạm dừng.*Lý do: Nghỉ giải lao 15 phút/);
    expect((await banner.boundingBox())!.width).toBeGreaterThan(340);
    await expect(operator.getByTestId('request-floor').getAttribute('title')).resolves.toBe('Chỉ thao tác được khi hội nghị đang diễn ra.');
    await operator.screenshot({ path: join(SCREENSHOTS, 'site-paused-390x844.png') });

    await chair.getByTestId('action-resume').click();
    await chair.locator('[data-testid="conference-status"][data-status="live"]').waitFor();
    await banner.waitFor({ state: 'detached', timeout: 3000 });

    await operator.context().setOffline(true);
    await operator.locator('[data-testid="connection-status"][data-state="offline"]').waitFor({ timeout: 3000 });
    await expect(operator.getByTestId('connection-status').textContent()).resolves.toContain('Mất mạng');
    await operator.context().setOffline(false);
    await operator.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 15_000 });
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

  it("counts the speaker's time down at the site once the chair sets a limit; the site's operator reaches the technical desk", async () => {
    await chair.locator('.floor-current').getByTestId('floor-limit').selectOption('120');
    await operator.getByTestId('floor-countdown').filter({ hasText: /Còn lại 0[12]:\d\d/ }).waitFor({ timeout: 3000 });
    await chair.getByTestId('agenda-time').first().waitFor();
    await operator.getByTestId('desk-text').fill('Sa Đéc: tiếng từ hội trường hơi nhỏ, đề nghị tăng âm lượng');
    await operator.getByTestId('desk-send').click();
    await chair.getByTestId('desk-unread').waitFor({ timeout: 3000 });
    await chair.getByTestId('desk-thread').filter({ hasText: 'Sa Đéc' }).click();
    await chair.getByTestId('desk-message').filter({ hasText: 'tăng âm lượng' }).waitFor();
    await chair.getByTestId('desk-text').fill('Bàn kỹ thuật đã tăng âm lượng');
    await chair.getByTestId('desk-send').click();
    await operator.getByTestId('desk-message').filter({ hasText: 'đã tăng âm lượng' }).waitFor({ timeout: 3000 });
    await chair.getByTestId('desk-panel').screenshot({ path: join(SCREENSHOTS, 'chair-desk-1280x720.png') });
    await operator.getByTestId('floor-holder').scrollIntoViewIfNeeded();
    await operator.screenshot({ path: join(SCREENSHOTS, 'site-countdown-390x844.png') });
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

  it("brings a site's opinion to the secretary's desk live; the secretary accepts it, and the report downloads with it", async () => {
    // The secretary, on a laptop, at the draft Conclusion: the districts' written opinions and the consolidated point of the demo are there.
    const secretary = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN', acceptDownloads: true })).newPage();
    await logIn(secretary, 'thuky');
    await secretary.getByTestId('draft-row').filter({ hasText: 'Dự thảo Kết luận' }).getByRole('link').click();
    await secretary.getByTestId('consolidation').waitFor();
    await secretary.locator('[data-testid="point"][data-disposition="partly_accepted"]').filter({ hasText: 'Giao chỉ tiêu tỷ lệ đảng viên' }).waitFor();

    // Sa Đéc's operator sends another opinion from the phone; it reaches the secretary's stream live.
    const opinion = 'Đề nghị làm rõ nguồn lực thực hiện chỉ tiêu tại các xã, phường của Sa Đéc.';
    await operator.getByTestId('draft-row').filter({ hasText: 'Dự thảo Kết luận' }).getByRole('link').click();
    const target = operator.locator('[data-testid="draft-section"]').filter({ hasText: '4% dân số' }).first();
    await target.getByTestId('comment-open').click();
    await target.getByTestId('comment-text').fill(opinion);
    await target.getByTestId('comment-send').click();
    const row = secretary.getByTestId('consolidation-comment').filter({ hasText: opinion });
    await row.waitFor({ timeout: 5000 });

    // Filters: by site (Sa Đéc's two opinions), then back to every site.
    await secretary.getByTestId('filter-site').selectOption({ label: 'Điểm cầu Thành phố Sa Đéc' });
    await expect(secretary.getByTestId('consolidation-comment').count()).resolves.toBe(2);
    await secretary.getByTestId('filter-site').selectOption({ index: 0 });

    // She groups both of Sa Đéc's opinions into one point and accepts it.
    await row.getByTestId('comment-select').check();
    await secretary.getByTestId('consolidation-comment').filter({ hasText: 'lộ trình theo từng năm' }).getByTestId('comment-select').check();
    const form = secretary.getByTestId('group-form');
    await form.getByTestId('point-summary').fill('Bổ sung lộ trình và nguồn lực thực hiện chỉ tiêu đảng viên');
    await form.getByTestId('point-disposition').selectOption('accepted');
    await form.getByTestId('point-response').fill('Đã bổ sung lộ trình hằng năm tại mục III.');
    await form.getByTestId('point-create').click();
    await secretary.locator('[data-testid="point"][data-disposition="accepted"]').filter({ hasText: 'Bổ sung lộ trình và nguồn lực' }).waitFor({ timeout: 3000 });
    // Consolidated, it leaves the stream of comments still to consolidate (the default filter), and shows under its status.
    await row.waitFor({ state: 'detached' });
    await secretary.getByTestId('filter-status').selectOption('grouped');
    await secretary.locator('[data-testid="consolidation-comment"][data-status="grouped"]').filter({ hasText: opinion }).waitFor();
    await secretary.screenshot({ path: join(SCREENSHOTS, 'consolidation-laptop.png'), fullPage: true });

    // The report: rendered by the worker, polled, downloaded.
    const [download] = await Promise.all([secretary.waitForEvent('download', { timeout: 20_000 }), secretary.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^Tong-hop-y-kien-du-thao-ket-luan.*\.docx$/);
    const text = (await mammoth.extractRawText({ path: await download.path() })).value;
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain(opinion);
    expect(text).toContain('Đề nghị bổ sung lộ trình theo từng năm cho huyện Sa Đéc.');
    expect(text).toMatch(/Bổ sung lộ trình và nguồn lực thực hiện chỉ tiêu đảng viên[\s\S]*Hướng xử lý: Tiếp thu\./);
    await secretary.locator('[data-testid="report-state"][data-state="ready"]').waitFor();

    // The same desk on a phone.
    await secretary.setViewportSize({ width: 390, height: 844 });
    await secretary.getByTestId('consolidation').screenshot({ path: join(SCREENSHOTS, 'consolidation-phone.png') });
    await secretary.context().close();
    await operator.goBack();
    await operator.getByTestId('connection-status').and(operator.locator('[data-state="live"]')).waitFor();
  });

  it('says a field error from the server in Vietnamese', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' })).newPage();
    await logIn(page, 'chutri');
    await page.goto(`${meeting.url}/new`);
    await page.getByTestId('create-submit').click();
    const error = page.locator('.field-error').first();
    await error.waitFor({ timeout: 5000 });
    await expect(error.textContent()).resolves.toMatch(/bắt buộc nhập|không được để trống/);
    await expect(page.locator('form').textContent()).resolves.not.toMatch(/is required|must be|must not/);
    await page.context().close();
  });

  it('asks before cancelling a conference, for the reason every site then sees', async () => {
    const api = new Api(meeting.url).as(await meeting.login('chutri', DEMO_PASSWORD));
    const [demo] = (await api.get<ConferenceSummary[]>('/conferences')).body;
    const created = await api.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị sơ kết (dự kiến)', kind: 'review', hostUnitId: demo.hostUnitId,
      plannedStart: '2027-01-05T01:00:00Z', plannedEnd: '2027-01-05T04:00:00Z',
      sites: [{ key: 'main', name: 'Hội trường', place: 'Cao Lãnh', orgUnitId: demo.hostUnitId, isMain: true }], agenda: [],
    });
    await chair.goto(`${meeting.url}/conferences/${created.body.conference.id}`);
    await chair.getByTestId('action-cancel').click();
    const dialog = chair.getByTestId('confirm-dialog');
    await expect(dialog.textContent()).resolves.toContain('Hủy hội nghị? Không thể hoàn tác');
    await expect(dialog.getByTestId('confirm-yes').isDisabled()).resolves.toBe(true);
    await dialog.getByTestId('confirm-reason').fill('Hoãn theo chỉ đạo của Thường trực Tỉnh ủy');
    await dialog.getByTestId('confirm-yes').click();
    const banner = chair.locator('[data-testid="status-banner"][data-status="cancelled"]');
    await banner.waitFor({ timeout: 3000 });
    await expect(banner.textContent()).resolves.toContain('Lý do: Hoãn theo chỉ đạo của Thường trực Tỉnh ủy');
    await chair.goBack();
  });

  it('reads the conference log in Vietnamese, filtered by action, and the notices of every conference on the list page', async () => {
    const api = new Api(meeting.url).as(await meeting.login('chutri', DEMO_PASSWORD));
    const demo = (await api.get<ConferenceSummary[]>('/conferences')).body.find((c) => c.status === 'live')!;
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' })).newPage();
    await logIn(page, 'chutri');
    await page.goto(`${meeting.url}/conferences/${demo.id}/audit`);
    await page.getByTestId('audit-entry').first().waitFor();
    await expect(page.getByTestId('audit-list').textContent()).resolves.toContain('Mời phát biểu');
    await page.getByTestId('audit-action').selectOption('floor.limit');
    await page.getByTestId('audit-apply').click();
    await page.locator('[data-testid="audit-entry"][data-action="floor.limit"]').first().waitFor();
    expect(await page.locator('[data-testid="audit-entry"]:not([data-action="floor.limit"])').count()).toBe(0);
    await expect(page.getByTestId('audit-list').textContent()).resolves.toContain('Đặt thời gian phát biểu');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-1280x720.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-390x844.png') });
    await page.context().close();

    // The operator's phone: the notices on the list page, the start of the demo conference unread.
    await operator.goto(`${meeting.url}/`);
    await operator.locator('[data-testid="notice"][data-kind="started"][data-read="false"]').first().waitFor();
    // A notice arrives while the list is open, without a reload: the chair adjourns, then resumes.
    expect((await api.post(`/conferences/${demo.id}/adjourn`, { reason: 'Nghỉ giải lao 10 phút' })).status).toBe(200);
    await operator.locator('[data-testid="notice"][data-kind="adjourned"][data-read="false"]').first().waitFor({ timeout: 5000 });
    await expect(operator.getByTestId('notices-unread').textContent()).resolves.toMatch(/chưa đọc/);
    expect((await api.post(`/conferences/${demo.id}/resume`)).status).toBe(200);
    await operator.locator('[data-testid="notice"][data-kind="resumed"]').first().waitFor({ timeout: 5000 });
    await operator.screenshot({ path: join(SCREENSHOTS, 'notices-390x844.png') });
    await operator.goBack();
    await operator.getByTestId('connection-status').and(operator.locator('[data-state="live"]')).waitFor();
  });

  it('speaks English when asked, without losing the live state', async () => {
    await operator.getByTestId('lang-toggle').click();
    await expect(operator.getByTestId('request-floor').or(operator.getByTestId('floor-holder')).first().isVisible()).resolves.toBe(true);
    await expect(operator.locator('body').textContent()).resolves.toMatch(/Floor|Attendance|Agenda/);
    await operator.screenshot({ path: join(SCREENSHOTS, 'site-view-en.png'), fullPage: true });
  });
});
