// Ballots while Redis is down: a ballot is acknowledged only once committed in PostgreSQL (never
// acknowledged and lost), the poll can be closed and is even counted (the worker's sweep reads
// PostgreSQL), and when Redis is back everyone sees the turnout and the published result.
import type { ChildProcess } from 'node:child_process';
import type { PollView } from '@hoinghi/contracts';
import { votingConference } from '../support/electorate';
import { LiveClient } from '../support/live-client';
import { MeetingHarness } from '../support/meeting-harness';
import { freePort, startRedis, stopRedis, waitFor } from '../support/redis-server';
import { WorkerProcess } from '../support/worker-process';

describe('ballots while Redis is down', () => {
  let port: number;
  let redis: ChildProcess | null = null;
  let meeting: MeetingHarness;
  let worker: WorkerProcess;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    meeting = await MeetingHarness.start({ redisUrl: `redis://127.0.0.1:${port}`, relaySweepMs: 200 });
    worker = await WorkerProcess.start({ REDIS_URL: `redis://127.0.0.1:${port}`, BALLOT_SWEEP_MS: '300' });
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await meeting?.stop();
    redis?.kill('SIGKILL');
  });

  it('acknowledges only committed ballots, counts them, and tells everyone once Redis is back', async () => {
    const vc = await votingConference(meeting, `rb${Date.now().toString(36)}`, [4, 4], 8);
    const poll = await vc.createPoll({ kind: 'confidence', title: 'Lấy phiếu tín nhiệm', options: ['Đồng chí A'] });
    expect((await vc.chair.post(vc.path(`/polls/${poll.id}/open`))).status).toBe(200);
    const district = await LiveClient.join(await meeting.connect(vc.operators[1].token!), vc.conferenceId);

    await stopRedis(port, redis!);
    redis = null;
    const levels = ['low', 'low', 'low', 'low', 'low', 'high', 'medium', 'high'];
    const answers = await Promise.all(vc.electors.map((e, i) => vc.cast(e.api, poll.id, { ratings: [{ optionId: poll.options[0].id, level: levels[i] }] })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    // Acknowledged means committed: each voter mark and its sealed ballot are in PostgreSQL now.
    const [stored] = await meeting.dataSource.query(
      `SELECT (SELECT count(*) FROM poll_voters WHERE poll_id = $1)::int AS voters, (SELECT count(*) FROM ballot_box WHERE poll_id = $1)::int AS sealed`, [poll.id],
    );
    expect(stored).toEqual({ voters: 8, sealed: 8 });
    const closed = await vc.chair.post<PollView>(vc.path(`/polls/${poll.id}/close`));
    expect(closed.status).toBe(200); // committed; its count job waits in the outbox, the worker's sweep counts it anyway
    await waitFor(async () => (await meeting.dataSource.query('SELECT status FROM polls WHERE id = $1', [poll.id]))[0].status === 'published', 15_000);
    expect(district.snapshot.polls.items.find((p) => p.id === poll.id)?.status).toBe('open'); // nothing reached the sites yet

    redis = await startRedis(port);
    const seen = await district.until((s) => s.polls.items.some((p) => p.id === poll.id && p.status === 'published'), 20_000);
    const result = seen.polls.items.find((p) => p.id === poll.id)!.result!;
    if (result.kind !== 'confidence') throw new Error('confidence');
    // 5 of an electorate of 8 rated low: more than half, not two thirds (6).
    expect(result).toMatchObject({ cast: 8, baseCount: 8 });
    expect(result.officials[0]).toMatchObject({ counts: { high: 2, medium: 1, low: 5 }, lowOverHalf: true, lowTwoThirds: false, percents: { low: 62.5 } });
  });
});
