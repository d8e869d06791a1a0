/// <reference lib="dom" />
// Votes in Debian's Chromium on the demo conference (seed 004): the chair opens the vote on a target
// from the console, a delegate votes on a phone with a big button and gets a receipt, the chair's live
// tally moves, the district's operator sees who has not voted, and closing shows the result everywhere.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ConferenceSnapshot, ParticipantView, PollView } from '@hoinghi/contracts';
import { UserEntity } from '@hoinghi/database';
import { mkdirSync } from 'node:fs';
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

describe('votes in Chromium', () => {
  let meeting: MeetingHarness;
  let worker: INestApplicationContext;
  let browser: Browser;
  let chair: Page;
  let delegate: Page;
  let operator: Page;
  let api: Api;
  let conferenceId: string;
  let delegates: Api[];

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ webDistDir: join(__dirname, '..', '..', 'dist', 'web') }, { ownDatabase: 'browser_votes' });
    await seedDemo(meeting.app);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadWorkerConfig({
      NODE_ENV: 'test', DATABASE_URL: testAppDatabaseUrl(`${testDatabaseUrl()}_browser_votes`), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      BALLOT_SWEEP_MS: '300',
    })), { logger: ['error'] });
    await worker.init();
    // The conference is live and every delegate checked in (through the API: this test is about voting).
    const users = await meeting.dataSource.getRepository(UserEntity).find();
    const as = (username: string) => new Api(meeting.url, accessToken(users.find((u) => u.username === username)!.id));
    api = as('chutri');
    const [{ id }] = (await api.get<Array<{ id: string }>>('/conferences')).body;
    conferenceId = id;
    await api.post(`/conferences/${id}/start`);
    const participants = (await api.get<ParticipantView[]>(`/conferences/${id}/participants`)).body;
    const operators = new Map(participants.filter((p) => p.role === 'site_operator').map((p) => [p.siteId, new Api(meeting.url, accessToken(p.userId))]));
    delegates = participants.filter((p) => p.role === 'delegate').map((p) => new Api(meeting.url, accessToken(p.userId)));
    for (const d of participants.filter((p) => p.role === 'delegate')) {
      await operators.get(d.siteId)!.put(`/conferences/${id}/sites/${d.siteId}/attendance/${d.id}`, { status: 'present' });
    }
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    chair = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })).newPage();
    const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' };
    delegate = await (await browser.newContext(phone)).newPage();
    operator = await (await browser.newContext(phone)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await meeting?.stop();
  });

  const logIn = (page: Page, username: string) => logInAs(page, meeting.url, username, DEMO_PASSWORD);

  it('takes a delegate\'s vote from a phone to the chair\'s live tally, and shows the result everywhere', async () => {
    await Promise.all([logIn(chair, 'chutri'), logIn(delegate, 'daibieu.tpcaolanh.1'), logIn(operator, 'vanhanh.tpcaolanh')]);
    const target = chair.getByTestId('poll').first();
    await target.getByTestId('poll-open').click();
    await target.and(chair.locator('[data-status="open"]')).waitFor();

    // The delegate's phone shows the open vote with big buttons; one press, a receipt.
    const ballot = delegate.getByTestId('poll').and(delegate.locator('[data-status="open"]'));
    await ballot.getByTestId('ballot-yes').scrollIntoViewIfNeeded();
    await delegate.screenshot({ path: join(SCREENSHOTS, 'vote-delegate-ballot.png') });
    await ballot.getByTestId('ballot-yes').click();
    await ballot.getByTestId('ballot-receipt').waitFor();
    await delegate.screenshot({ path: join(SCREENSHOTS, 'vote-delegate-phone.png') });

    // The chair's tally counts it live; the district's operator sees who at the site has not voted (two of three).
    await target.getByTestId('poll-tally').locator('[data-choice="yes"] strong').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await chair.screenshot({ path: join(SCREENSHOTS, 'vote-chair-tally.png') });
    const notVoted = operator.getByTestId('poll-not-voted');
    await notVoted.locator('li').nth(1).waitFor();
    expect(await notVoted.locator('li').count()).toBe(2);
    expect(await operator.getByTestId('poll-tally').count()).toBe(0); // sites see turnout, not the tally
    await operator.getByTestId('poll-turnout').filter({ hasText: '1/39' }).waitFor({ timeout: 10_000 });

    // Closing publishes the result: 1 of 39 is not more than half.
    await target.getByTestId('poll-close').click();
    await delegate.getByTestId('poll-verdict').filter({ hasText: 'Không được thông qua' }).waitFor({ timeout: 15_000 });
    await chair.getByTestId('poll-verdict').first().waitFor();
  });

  it('shows the chair a tie at the last seat and prepares the re-vote among the tied candidates from it', async () => {
    const path = (rest: string) => `/conferences/${conferenceId}${rest}`;
    const [item] = (await api.get<ConferenceSnapshot>(path(''))).body.agenda;
    const poll = (await api.post<PollView>(path('/polls'), {
      agendaItemId: item.id, kind: 'election', title: 'Bầu 2 Ủy viên Ban Thường vụ', options: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'], maxChoices: 2,
    })).body;
    expect((await api.post(path(`/polls/${poll.id}/open`))).status).toBe(200);
    // 39 delegates, two names each, evenly: all three get 26 of 39 (more than half) — three tied for two seats.
    const [a, b, c] = poll.options.map((o) => o.id);
    const pairs = [[a, b], [b, c], [a, c]];
    const cast = await Promise.all(delegates.map((d, i) => d.post(path(`/polls/${poll.id}/ballots`), { idempotencyKey: crypto.randomUUID(), selected: pairs[i % 3] })));
    expect(cast.every((x) => x.status === 202)).toBe(true);
    expect((await api.post(path(`/polls/${poll.id}/close`))).status).toBe(200);

    const card = chair.getByTestId('poll').and(chair.locator(`[data-id="${poll.id}"]`));
    await card.getByTestId('poll-tie').filter({ hasText: 'Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường' }).waitFor({ timeout: 15_000 });
    expect(await delegate.getByTestId('poll-runoff-form').count()).toBe(0); // the chair's to decide
    await card.getByTestId('poll-runoff-create').scrollIntoViewIfNeeded();
    await chair.screenshot({ path: join(SCREENSHOTS, 'vote-chair-tie.png') });
    await card.getByTestId('poll-runoff-create').click();

    // The re-vote appears as a draft election of the three for two seats, named after the tie; the form gives way to its name.
    const revote = chair.getByTestId('poll').filter({ has: chair.getByTestId('poll-runoff-of') });
    await revote.getByTestId('poll-open').waitFor({ timeout: 10_000 });
    expect(await revote.locator('.poll__title').textContent()).toBe('Bầu lại: Bầu 2 Ủy viên Ban Thường vụ');
    await card.getByTestId('poll-runoff').filter({ hasText: 'Bầu lại: Bầu 2 Ủy viên Ban Thường vụ' }).waitFor();
    const made = (await api.get<PollView[]>(path('/polls'))).body.find((p) => p.runoffOf === poll.id)!;
    expect(made).toMatchObject({ kind: 'election', status: 'draft', maxChoices: 2 });
    expect(made.options.map((o) => o.label)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']);
  });
});
