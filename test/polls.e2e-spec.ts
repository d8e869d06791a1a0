// Votes and ballots end to end, on the real PostgreSQL, Redis and a worker process: a poll opens only
// with its quorum, the chair sees an open vote's tally live while sites see only turnout, closing
// publishes an immutable result everywhere; one ballot per voter, held by the database also at the
// same instant; every acknowledged ballot counted exactly once when the worker is killed mid-burst.
import { JobName, QueueName, type CountPollResult, type PollJob, type PollView, type PollVoterView } from '@hoinghi/contracts';
import Queue from 'bull';
import { randomUUID } from 'node:crypto';
import { LiveClient } from './support/live-client';
import { Elector, until, votingConference, VotingConference } from './support/electorate';
import { Api, MeetingHarness } from './support/meeting-harness';
import { REDIS_URL, WorkerProcess } from './support/worker-process';

const SWEEPS = { BALLOT_SWEEP_MS: '500' };

describe('votes and ballots', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;
  let vc: VotingConference;
  let observer: Api;
  const run = `pv${Date.now().toString(36)}`;

  const polls = () => vc.chair.get<PollView[]>(vc.path('/polls')).then((r) => r.body);
  const pollOf = async (id: string) => (await polls()).find((p) => p.id === id)!;
  const published = (id: string) => until(() => pollOf(id), (p) => p.status === 'published', 20_000);
  const open = (id: string) => vc.chair.post<PollView>(vc.path(`/polls/${id}/open`));
  const close = (id: string) => vc.chair.post<PollView>(vc.path(`/polls/${id}/close`));
  const present = (from: number, to: number) => vc.electors.slice(from, to);

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 });
    // 12 voters at district 1, 12 at district 2; 15 of 24 checked in: one short of two thirds.
    vc = await votingConference(meeting, run, [12, 12], 15);
    const user = await meeting.createUser(`${run}.quansat`, 'Phóng viên');
    await vc.chair.post(vc.path('/participants'), { userId: user.id, role: 'observer' });
    observer = vc.chair.as(await meeting.login(`${run}.quansat`));
    worker = await WorkerProcess.start(SWEEPS);
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('opens an open vote only with two thirds present, shows the chair the tally live and sites only turnout, and publishes an immutable result', async () => {
    const poll = await vc.createPoll({ kind: 'open', title: 'Thông qua chỉ tiêu: 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên' });
    expect(poll).toMatchObject({ status: 'draft', secret: false, base: 'electorate', threshold: 'more_than_half', labels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' } });
    expect((await vc.cast(vc.electors[0].api, poll.id, { choice: 'yes' })).body).toMatchObject({ error: 'POLL_NOT_OPEN' });

    const refused = await open(poll.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'QUORUM_NOT_MET', message: 'The poll cannot open: 15 of 24 voters are present, 16 are needed (2/3).' });
    await vc.checkIn(vc.electors[15]);
    await vc.checkIn(vc.electors[16], 'absent', 'Đi công tác, có báo cáo');
    const district = await LiveClient.join(await meeting.connect(vc.operators[2].token!), vc.conferenceId);
    const chairFeed = await LiveClient.join(await meeting.connect(vc.chair.token!), vc.conferenceId);
    const opened = await open(poll.id);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', electorate: { electorate: 24, excused: 1, presentAtOpen: 16 } });
    expect((await vc.chair.post(vc.path('/polls'), { agendaItemId: vc.itemId, kind: 'open', title: 'Khác' })).status).toBe(201);
    const other = (await polls()).find((p) => p.title === 'Khác')!;
    expect((await open(other.id)).body).toMatchObject({ error: 'ANOTHER_POLL_OPEN' });

    // 12 yes, 2 no, 2 abstain of the 16 present; a late voter checks in and votes no.
    const choices = [...Array(12).fill('yes'), 'no', 'no', 'abstain', 'abstain'];
    const answers = await Promise.all(present(0, 16).map((e, i) => vc.cast(e.api, poll.id, { choice: choices[i] })));
    expect(answers.map((a) => a.status)).toEqual(Array(16).fill(202));
    expect(answers[0].body).toEqual({ receiptId: expect.any(String), pollId: poll.id, status: 'recorded' });
    expect((await vc.cast(vc.electors[17].api, poll.id, { choice: 'yes' })).body).toMatchObject({ error: 'ELECTOR_NOT_PRESENT' });
    await vc.checkIn(vc.electors[17]);
    expect((await vc.cast(vc.electors[17].api, poll.id, { choice: 'no' })).status).toBe(202);

    const live = await chairFeed.until((s) => s.polls.tallies.some((t) => t.pollId === poll.id && t.counts.no === 3), 10_000);
    expect(live.polls.tallies.find((t) => t.pollId === poll.id)!.counts).toEqual({ yes: 12, no: 3, abstain: 2 });
    await district.until((s) => s.polls.items.some((p) => p.id === poll.id && p.turnout.voted === 17), 10_000);
    expect(district.snapshot.polls.tallies).toEqual([]);
    expect(district.received.some((d) => d.type === 'poll.tally')).toBe(false);

    // Who voted: the chair sees what; a site's staff see who at their site only; another site's staff nothing.
    const all = (await vc.chair.get<PollVoterView[]>(vc.path(`/polls/${poll.id}/voters`))).body;
    expect(all).toHaveLength(24);
    expect(all.filter((v) => v.voted)).toHaveLength(17);
    expect(all.find((v) => v.participantId === vc.electors[12].participantId)).toMatchObject({ voted: true, choice: 'no' });
    const siteTwo = vc.siteIds[1];
    const staff = await vc.operators[2].get<PollVoterView[]>(vc.path(`/polls/${poll.id}/voters?siteId=${siteTwo}`));
    expect(staff.body).toHaveLength(12);
    // Not voted at district 2: the excused absentee (16) and those never checked in (18–23).
    expect(staff.body.filter((v) => !v.voted).map((v) => v.participantId).sort()).toEqual([16, 18, 19, 20, 21, 22, 23].map((i) => vc.electors[i].participantId).sort());
    expect(staff.body.some((v) => 'choice' in v)).toBe(false);
    // An open vote: everyone convened sees who has not voted yet, but not what anyone chose.
    const seenByDelegate = await vc.electors[0].api.get<PollVoterView[]>(vc.path(`/polls/${poll.id}/voters`));
    expect(seenByDelegate.body.filter((v) => !v.voted)).toHaveLength(7);
    expect(seenByDelegate.body.some((v) => 'choice' in v)).toBe(false);

    // Closing publishes the result to every site: 12 of a base of 24 is not more than half.
    const closed = await close(poll.id);
    expect(closed.body).toMatchObject({ status: 'closed', turnout: { voted: 17 } });
    const result = (await district.until((s) => s.polls.items.some((p) => p.id === poll.id && p.status === 'published'), 20_000))
      .polls.items.find((p) => p.id === poll.id)!.result;
    expect(result).toMatchObject({
      kind: 'open', base: 'electorate', threshold: 'more_than_half', baseCount: 24, required: 13, passed: false, cast: 17, lateVoters: 1,
      counts: { yes: 12, no: 3, abstain: 2 }, percents: { yes: 50, no: 12.5, abstain: 8.33 },
      electorate: { electorate: 24, excused: 1, presentAtOpen: 16 },
    });

    // Immutable: the services' role may not touch a published result, nor change a published poll.
    await expect(meeting.dataSource.query(`UPDATE poll_results SET result = '{}' WHERE poll_id = $1`, [poll.id])).rejects.toThrow(/permission denied/);
    await expect(meeting.dataSource.query(`DELETE FROM poll_results WHERE poll_id = $1`, [poll.id])).rejects.toThrow(/permission denied/);
    await expect(meeting.dataSource.query(`UPDATE polls SET title = 'Sửa' WHERE id = $1`, [poll.id])).rejects.toThrow(/published and cannot change/);
    expect((await close(poll.id)).body).toMatchObject({ error: 'POLL_WRONG_STATE' });
    expect((await open(poll.id)).body).toMatchObject({ error: 'POLL_WRONG_STATE' });

    // The jobs run a second time: the count publishes nothing new, a tally of a closed poll does nothing; no delta either.
    const events = async () => (await meeting.dataSource.query('SELECT count(*)::int AS n FROM conference_events WHERE conference_id = $1', [vc.conferenceId]))[0].n as number;
    const before = await events();
    const queue = new Queue<PollJob>(QueueName.Ballots, REDIS_URL);
    try {
      const payload: PollJob = { v: 1, conferenceId: vc.conferenceId, pollId: poll.id };
      const count = await queue.add(JobName.CountPoll, payload, { removeOnComplete: true });
      expect(await count.finished() as CountPollResult).toEqual({ cast: 17, published: false });
      const tally = await queue.add(JobName.TallyPoll, payload, { removeOnComplete: true });
      expect(await tally.finished()).toBeNull();
    } finally {
      await queue.close();
    }
    expect(await events()).toBe(before);
    expect((await pollOf(poll.id)).result).toEqual(result);
  });

  it('refuses ballots clearly: after close, from a non-voter, for another poll, with a wrong choice (naming the field)', async () => {
    const poll = await vc.createPoll({ kind: 'confidence', title: 'Lấy phiếu tín nhiệm', options: ['Nguyễn Văn A, Bí thư', 'Trần Thị B, Phó Bí thư'], allowLateVoters: false });
    const [a, b] = poll.options.map((o) => o.id);
    expect((await open(poll.id)).status).toBe(200);
    const voter = vc.electors[0].api;
    const ratings = [{ optionId: a, level: 'high' }, { optionId: b, level: 'low' }];

    expect((await vc.cast(voter, poll.id, { ratings: [{ optionId: a, level: 'high' }] })).body)
      .toMatchObject({ statusCode: 400, error: 'BALLOT_INVALID', fields: { ratings: ['must rate every official: Trần Thị B, Phó Bí thư not rated'] } });
    expect((await vc.cast(voter, poll.id, { ratings: [...ratings, { optionId: a, level: 'low' }] })).body).toMatchObject({ fields: { 'ratings.2.optionId': ['rates an official a second time'] } });
    expect((await vc.cast(voter, poll.id, { ratings: [{ optionId: a, level: 'great' }, ratings[1]] })).body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { 'ratings.0.level': [expect.any(String)] } });
    expect((await vc.cast(voter, poll.id, { choice: 'yes' })).body).toMatchObject({ fields: { choice: ['is not part of a ballot in this poll (it takes ratings)'] } });
    expect((await voter.post(vc.path(`/polls/${poll.id}/ballots`), { ratings })).body).toMatchObject({ fields: { idempotencyKey: ['is required'] } });
    expect((await vc.cast(voter, randomUUID(), { ratings })).body).toMatchObject({ statusCode: 404, error: 'POLL_NOT_FOUND' });
    expect((await vc.cast(observer, poll.id, { ratings })).body).toMatchObject({ statusCode: 403, error: 'ROLE_FORBIDDEN' });
    expect((await vc.cast(vc.operators[1], poll.id, { ratings })).status).toBe(403);
    expect((await vc.cast(vc.chair, poll.id, { ratings })).status).toBe(403);
    // Not present when it opened, and this poll takes no late voters: checking in now does not help.
    await vc.checkIn(vc.electors[20]);
    expect((await vc.cast(vc.electors[20].api, poll.id, { ratings })).body).toMatchObject({ statusCode: 409, error: 'ELECTOR_NOT_PRESENT' });
    // Convened after the poll opened: not in its electorate.
    const user = await meeting.createUser(`${run}.muon`, 'Đại biểu đến sau');
    await vc.chair.post(vc.path('/participants'), { userId: user.id, role: 'delegate', siteId: vc.siteIds[0] });
    expect((await vc.cast(vc.chair.as(await meeting.login(`${run}.muon`)), poll.id, { ratings })).body).toMatchObject({ statusCode: 403, error: 'NOT_AN_ELECTOR' });

    // The ballot's own statement checks the account (the guard checks only the token there): a disabled
    // account, or a session ended by a password reset, casts nothing and is told why.
    const barred = vc.electors[5];
    const hasVoted = async () => (await meeting.dataSource.query(
      'SELECT count(*)::int AS n FROM poll_voters v JOIN participants p ON p.id = v.participant_id WHERE v.poll_id = $1 AND p.user_id = $2', [poll.id, barred.userId],
    ))[0].n as number;
    await meeting.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [barred.userId]);
    expect((await vc.cast(barred.api, poll.id, { ratings })).body).toMatchObject({ statusCode: 401, error: 'ACCOUNT_DISABLED' });
    await meeting.dataSource.query(`UPDATE users SET disabled_at = NULL, tokens_valid_from = now() + interval '2 seconds' WHERE id = $1`, [barred.userId]);
    expect((await vc.cast(barred.api, poll.id, { ratings })).body)
      .toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'This session ended when the password was reset; sign in again.' });
    expect((await vc.cast(barred.api.as('not.a.token'), poll.id, { ratings })).body).toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED' });
    expect(await hasVoted()).toBe(0);
    await meeting.dataSource.query('UPDATE users SET tokens_valid_from = NULL WHERE id = $1', [barred.userId]);

    // A secret ballot: who has voted is for the leaders and each site's staff (their own site), no one else.
    expect((await vc.operators[1].get(vc.path(`/polls/${poll.id}/voters?siteId=${vc.siteIds[1]}`))).status).toBe(403);
    expect((await vc.operators[1].get(vc.path(`/polls/${poll.id}/voters?siteId=${vc.siteIds[0]}`))).status).toBe(200);
    expect((await vc.electors[0].api.get(vc.path(`/polls/${poll.id}/voters?siteId=${vc.siteIds[0]}`))).status).toBe(403);
    expect((await vc.electors[0].api.get(vc.path(`/polls/${poll.id}/voters`))).status).toBe(403);
    // The same voter twice at the same instant on two meeting instances, different keys: one ballot, one 409 —
    // the database decides.
    const other = await MeetingHarness.start({ relaySweepMs: 200 });
    const onOther = new Api(other.url, vc.electors[0].api.token);
    const twice = await Promise.all([vc.cast(voter, poll.id, { ratings }), vc.cast(onOther, poll.id, { ratings: [{ optionId: a, level: 'low' }, ratings[1]] })])
      .finally(() => other.stop());
    expect(twice.map((t) => t.status).sort()).toEqual([202, 409]);
    expect(twice.find((t) => t.status === 409)!.body).toMatchObject({ error: 'ALREADY_VOTED', message: 'You have already voted in this poll: each voter has one ballot.' });
    // The same ballot sent twice at once (a client retrying), and again later: one receipt.
    const key = randomUUID();
    const same = await Promise.all([0, 1, 2].map(() => vc.cast(vc.electors[1].api, poll.id, { idempotencyKey: key, ratings })));
    expect(same.map((s) => s.status)).toEqual([202, 202, 202]);
    expect(new Set(same.map((s) => s.body.receiptId)).size).toBe(1);
    expect((await vc.electors[1].api.get(vc.path(`/polls/${poll.id}/receipt`))).body).toEqual(same[0].body);
    expect((await vc.electors[2].api.get(vc.path(`/polls/${poll.id}/receipt`))).status).toBe(404);

    expect((await close(poll.id)).status).toBe(200);
    expect((await vc.cast(vc.electors[2].api, poll.id, { ratings })).body).toMatchObject({ statusCode: 409, error: 'POLL_NOT_OPEN', message: 'This poll is closed: no more ballots are taken.' });
    // A resend after the close still answers its receipt.
    expect((await vc.cast(vc.electors[1].api, poll.id, { idempotencyKey: key, ratings })).body.receiptId).toBe(same[0].body.receiptId);
    const result = (await published(poll.id)).result!;
    expect(result).toMatchObject({ kind: 'confidence', cast: 2, baseCount: 24 });
    if (result.kind !== 'confidence') throw new Error('confidence');
    // Whichever of the two simultaneous ballots won, official B was rated low twice and A once high, once either.
    expect(result.officials[1]).toMatchObject({ counts: { high: 0, medium: 0, low: 2 }, lowOverHalf: false, lowTwoThirds: false });
    expect(result.officials[0].counts.high + result.officials[0].counts.low).toBe(2);
    expect(result.officials[0].counts.high).toBeGreaterThanOrEqual(1);
  });

  it('counts every acknowledged ballot exactly once when the worker is killed in the middle of a burst, resends included', async () => {
    const poll = await vc.createPoll({ kind: 'election', title: 'Bầu Ban Chấp hành', options: ['Ứng cử viên 1', 'Ứng cử viên 2', 'Ứng cử viên 3'], maxChoices: 2 });
    const [c1, c2, c3] = poll.options.map((o) => o.id);
    for (const e of vc.electors) if (vc.electors.indexOf(e) >= 15) await vc.checkIn(e);
    expect((await open(poll.id)).status).toBe(200);
    const choices = (i: number) => [[c1, c2], [c1], [c2, c3], []][i % 4];
    const receipts = new Map<Elector, string>();
    const keys = new Map<Elector, string>(vc.electors.map((e) => [e, randomUUID()]));
    const send = async (e: Elector) => {
      const answer = await vc.cast(e.api, poll.id, { idempotencyKey: keys.get(e), selected: choices(vc.electors.indexOf(e)) });
      if (answer.status !== 202) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
      receipts.set(e, answer.body.receiptId);
    };
    let next = 0;
    const sending = Promise.all(Array.from({ length: 3 }, async () => {
      while (next < vc.electors.length) {
        await send(vc.electors[next++]);
        await new Promise((r) => setTimeout(r, 100));
      }
    }));
    // Kill the worker (tallying as the bells ring) once a quarter of the burst is acknowledged.
    await until(async () => receipts.size, (n) => n >= 6, 10_000);
    await worker.kill('SIGKILL');
    expect(receipts.size).toBeLessThan(24); // still acknowledging
    await sending;
    // Resends after a "timeout": the same receipts, nothing new.
    for (const e of vc.electors.slice(0, 8)) {
      const again = await vc.cast(e.api, poll.id, { idempotencyKey: keys.get(e), selected: choices(vc.electors.indexOf(e)) });
      expect(again.body.receiptId).toBe(receipts.get(e));
    }
    expect((await close(poll.id)).body).toMatchObject({ status: 'closed', turnout: { voted: 24 } });
    worker = await WorkerProcess.start(SWEEPS);
    const result = (await published(poll.id)).result!;
    if (result.kind !== 'election') throw new Error('election');
    // 24 ballots: c1 chosen by 12 (i%4 in 0,1), c2 by 12 (0,2), c3 by 6; base 24 needs 13: nobody elected.
    expect(result.cast).toBe(24);
    expect(result.candidates.map((c) => [c.label, c.votes, c.outcome])).toEqual([
      ['Ứng cử viên 1', 12, 'not_elected'], ['Ứng cử viên 2', 12, 'not_elected'], ['Ứng cử viên 3', 6, 'not_elected'],
    ]);
    const [stored] = await meeting.dataSource.query(
      `SELECT (SELECT count(*) FROM ballots WHERE poll_id = $1)::int AS ballots, (SELECT count(*) FROM ballot_box WHERE poll_id = $1)::int AS boxed,
              (SELECT count(*) FROM poll_voters WHERE poll_id = $1)::int AS voters`, [poll.id],
    );
    expect(stored).toEqual({ ballots: 24, boxed: 0, voters: 24 });
  });

  it('resolves a tie at the last seat by a re-vote among the tied candidates, prepared by the chair, for the seats left', async () => {
    // Everyone checked in by the previous case: an electorate of 24 needs 13 votes to elect.
    const poll = await vc.createPoll({ kind: 'election', title: 'Bầu Ban Thường vụ', options: ['Ứng cử viên A', 'Ứng cử viên B', 'Ứng cử viên C'], maxChoices: 2 });
    const [a, b, c] = poll.options.map((o) => o.id);
    const runoff = (body: Record<string, unknown> = {}, who = vc.chair) => who.post<PollView>(vc.path(`/polls/${poll.id}/runoff`), body);
    expect((await open(poll.id)).status).toBe(200);
    // A 20, B 14, C 14: A elected; B and C tied for the one seat left.
    const choice = (i: number) => (i < 10 ? [a, b] : i < 14 ? [b, c] : [a, c]);
    const answers = await Promise.all(vc.electors.map((e, i) => vc.cast(e.api, poll.id, { selected: choice(i) })));
    expect(answers.map((x) => x.status)).toEqual(Array(24).fill(202));
    expect((await runoff()).body).toMatchObject({ statusCode: 409, error: 'POLL_NO_TIE', message: 'The election has not been counted yet: a tie is known only from its published result.' });
    await close(poll.id);
    const result = (await published(poll.id)).result!;
    if (result.kind !== 'election') throw new Error('election');
    expect(result.candidates.map((x) => [x.label, x.votes, x.outcome])).toEqual([['Ứng cử viên A', 20, 'elected'], ['Ứng cử viên B', 14, 'tied'], ['Ứng cử viên C', 14, 'tied']]);
    expect(result.tie).toEqual({ optionIds: [b, c], seats: 1 });

    // The chair decides it, not a delegate nor a site's staff.
    expect((await runoff({}, vc.electors[0].api)).status).toBe(403);
    expect((await runoff({}, vc.operators[1])).status).toBe(403);
    expect((await runoff({ title: 'x'.repeat(301) })).body).toMatchObject({ statusCode: 400, fields: { title: ['must be at most 300 characters'] } });
    const made = await runoff();
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: 'election', status: 'draft', secret: true, title: 'Bầu lại: Bầu Ban Thường vụ', maxChoices: 1, runoffOf: poll.id, agendaItemId: poll.agendaItemId,
      base: poll.base, threshold: poll.threshold, quorumNumerator: poll.quorumNumerator, quorumDenominator: poll.quorumDenominator, result: null,
    });
    expect(made.body.options.map((o) => o.label)).toEqual(['Ứng cử viên B', 'Ứng cử viên C']);
    // One re-vote per tie; the tied election's result stays as published.
    expect((await runoff({ title: 'Lần nữa' })).body).toMatchObject({ statusCode: 409, error: 'RUNOFF_EXISTS' });
    expect((await pollOf(poll.id)).result).toEqual(result);
    expect((await vc.chair.post(vc.path(`/polls/${made.body.id}/runoff`), {})).body).toMatchObject({ error: 'POLL_NO_TIE' });
    const [audit] = await meeting.dataSource.query(
      `SELECT details FROM audit_entries WHERE conference_id = $1 AND action = 'poll.runoff'`, [vc.conferenceId],
    ) as { details: Record<string, unknown> }[];
    expect(audit.details).toEqual({ pollId: made.body.id, runoffOf: poll.id, candidates: 2, seats: 1 });

    // The re-vote runs like any election: B 15, C 9 — B takes the last seat.
    const [rb, rc] = made.body.options.map((o) => o.id);
    expect((await open(made.body.id)).status).toBe(200);
    expect((await vc.cast(vc.electors[0].api, made.body.id, { selected: [b] })).body).toMatchObject({ error: 'BALLOT_INVALID', fields: { 'selected.0': ['names no candidate of this poll'] } });
    const again = await Promise.all(vc.electors.map((e, i) => vc.cast(e.api, made.body.id, { selected: [i < 15 ? rb : rc] })));
    expect(again.map((x) => x.status)).toEqual(Array(24).fill(202));
    await close(made.body.id);
    const decided = (await published(made.body.id)).result!;
    if (decided.kind !== 'election') throw new Error('election');
    expect(decided.candidates.map((x) => [x.label, x.votes, x.outcome])).toEqual([['Ứng cử viên B', 15, 'elected'], ['Ứng cử viên C', 9, 'not_elected']]);
    expect(decided.tie).toBeNull();
  });

  it('keeps the frozen electorate: an elector alone cannot be deleted; the whole conference can, with its polls', async () => {
    await expect(meeting.dataSource.query('DELETE FROM participants WHERE id = $1', [vc.electors[0].participantId])).rejects.toThrow(/FK_poll_electors_participant/);
    await meeting.dataSource.query('DELETE FROM conferences WHERE id = $1', [vc.conferenceId]);
    const [left] = await meeting.dataSource.query(
      `SELECT (SELECT count(*) FROM polls WHERE conference_id = $1)::int AS polls, (SELECT count(*) FROM participants WHERE conference_id = $1)::int AS participants`,
      [vc.conferenceId],
    );
    expect(left).toEqual({ polls: 0, participants: 0 });
  });
});
