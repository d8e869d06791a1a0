// The demo conference (seed 004) adopts its three targets by open vote: every delegate of the 13 sites
// checked in, each target opened, voted, closed and published as passed — on the seeded data, with
// the worker as a process.
import type { MinutesVersionView, ParticipantView, PollView } from '@hoinghi/contracts';
import { UserEntity } from '@hoinghi/database';
import { accessToken } from '../bench/support';
import { DEMO_TARGETS, seedDemo } from '../apps/meeting/src/demo/seed-demo';
import { until } from './support/electorate';
import { Api, MeetingHarness } from './support/meeting-harness';
import { testAppDatabaseUrl, testDatabaseUrl } from './support/test-config';
import { WorkerProcess } from './support/worker-process';

describe('the demo conference adopts its three targets by open vote', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 }, { ownDatabase: 'demo_votes' });
    await seedDemo(meeting.app);
    worker = await WorkerProcess.start({ DATABASE_URL: testAppDatabaseUrl(`${testDatabaseUrl()}_demo_votes`), BALLOT_SWEEP_MS: '300' });
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('checks everyone in, and passes each target with more than half of the whole electorate', async () => {
    const users = await meeting.dataSource.getRepository(UserEntity).find();
    const as = (username: string) => new Api(meeting.url, accessToken(users.find((u) => u.username === username)!.id));
    const chair = as('chutri');
    const [{ id: conferenceId }] = (await chair.get<Array<{ id: string }>>('/conferences')).body;
    const path = (rest: string) => `/conferences/${conferenceId}${rest}`;
    expect((await chair.post(path('/start'))).status).toBe(200);

    const polls = (await chair.get<PollView[]>(path('/polls'))).body;
    expect(polls.map((p) => [p.kind, p.status, p.title])).toEqual(DEMO_TARGETS.map((t) => ['open', 'draft', `Thông qua chỉ tiêu: ${t}`]));
    expect(polls[0].labels).toEqual({ yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' });

    const delegates = (await chair.get<ParticipantView[]>(path('/participants'))).body.filter((p) => p.role === 'delegate');
    expect(delegates).toHaveLength(39);
    const operatorOf = new Map((await chair.get<ParticipantView[]>(path('/participants'))).body
      .filter((p) => p.role === 'site_operator').map((p) => [p.siteId, new Api(meeting.url, accessToken(p.userId))]));
    for (const d of delegates) {
      expect((await operatorOf.get(d.siteId)!.put(path(`/sites/${d.siteId}/attendance/${d.id}`), { status: 'present' })).status).toBe(200);
    }

    for (const poll of polls) {
      expect((await chair.post<PollView>(path(`/polls/${poll.id}/open`))).body).toMatchObject({ status: 'open', electorate: { electorate: 39, presentAtOpen: 39 } });
      const answers = await Promise.all(delegates.map((d, i) => new Api(meeting.url, accessToken(d.userId))
        .post(path(`/polls/${poll.id}/ballots`), { idempotencyKey: `${poll.id}-${d.id}`, choice: i < 36 ? 'yes' : i < 38 ? 'no' : 'abstain' })));
      expect(answers.every((a) => a.status === 202)).toBe(true);
      expect((await chair.post(path(`/polls/${poll.id}/close`))).status).toBe(200);
    }
    const done = await until(() => chair.get<PollView[]>(path('/polls')).then((r) => r.body), (list) => list.every((p) => p.status === 'published'), 20_000);
    for (const poll of done) {
      expect(poll.result).toMatchObject({ kind: 'open', passed: true, baseCount: 39, required: 20, counts: { yes: 36, no: 2, abstain: 1 }, percents: { yes: 92.31 } });
    }
    // The minutes cite each result, linked to its poll and agenda item (the secretary's draft reads them live).
    const minutes = (await as('thuky').get<MinutesVersionView>(path('/minutes'))).body;
    expect(minutes.facts.votes.map((v) => [v.pollId, v.title, v.kind, v.secret, v.result.kind === 'open' && v.result.passed])).toEqual(
      expect.arrayContaining(done.map((p) => [p.id, p.title, 'open', false, true])),
    );
    expect(minutes.facts.votes).toHaveLength(3);
  });
});
