/// <reference lib="dom" />
// Minutes in Debian's Chromium on the demo conference (seed 004): the secretary, beside the live agenda
// (the item in progress, the chair's reason for a skipped one), inserts a speaker from the floor log in
// one click and submits, the chair approves and publishes, a district's operator reads
// the published minutes on a phone and downloads the PDF the worker renders.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ConferenceSnapshot, FloorRequestView, ParticipantView } from '@hoinghi/contracts';
import { UserEntity } from '@hoinghi/database';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { accessToken } from '../../bench/support';
import { DEMO_PASSWORD, seedDemo } from '../../apps/meeting/src/demo/seed-demo';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker-config';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { launchChromium, logIn as logInAs } from '../support/browser';
import { Api, MeetingHarness } from '../support/meeting-harness';
import { testAppDatabaseUrl, testDatabaseUrl } from '../support/test-config';

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const SKIPPED = 'Tài liệu chưa gửi đủ đến các điểm cầu';

describe('minutes in Chromium', () => {
  let meeting: MeetingHarness;
  let worker: INestApplicationContext;
  let browser: Browser;
  let secretary: Page;
  let chair: Page;
  let operator: Page;
  let conferenceId: string;

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ webDistDir: join(__dirname, '..', '..', 'dist', 'web') }, { ownDatabase: 'browser_minutes' });
    await seedDemo(meeting.app);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadWorkerConfig({
      NODE_ENV: 'test', DATABASE_URL: testAppDatabaseUrl(`${testDatabaseUrl()}_browser_minutes`), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    })), { logger: ['error'] });
    await worker.init();
    // Held through the API (this test is about the minutes): started, a delegate of Cao Lãnh speaks.
    const users = await meeting.dataSource.getRepository(UserEntity).find();
    const as = (username: string) => new Api(meeting.url, accessToken(users.find((u) => u.username === username)!.id));
    const api = as('chutri');
    [{ id: conferenceId }] = (await api.get<Array<{ id: string }>>('/conferences')).body;
    await api.post(`/conferences/${conferenceId}/start`);
    await api.post(`/conferences/${conferenceId}/agenda/next`, { expectedActiveItemId: null });
    const participants = (await api.get<ParticipantView[]>(`/conferences/${conferenceId}/participants`)).body;
    const speaker = participants.find((p) => p.role === 'delegate' && users.find((u) => u.id === p.userId)!.username === 'daibieu.tpcaolanh.2')!;
    const request = await as('vanhanh.tpcaolanh').post<FloorRequestView>(`/conferences/${conferenceId}/floor/requests`, { siteId: speaker.siteId, participantId: speaker.id });
    await api.post(`/conferences/${conferenceId}/floor/requests/${request.body.id}/grant`);
    await api.post(`/conferences/${conferenceId}/floor/end`);
    // The chair skips the second item, saying why: the secretary sees it under the item.
    const [, second] = (await api.get<ConferenceSnapshot>(`/conferences/${conferenceId}`)).body.agenda;
    expect((await api.post(`/conferences/${conferenceId}/agenda/${second.id}/skip`, { expectedState: 'pending', reason: SKIPPED })).status).toBe(200);

    browser = await launchChromium();
    const laptop = { viewport: { width: 1280, height: 720 }, locale: 'vi-VN' };
    secretary = await (await browser.newContext(laptop)).newPage();
    chair = await (await browser.newContext(laptop)).newPage();
    operator = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN', acceptDownloads: true })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await meeting?.stop();
  });

  const logIn = (page: Page, username: string) => logInAs(page, meeting.url, username, DEMO_PASSWORD);
  const openMinutes = (page: Page) => page.goto(`${meeting.url}/conferences/${conferenceId}/minutes`);

  it('goes from the secretary\'s speaker and conclusion, through the chair\'s approval, to a district\'s download', async () => {
    await Promise.all([logIn(secretary, 'thuky'), logIn(chair, 'chutri'), logIn(operator, 'vanhanh.tpcaolanh')]);
    await openMinutes(secretary);
    const item = secretary.getByTestId('minutes-item').first();
    // Beside the live agenda: the item in progress says so; the skipped one shows the chair's reason.
    expect(await item.getByTestId('minutes-item-state').getAttribute('data-state')).toBe('active');
    expect(await secretary.getByTestId('minutes-item').nth(1).getByTestId('minutes-item-changes').textContent()).toContain(SKIPPED);
    // One click from the floor log: the speaker's full name and site come in.
    const log = item.getByTestId('minutes-floor-log');
    await log.focus();
    await log.locator('option', { hasText: 'Điểm cầu Thành phố Cao Lãnh' }).waitFor({ state: 'attached' });
    const value = await log.locator('option', { hasText: 'Điểm cầu Thành phố Cao Lãnh' }).getAttribute('value');
    await log.selectOption(value!);
    await item.getByTestId('minutes-add-speaker').click();
    await item.getByTestId('minutes-speaker').filter({ hasText: 'Điểm cầu Thành phố Cao Lãnh' }).waitFor();
    await item.getByTestId('minutes-conclusion').fill('Thống nhất chương trình hội nghị; giao Văn phòng Tỉnh ủy tổng hợp ý kiến.');
    await item.getByTestId('minutes-save').click();
    await item.locator('.minutes-item__edited').waitFor();
    await secretary.screenshot({ path: join(SCREENSHOTS, 'minutes-editor-1280x720.png') });
    await secretary.getByTestId('minutes-submit').click();
    await secretary.locator('[data-testid="minutes-page"][data-status="submitted"]').waitFor();

    // The chair approves and publishes (after a confirmation).
    await openMinutes(chair);
    await chair.getByTestId('minutes-approve').click();
    chair.once('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('minutes-publish').click();
    await chair.locator('[data-testid="minutes-page"][data-status="published"]').waitFor();
    const hash = (await chair.getByTestId('minutes-hash').locator('code').textContent())!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // A district's operator reads them on a phone, with the same hash, and downloads the PDF.
    await openMinutes(operator);
    await operator.locator('[data-testid="minutes-page"][data-status="published"]').waitFor();
    expect(await operator.getByTestId('minutes-hash').locator('code').textContent()).toBe(hash);
    expect(await operator.getByTestId('minutes-item').first().textContent()).toContain('giao Văn phòng Tỉnh ủy tổng hợp ý kiến');
    await operator.screenshot({ path: join(SCREENSHOTS, 'minutes-published-390x844.png'), fullPage: false });
    const [download] = await Promise.all([
      operator.waitForEvent('download', { timeout: 60_000 }),
      operator.getByTestId('minutes-download-pdf').click(),
    ]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    // The first page of the demo's minutes, as a district prints it.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', (await download.path())!, join(SCREENSHOTS, 'minutes-demo-page1')]);
  });
});
