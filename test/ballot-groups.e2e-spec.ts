// Ballots cast in groups (BallotBox, cast_ballots): a concurrent, mixed burst into one poll goes as one
// group — valid ballots, a late voter, one voter twice at once with two keys, a client's resend at once
// and after an earlier answer, a disabled account, a voter not present, someone outside the electorate,
// a wrong choice — and every caller gets exactly its own answer, only once its group has committed; the
// counts are exact.
import type { PollView } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { until, votingConference, VotingConference } from './support/electorate';
import { MeetingHarness } from './support/meeting-harness';
import { sendBehindPollLock } from './support/poll-lock';
import { testDatabaseUrl } from './support/test-config';
import { WorkerProcess } from './support/worker-process';

describe('ballots cast in groups', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;
  let vc: VotingConference;
  let admin: Client;
  const run = `bg${Date.now().toString(36)}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 });
    // 20 voters at two districts, 16 checked in (the quorum of two thirds is 14).
    vc = await votingConference(meeting, run, [10, 10], 16);
    worker = await WorkerProcess.start({ BALLOT_SWEEP_MS: '500' });
    admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('answers each member of a mixed burst with its own answer, after its group commits, and counts exactly', async () => {
    const poll = await vc.createPoll({ kind: 'open', title: 'Thông qua chỉ tiêu kết nạp đảng viên mới' });
    expect((await vc.chair.post(vc.path(`/polls/${poll.id}/open`))).status).toBe(200);
    const e = vc.electors;
    // Voted before the burst: resent in it, with the same key.
    const earlierKey = randomUUID();
    const earlier = await vc.cast(e[13].api, poll.id, { idempotencyKey: earlierKey, choice: 'yes' });
    expect(earlier.status).toBe(202);
    await vc.checkIn(e[16]); // a late voter
    await meeting.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [e[15].userId]);
    const newcomer = await meeting.convene(vc.chair, vc.conferenceId, `${run}.muon`, 'Đại biểu đến sau', 'delegate', vc.siteIds[0]);

    const choiceOf = (i: number) => (['yes', 'yes', 'no', 'abstain'] as const)[i % 4];
    const sameKey = randomUUID();
    const burst: Array<{ who: string; send: () => ReturnType<VotingConference['cast']> }> = [
      ...e.slice(0, 11).map((elector, i) => ({ who: `valid ${i}`, send: () => vc.cast(elector.api, poll.id, { choice: choiceOf(i) }) })),
      { who: 'late voter', send: () => vc.cast(e[16].api, poll.id, { choice: 'no' }) },
      { who: 'twice, yes', send: () => vc.cast(e[11].api, poll.id, { choice: 'yes' }) },
      { who: 'twice, no', send: () => vc.cast(e[11].api, poll.id, { choice: 'no' }) },
      { who: 'same key, first', send: () => vc.cast(e[12].api, poll.id, { idempotencyKey: sameKey, choice: 'abstain' }) },
      { who: 'same key, again', send: () => vc.cast(e[12].api, poll.id, { idempotencyKey: sameKey, choice: 'abstain' }) },
      { who: 'resend', send: () => vc.cast(e[13].api, poll.id, { idempotencyKey: earlierKey, choice: 'yes' }) },
      { who: 'wrong choice', send: () => vc.cast(e[14].api, poll.id, { choice: 'maybe' }) },
      { who: 'disabled', send: () => vc.cast(e[15].api, poll.id, { choice: 'yes' }) },
      { who: 'not present', send: () => vc.cast(e[17].api, poll.id, { choice: 'yes' }) },
      { who: 'not an elector', send: () => vc.cast(newcomer.api, poll.id, { choice: 'yes' }) },
    ];
    const { answers, answeredWhileHeld } = await sendBehindPollLock(admin, poll.id, burst.map((b) => b.send));
    const answer = Object.fromEntries(burst.map((b, i) => [b.who, answers[i]]));
    const heldBack = Object.fromEntries(burst.map((b, i) => [b.who, answeredWhileHeld[i]]));

    // Only the wrong choice was answered before a group committed: it never reaches one.
    expect(Object.entries(heldBack).filter(([, early]) => early).map(([who]) => who)).toEqual(['wrong choice']);
    expect(answer['wrong choice'].body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', fields: { choice: [expect.any(String)] } });

    for (let i = 0; i < 11; i += 1) expect(answer[`valid ${i}`]).toMatchObject({ status: 202, body: { pollId: poll.id, status: 'recorded', receiptId: expect.any(String) } });
    expect(answer['late voter'].status).toBe(202);
    const twice = [answer['twice, yes'], answer['twice, no']];
    expect(twice.map((t) => t.status).sort()).toEqual([202, 409]);
    expect(twice.find((t) => t.status === 409)!.body).toMatchObject({ error: 'ALREADY_VOTED', message: 'You have already voted in this poll: each voter has one ballot.' });
    const winner = answer['twice, yes'].status === 202 ? 'yes' : 'no';
    expect([answer['same key, first'].status, answer['same key, again'].status]).toEqual([202, 202]);
    expect(answer['same key, again'].body.receiptId).toBe(answer['same key, first'].body.receiptId);
    expect(answer.resend).toMatchObject({ status: 202, body: { receiptId: earlier.body.receiptId } });
    expect(answer.disabled.body).toMatchObject({ statusCode: 401, error: 'ACCOUNT_DISABLED' });
    expect(answer['not present'].body).toMatchObject({ statusCode: 409, error: 'ELECTOR_NOT_PRESENT' });
    expect(answer['not an elector'].body).toMatchObject({ statusCode: 403, error: 'NOT_AN_ELECTOR' });
    const receipts = [...burst.keys()].filter((i) => answers[i].status === 202).map((i) => answers[i].body.receiptId);
    expect(new Set(receipts).size).toBe(receipts.length - 1); // the same key's two answers are one receipt

    // The ballots that met behind the lock went together: one transaction wrote most voter marks.
    const groups = (await admin.query('SELECT count(*)::int AS n FROM poll_voters WHERE poll_id = $1 GROUP BY xmin::text ORDER BY n DESC', [poll.id])).rows;
    expect(groups.reduce((sum, g) => sum + g.n, 0)).toBe(15);
    expect(groups[0].n).toBeGreaterThanOrEqual(10);

    // 11 valid (6 yes, 3 no, 2 abstain), the late voter's no, one of the double's, the same key's abstain, the earlier yes.
    expect((await vc.chair.post<PollView>(vc.path(`/polls/${poll.id}/close`))).body).toMatchObject({ status: 'closed', turnout: { voted: 15 } });
    const done = await until(() => vc.chair.get<PollView[]>(vc.path('/polls')).then((r) => r.body.find((p) => p.id === poll.id)!), (p) => p.status === 'published', 20_000);
    expect(done.result).toMatchObject({
      kind: 'open', cast: 15, lateVoters: 1, counts: { yes: 7 + (winner === 'yes' ? 1 : 0), no: 4 + (winner === 'no' ? 1 : 0), abstain: 3 },
    });
    const chosen = (await admin.query('SELECT pa.user_id AS "userId", v.choice FROM poll_voters v JOIN participants pa ON pa.id = v.participant_id WHERE v.poll_id = $1', [poll.id])).rows;
    expect(chosen.find((v) => v.userId === e[11].userId)?.choice).toBe(winner);
    expect(chosen.some((v) => [e[14], e[15], e[17]].some((x) => x.userId === v.userId))).toBe(false);
  });
});
