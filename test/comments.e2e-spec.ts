// Comments on drafts, end to end: the API acknowledges (202, a receipt), the worker — a real child
// process, killed with SIGKILL in the middle of a burst — stores each acknowledged comment exactly once,
// and a comment reaches its author, the secretary and the chair, and no other site by any path.
import {
  JobName, QueueName, type CommentReceipt, type CommentView, type DraftSummary, type DraftVersionView, type ErrorResponse, type ParticipantView,
  type StoreCommentJob, type StoreCommentResult,
} from '@hoinghi/contracts';
import Queue from 'bull';
import { randomUUID } from 'node:crypto';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';
import { REDIS_URL, WorkerProcess } from './support/worker-process';

/** The sweep stores what the queue lost after 20 s (the lost-job test waits for it). */
const COMMENT_SWEEPS = { COMMENT_SWEEP_MS: '1000', COMMENT_SWEEP_AFTER_MS: '20000' };

describe('comments on drafts', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;
  let chair: Api;
  let secretary: Api;
  let hallOperator: Api;
  let operatorA: Api; // runs site A (Cao Lãnh)
  let operatorB: Api; // runs site B (Tháp Mười)
  let delegateA: Api;
  let delegateA2: Api;
  let delegateB: Api;
  let observer: Api;
  let conferenceId: string;
  let siteA: string;
  let siteB: string;
  let delegateBParticipant: string;
  let draft: DraftVersionView;
  const run = `cm${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;
  const submit = (who: Api, body: Record<string, unknown>, draftId = draft.draftId) =>
    who.post<CommentReceipt & ErrorResponse>(path(`/drafts/${draftId}/comments`), { idempotencyKey: randomUUID(), ...body });

  async function person(name: string, fullName: string, role: string, siteId?: string): Promise<{ api: Api; participant: ParticipantView }> {
    const user = await meeting.createUser(`${run}.${name}`, fullName);
    const added = await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role, siteId });
    expect(added.status).toBe(201);
    return { api: chair.as(await meeting.login(`${run}.${name}`)), participant: added.body };
  }

  /** Everything stored for this conference, straight from PostgreSQL. */
  async function stored(): Promise<{ submissions: number; received: number; comments: number; doubled: number }> {
    const [row] = await meeting.dataSource.query(
      `SELECT (SELECT count(*) FROM comment_submissions WHERE conference_id = $1)::int AS submissions,
              (SELECT count(*) FROM comment_submissions WHERE conference_id = $1 AND status = 'received')::int AS received,
              (SELECT count(*) FROM draft_comments WHERE conference_id = $1)::int AS comments,
              (SELECT count(*) FROM (SELECT submission_id FROM draft_comments WHERE conference_id = $1 GROUP BY submission_id HAVING count(*) > 1) d)::int AS doubled`,
      [conferenceId],
    );
    return row;
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > end) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 });
    const live = await meeting.liveConference(run, ['Huyện Cao Lãnh', 'Huyện Tháp Mười']);
    chair = live.chair;
    [hallOperator, operatorA, operatorB] = live.operators;
    conferenceId = live.snapshot.conference.id;
    siteA = live.snapshot.sites[1].id;
    siteB = live.snapshot.sites[2].id;
    secretary = (await person('thuky', 'Thư ký hội nghị', 'secretary')).api;
    delegateA = (await person('dba', 'Nguyễn Văn An', 'delegate', siteA)).api;
    delegateA2 = (await person('dba2', 'Lê Thị Ba', 'delegate', siteA)).api;
    const b = await person('dbb', 'Trần Văn Bình', 'delegate', siteB);
    delegateB = b.api;
    delegateBParticipant = b.participant.id;
    observer = (await person('quansat', 'Phóng viên', 'observer')).api;
    const created = await secretary.post<DraftVersionView>(path('/drafts'), {
      title: 'Dự thảo Kết luận về công tác xây dựng Đảng',
      text: 'Điều 1. Mục tiêu\nNâng cao chất lượng tổ chức cơ sở đảng.\nĐiều 2. Chỉ tiêu\nĐảng viên đạt trên 4% dân số.',
    });
    expect(created.status).toBe(201);
    draft = created.body;
    worker = await WorkerProcess.start(COMMENT_SWEEPS);
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('takes comments only once the chair opens consultation, and tells every site', async () => {
    const district = await LiveClient.join(await meeting.connect(operatorB.token!), conferenceId);
    const early = await submit(delegateA, { kind: 'delegate', text: 'Quá sớm' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'CONSULTATION_NOT_OPEN', message: expect.stringMatching(/not been opened/) });
    expect((await secretary.post(path(`/drafts/${draft.draftId}/consultation/open`))).status).toBe(403);
    const opened = await chair.post<DraftSummary>(path(`/drafts/${draft.draftId}/consultation/open`));
    expect(opened.status).toBe(200);
    expect(opened.body.consultation).toBe('open');
    expect((await chair.post(path(`/drafts/${draft.draftId}/consultation/open`))).body).toMatchObject({ error: 'CONSULTATION_WRONG_STATE' });
    await district.until((s) => s.drafts.some((d) => d.id === draft.draftId && d.consultation === 'open'));
  });

  it('acknowledges a delegate\'s comment with a receipt; the worker stores it; the author, the secretary and the chair see it live — no other site by any path', async () => {
    const marker = `Đề nghị bổ sung chỉ tiêu đảng viên trẻ ${randomUUID()}`;
    const [author, secretaryFeed, chairFeed, otherSite, sameSiteDelegate, ownSiteStaff] = await Promise.all(
      [delegateA, secretary, chair, operatorB, delegateA2, operatorA].map(async (who) => LiveClient.join(await meeting.connect(who.token!), conferenceId)),
    );
    const versionBefore = otherSite.snapshot.version;
    const section = draft.sections.find((s) => s.label === 'Điều 2.')!;
    const key = randomUUID();
    const answer = await submit(delegateA, { idempotencyKey: key, kind: 'delegate', sectionId: section.id, text: marker, proposal: 'Đảng viên đạt trên 4,5% dân số.' });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ receiptId: expect.any(String), status: 'accepted' });
    const { receiptId } = answer.body;

    // The author's receipt turns "received", with the comment.
    const mine = await author.until((s) => s.comments.receipts.some((r) => r.receiptId === receiptId && r.status === 'received'), 15_000);
    const comment = mine.comments.items.find((c) => c.receiptId === receiptId)!;
    expect(comment).toMatchObject({
      kind: 'delegate', sectionId: section.id, sectionLabel: 'Điều 2.', authorName: 'Nguyễn Văn An', siteId: siteA, text: marker,
      proposal: 'Đảng viên đạt trên 4,5% dân số.', status: 'active', draftVersion: 1,
    });
    for (const feed of [secretaryFeed, chairFeed]) await feed.until((s) => s.comments.items.some((c) => c.id === comment.id && c.text === marker));

    // A resend with the same key answers the same receipt and stores nothing new.
    const resent = await submit(delegateA, { idempotencyKey: key, kind: 'delegate', sectionId: section.id, text: marker });
    expect(resent.status).toBe(202);
    expect(resent.body.receiptId).toBe(receiptId);
    expect((await delegateA.get(path(`/comments/receipts/${receiptId}`))).body).toEqual({ receiptId, status: 'received', draftId: draft.draftId, commentId: comment.id });
    expect((await delegateB.get(path(`/comments/receipts/${receiptId}`))).status).toBe(404);

    // REST: the leaders and the author see it; another site, another delegate of the same site, and the site's own staff do not.
    for (const who of [chair, secretary, delegateA]) expect((await who.get<CommentView[]>(path('/comments'))).body.map((c) => c.id)).toContain(comment.id);
    for (const who of [operatorB, delegateB, delegateA2, operatorA, observer, hallOperator]) {
      const listed = await who.get<CommentView[]>(path(`/comments?draftId=${draft.draftId}`));
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain(marker);
    }

    // Live, catch-up and snapshot: never.
    await new Promise((r) => setTimeout(r, 500));
    for (const feed of [otherSite, sameSiteDelegate, ownSiteStaff]) {
      expect(feed.everythingSent()).not.toContain(marker);
      expect(feed.snapshot.comments.items).toEqual([]);
    }
    const catchUp = await LiveClient.join(await meeting.connect(operatorB.token!), conferenceId);
    const deltas = await new Promise<unknown>((resolve) => catchUp.socket.emit('conference:sync', { conferenceId, sinceVersion: versionBefore }, resolve));
    expect(deltas).toMatchObject({ ok: true, mode: 'deltas' });
    expect(JSON.stringify(deltas)).not.toContain(marker);
    expect(JSON.stringify(catchUp.acks)).not.toContain(marker);
    const authorCatchUp = await new Promise<unknown>((resolve) => author.socket.emit('conference:sync', { conferenceId, sinceVersion: versionBefore }, resolve));
    expect(JSON.stringify(authorCatchUp)).toContain(marker);

    // The job run a second time (a new job for the same receipt) stores nothing and tells no one.
    const before = await stored();
    const events = (await meeting.dataSource.query('SELECT count(*)::int AS n FROM conference_events WHERE conference_id = $1', [conferenceId]))[0].n;
    const queue = new Queue<StoreCommentJob>(QueueName.Comments, REDIS_URL);
    try {
      const job = await queue.add(JobName.StoreComment, { v: 1, conferenceId, receiptId });
      expect(await job.finished() as StoreCommentResult).toEqual({ commentId: comment.id, stored: false });
      await job.remove();
    } finally {
      await queue.close();
    }
    expect(await stored()).toEqual(before);
    expect((await meeting.dataSource.query('SELECT count(*)::int AS n FROM conference_events WHERE conference_id = $1', [conferenceId]))[0].n).toBe(events);
    // And the database itself refuses a second comment for one submission.
    await expect(meeting.dataSource.query(
      `INSERT INTO draft_comments (submission_id, conference_id, draft_id, draft_version, kind, author_user_id, text)
       SELECT submission_id, conference_id, draft_id, draft_version, kind, author_user_id, text FROM draft_comments WHERE id = $1`, [comment.id],
    )).rejects.toThrow(/UQ_draft_comments_submission/);

    // The trail: the author submitted it, the platform stored it.
    const audit = (await chair.get<Array<{ action: string; actorUserId: string | null; details: Record<string, unknown> }>>(path('/audit'))).body;
    expect(audit.find((e) => e.action === 'comment.submit' && e.details.receiptId === receiptId)?.actorUserId).toBe(mine.scope.userId);
    expect(audit.find((e) => e.action === 'comment.store' && e.details.receiptId === receiptId)?.actorUserId).toBeNull();
  });

  it('takes a site\'s collective opinion from its staff, shown to that site\'s staff and the leaders only', async () => {
    const marker = `Ý kiến của điểm cầu Cao Lãnh ${randomUUID()}`;
    const [staffA, staffB, delegateFeed] = await Promise.all(
      [operatorA, operatorB, delegateA].map(async (who) => LiveClient.join(await meeting.connect(who.token!), conferenceId)),
    );
    const answer = await submit(operatorA, { kind: 'site', siteId: siteA, text: marker });
    expect(answer.status).toBe(202);
    await staffA.until((s) => s.comments.items.some((c) => c.kind === 'site' && c.siteId === siteA && c.text === marker), 15_000);
    expect((await chair.get<CommentView[]>(path('/comments'))).body.some((c) => c.text === marker)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(staffB.everythingSent()).not.toContain(marker);
    expect(delegateFeed.everythingSent()).not.toContain(marker);
    expect(JSON.stringify((await operatorB.get(path('/comments'))).body)).not.toContain(marker);
  });

  it('lets the secretary record a comment spoken from the floor, against a section and its speaker', async () => {
    const marker = `Phát biểu tại hội trường ${randomUUID()}`;
    const section = draft.sections.find((s) => s.label === 'Điều 1.')!;
    const answer = await submit(secretary, { kind: 'floor', sectionId: section.id, speakerParticipantId: delegateBParticipant, text: marker });
    expect(answer.status).toBe(202);
    const comments = await until(() => chair.get<CommentView[]>(path('/comments')), (r) => r.body.some((c) => c.text === marker));
    expect(comments.body.find((c) => c.text === marker)).toMatchObject({ kind: 'floor', speakerName: 'Trần Văn Bình', siteId: siteB, sectionLabel: 'Điều 1.' });
    expect(JSON.stringify((await delegateB.get(path('/comments'))).body)).not.toContain(marker);

    // One click from the floor log: the floor request names the speaker, or the site that had the floor.
    const asked = await operatorB.post<{ id: string }>(path('/floor/requests'), { siteId: siteB, participantId: delegateBParticipant });
    const siteAsked = await operatorA.post<{ id: string }>(path('/floor/requests'), { siteId: siteA });
    expect([asked.status, siteAsked.status]).toEqual([201, 201]);
    expect((await submit(secretary, { kind: 'floor', floorRequestId: asked.body.id, text: `${marker} (2)` })).status).toBe(202);
    expect((await submit(secretary, { kind: 'floor', floorRequestId: siteAsked.body.id, text: `${marker} (3)` })).status).toBe(202);
    const fromLog = await until(() => chair.get<CommentView[]>(path('/comments')), (r) => r.body.filter((c) => c.text.startsWith(`${marker} (`)).length === 2);
    expect(fromLog.body.find((c) => c.text === `${marker} (2)`)).toMatchObject({ speakerParticipantId: delegateBParticipant, speakerName: 'Trần Văn Bình', siteId: siteB, floorRequestId: asked.body.id });
    expect(fromLog.body.find((c) => c.text === `${marker} (3)`)).toMatchObject({ speakerParticipantId: null, speakerName: 'Điểm cầu Huyện Cao Lãnh', siteId: siteA });
    expect((await submit(secretary, { kind: 'floor', text: 'Không rõ ai nói' })).body).toMatchObject({ fields: { speakerParticipantId: [expect.any(String)] } });
    expect((await submit(secretary, { kind: 'floor', floorRequestId: randomUUID(), text: 'Không có' })).body).toMatchObject({ error: 'FLOOR_REQUEST_NOT_FOUND' });
  });

  it('refuses what a caller may not say, and bad fields, naming them', async () => {
    const text = 'Không được phép';
    expect((await submit(observer, { kind: 'delegate', text })).status).toBe(403);
    expect((await submit(observer, { kind: 'site', siteId: siteA, text })).status).toBe(403);
    expect((await submit(operatorB, { kind: 'site', siteId: siteA, text })).body).toMatchObject({ error: 'ROLE_FORBIDDEN' });
    expect((await submit(delegateA, { kind: 'site', siteId: siteA, text })).status).toBe(403);
    expect((await submit(delegateA, { kind: 'floor', speakerParticipantId: delegateBParticipant, text })).status).toBe(403);
    expect((await submit(operatorA, { kind: 'delegate', text })).status).toBe(403);
    expect((await submit(delegateA, { kind: 'delegate', text: 'x'.repeat(5001) })).body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { text: ['must be at most 5000 characters'] } });
    expect((await submit(delegateA, { kind: 'delegate', text, idempotencyKey: 'bad key!' })).body).toMatchObject({ fields: { idempotencyKey: [expect.any(String)] } });
    expect((await submit(delegateA, { kind: 'delegate', text, sectionId: randomUUID() })).body).toMatchObject({ error: 'COMMENT_SECTION_UNKNOWN', fields: { sectionId: [expect.any(String)] } });
    expect((await submit(delegateA, { kind: 'opinion', text })).body).toMatchObject({ fields: { kind: [expect.any(String)] } });
    expect((await submit(operatorA, { kind: 'site', text })).body).toMatchObject({ fields: { siteId: ['is required for a site\'s opinion'] } });
    expect((await submit(delegateA, { kind: 'delegate', text }, randomUUID())).body).toMatchObject({ error: 'DRAFT_NOT_FOUND' });
  });

  it('commits a burst of submissions in groups: each its own receipt, a copy of one key answered with the first, a refused one alone; stored once each, in groups', async () => {
    const authors: Array<{ who: Api; body: Record<string, unknown> }> = [
      { who: delegateA, body: { kind: 'delegate' } },
      { who: delegateA2, body: { kind: 'delegate' } },
      { who: delegateB, body: { kind: 'delegate' } },
      { who: operatorA, body: { kind: 'site', siteId: siteA } },
      { who: secretary, body: { kind: 'floor', speakerParticipantId: delegateBParticipant } },
    ];
    const burst = Array.from({ length: 38 }, (_, i) => ({ ...authors[i % authors.length], key: `group-${run}-${i}`, text: `Góp ý dồn ${i}` }));
    const answers = await Promise.all([
      ...burst.map((item) => submit(item.who, { ...item.body, idempotencyKey: item.key, text: item.text, sectionId: draft.sections[0].id })),
      submit(burst[0].who, { ...burst[0].body, idempotencyKey: burst[0].key, text: burst[0].text }), // the same comment sent twice at once
      submit(operatorB, { kind: 'site', siteId: siteA, text: 'Ý kiến thay điểm cầu khác' }), // another site's operator
    ]);
    answers.slice(0, 38).forEach((answer) => expect(answer).toMatchObject({ status: 202, body: { receiptId: expect.any(String), status: 'accepted' } }));
    const receipts = answers.slice(0, 38).map((a) => a.body.receiptId);
    expect(new Set(receipts).size).toBe(38);
    // The copy waits for the next group and answers the first receipt, with its status by then (the worker may have stored it).
    expect(answers[38]).toMatchObject({ status: 202, body: { receiptId: receipts[0], status: expect.stringMatching(/^(accepted|received)$/) } });
    expect(answers[39]).toMatchObject({ status: 403, body: { error: 'ROLE_FORBIDDEN' } });

    // Fewer transactions than submissions: a group's audit lines share its commit time. One line and one store job each.
    const [submitted] = await meeting.dataSource.query(
      `SELECT count(*)::int AS audits, count(DISTINCT at)::int AS groups FROM audit_entries
        WHERE conference_id = $1 AND action = 'comment.submit' AND details->>'receiptId' = ANY($2)`, [conferenceId, receipts]);
    expect(submitted.audits).toBe(38);
    expect(submitted.groups).toBeLessThan(38);
    const [{ jobs }] = await meeting.dataSource.query(
      `SELECT count(*)::int AS jobs FROM outbox_messages WHERE conference_id = $1 AND target = $2 AND payload->>'receiptId' = ANY($3)`,
      [conferenceId, `${QueueName.Comments}/${JobName.StoreComment}`, receipts]);
    expect(jobs).toBe(38);

    // The worker stores each exactly once, several in one transaction.
    const storedOnce = () => meeting.dataSource.query(
      `SELECT (SELECT count(*) FROM comment_submissions WHERE id = ANY($2) AND status = 'received')::int AS received,
              (SELECT count(*) FROM draft_comments WHERE submission_id = ANY($2))::int AS comments,
              (SELECT count(*) FROM comment_submissions WHERE conference_id = $1 AND idempotency_key LIKE $3)::int AS submissions`,
      [conferenceId, receipts, `group-${run}-%`]).then((rows: Array<Record<string, number>>) => rows[0]);
    expect(await until(storedOnce, (s) => s.received === 38, 20_000)).toEqual({ received: 38, comments: 38, submissions: 38 });
    const [stored] = await meeting.dataSource.query(
      `SELECT count(*)::int AS audits, count(DISTINCT at)::int AS groups FROM audit_entries
        WHERE conference_id = $1 AND action = 'comment.store' AND details->>'receiptId' = ANY($2)`, [conferenceId, receipts]);
    expect(stored.audits).toBe(38);
    expect(stored.groups).toBeLessThan(38);
    const chairView = (await chair.get<CommentView[]>(path('/comments'))).body.filter((c) => receipts.includes(c.receiptId));
    expect(chairView.map((c) => c.text).sort()).toEqual(burst.map((b) => b.text).sort());
  });

  it('lets the author alone edit or withdraw a comment while consultation is open; after closing, comments and edits are 409', async () => {
    const key = randomUUID();
    const receipt = (await submit(delegateA, { idempotencyKey: key, kind: 'delegate', text: 'Bản đầu' })).body;
    const received = await until(() => delegateA.get(path(`/comments/receipts/${receipt.receiptId}`)), (r) => r.body.status === 'received', 15_000);
    const commentId = received.body.commentId as string;
    const chairFeed = await LiveClient.join(await meeting.connect(chair.token!), conferenceId);

    const edited = await delegateA.put<CommentView>(path(`/comments/${commentId}`), { text: 'Bản đã sửa', proposal: 'Sửa thành: …' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ text: 'Bản đã sửa', proposal: 'Sửa thành: …', status: 'active' });
    await chairFeed.until((s) => s.comments.items.some((c) => c.id === commentId && c.text === 'Bản đã sửa'));
    for (const other of [delegateB, delegateA2, chair, secretary]) {
      expect((await other.put(path(`/comments/${commentId}`), { text: 'Không phải của tôi' })).body).toMatchObject({ error: 'COMMENT_NOT_YOURS' });
      expect((await other.delete(path(`/comments/${commentId}`))).status).toBe(403);
    }
    expect((await delegateA.put(path(`/comments/${randomUUID()}`), { text: 'Không có' })).status).toBe(404);

    const other = (await submit(delegateA, { kind: 'delegate', text: 'Sẽ rút' })).body;
    const otherId = (await until(() => delegateA.get(path(`/comments/receipts/${other.receiptId}`)), (r) => r.body.status === 'received', 15_000)).body.commentId as string;
    expect((await delegateA.delete<CommentView>(path(`/comments/${otherId}`))).body.status).toBe('withdrawn');
    await chairFeed.until((s) => s.comments.items.some((c) => c.id === otherId && c.status === 'withdrawn'));
    expect((await delegateA.put(path(`/comments/${otherId}`), { text: 'Sửa bản đã rút' })).body).toMatchObject({ error: 'COMMENT_WITHDRAWN' });

    const closed = await chair.post<DraftSummary>(path(`/drafts/${draft.draftId}/consultation/close`));
    expect(closed.body.consultation).toBe('closed');
    const late = await submit(delegateA, { kind: 'delegate', text: 'Muộn' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'CONSULTATION_NOT_OPEN', message: expect.stringMatching(/closed/) });
    expect((await delegateA.put(path(`/comments/${commentId}`), { text: 'Sửa muộn' })).body).toMatchObject({ error: 'CONSULTATION_NOT_OPEN' });
    expect((await delegateA.delete(path(`/comments/${commentId}`))).status).toBe(409);
    // A resend of a comment acknowledged before the close still answers its receipt.
    expect((await submit(delegateA, { idempotencyKey: key, kind: 'delegate', text: 'Bản đầu' })).body).toEqual({ receiptId: receipt.receiptId, status: 'received' });
    expect((await chair.post(path(`/drafts/${draft.draftId}/consultation/open`))).status).toBe(200);
  });

  it('stores every acknowledged comment exactly once when the worker is killed in the middle of a burst', async () => {
    const before = await stored();
    const authors: Array<{ who: Api; body: Record<string, unknown> }> = [
      { who: delegateA, body: { kind: 'delegate' } },
      { who: delegateA2, body: { kind: 'delegate' } },
      { who: delegateB, body: { kind: 'delegate' } },
      { who: operatorA, body: { kind: 'site', siteId: siteA } },
    ];
    const sections = draft.sections.map((s) => s.id);
    const burst = Array.from({ length: 200 }, (_, i) => ({
      ...authors[i % authors.length], key: `burst-${run}-${i}`, text: `Góp ý số ${i}`, sectionId: sections[i % sections.length],
    }));
    const receipts = new Map<string, string>();
    const send = async (item: (typeof burst)[number]) => {
      for (;;) {
        const answer = await submit(item.who, { ...item.body, idempotencyKey: item.key, text: item.text, sectionId: item.sectionId });
        if (answer.status === 202) return receipts.set(item.key, answer.body.receiptId);
        if (answer.status !== 503) throw new Error(`${item.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    let next = 0;
    const sending = Promise.all(Array.from({ length: 8 }, async () => {
      while (next < burst.length) await send(burst[next++]);
    }));

    // Kill the worker once it has stored some of the burst, while the API is still acknowledging the rest.
    await until(stored, (s) => s.received >= before.received + 20, 30_000);
    await worker.kill('SIGKILL');
    const [atKill, acknowledgedAtKill] = [await stored(), receipts.size];
    expect(acknowledgedAtKill).toBeLessThan(200); // the API was still acknowledging
    await sending;
    expect(receipts.size).toBe(200);
    expect(atKill.received).toBeLessThan(before.received + 200);

    // Resends while the worker is down: the same receipts, nothing new.
    for (const item of burst.slice(0, 20)) {
      const again = await submit(item.who, { ...item.body, idempotencyKey: item.key, text: item.text });
      expect(again.status).toBe(202);
      expect(again.body.receiptId).toBe(receipts.get(item.key));
    }

    worker = await WorkerProcess.start(COMMENT_SWEEPS);
    const after = await until(stored, (s) => s.received === before.submissions + 200, 60_000);
    expect(after).toEqual({ submissions: before.submissions + 200, received: before.submissions + 200, comments: before.comments + 200, doubled: 0 });
    const rows = await meeting.dataSource.query(
      'SELECT submission_id AS "receiptId", text FROM draft_comments WHERE submission_id = ANY($1)', [[...receipts.values()]],
    ) as { receiptId: string; text: string }[];
    expect(new Set(rows.map((r) => r.receiptId)).size).toBe(200);
    expect(rows.map((r) => r.text).sort()).toEqual(burst.map((b) => b.text).sort());

    // And the secretary's console converges on all of them.
    const secretaryFeed = await LiveClient.join(await meeting.connect(secretary.token!), conferenceId);
    const ids = new Set(receipts.values());
    expect(secretaryFeed.snapshot.comments.items.filter((c) => ids.has(c.receiptId))).toHaveLength(200);
  });

  it('stores a submission whose job was lost, from the worker\'s sweep', async () => {
    // As if its job had failed every attempt a minute ago: a submission still `accepted`, no job anywhere.
    const [user] = await meeting.dataSource.query('SELECT id FROM users WHERE username = $1', [`${run}.dbb`]) as { id: string }[];
    const content = {
      kind: 'delegate', draftVersion: 1, sectionId: null, sectionLabel: '', text: 'Góp ý có việc bị mất', proposal: null, siteId: siteB,
      speakerParticipantId: null, speakerName: null, floorRequestId: null,
    };
    const [{ id }] = await meeting.dataSource.query(
      `INSERT INTO comment_submissions (conference_id, draft_id, author_user_id, idempotency_key, content, created_at)
       VALUES ($1, $2, $3, $4, $5, now() - interval '1 minute') RETURNING id`,
      [conferenceId, draft.draftId, user.id, `lost-${run}`, JSON.stringify(content)],
    ) as { id: string }[];
    const receipt = await until(() => delegateB.get(path(`/comments/receipts/${id}`)), (r) => r.body.status === 'received', 15_000);
    expect((await chair.get<CommentView[]>(path('/comments'))).body.find((c) => c.id === receipt.body.commentId)).toMatchObject({ text: 'Góp ý có việc bị mất', siteId: siteB });
    expect(worker.output).toMatch(/stored 1 overdue comment submission/);
  });
});
