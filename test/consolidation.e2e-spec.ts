// Consolidation end to end (tổng hợp, tiếp thu, giải trình): the secretariat groups comments stored by a
// real worker process into points and decides on them, live for the chairs and the secretariat only;
// the report's numbers; the .docx rendered by the worker on the documents queue and fetched from
// PostgreSQL; a new version that records the points it absorbed.
import type {
  CommentReceipt, CommentView, ConsolidationPointView, ConsolidationReportView, DocumentJobReceipt, DocumentJobView, DraftDiffView,
  DraftVersionView, ErrorResponse, ParticipantView,
} from '@hoinghi/contracts';
import mammoth from 'mammoth';
import { randomUUID } from 'node:crypto';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';
import { WorkerProcess } from './support/worker-process';

describe('consolidation of comments', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;
  let chair: Api;
  let secretary: Api;
  let operatorA: Api;
  let operatorB: Api;
  let delegateA: Api;
  let delegateB: Api;
  let conferenceId: string;
  let draft: DraftVersionView;
  /** Comments by label: a1, a2 (delegate A on Điều 2.), siteB (site B's opinion on Điều 2.), b1 (delegate B on Điều 1.), whole (delegate B, whole draft). */
  const comments: Record<string, CommentView> = {};
  const run = `cs${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;
  type Answer<T> = { status: number; body: T & ErrorResponse };

  async function person(name: string, fullName: string, role: string, siteId?: string): Promise<Api> {
    const user = await meeting.createUser(`${run}.${name}`, fullName);
    const added = await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role, siteId });
    expect(added.status).toBe(201);
    return chair.as(await meeting.login(`${run}.${name}`));
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > end) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const createPoint = (who: Api, body: Record<string, unknown>, draftId = draft.draftId) =>
    who.post<ConsolidationPointView>(path(`/drafts/${draftId}/points`), body) as Promise<Answer<ConsolidationPointView>>;
  const updatePoint = (who: Api, pointId: string, body: Record<string, unknown>) =>
    who.request<ConsolidationPointView>('PATCH', path(`/points/${pointId}`), body) as Promise<Answer<ConsolidationPointView>>;

  /** The .docx's text, as Word would show it. */
  async function download(who: Api, jobId: string): Promise<{ status: number; contentType: string | null; text: string; disposition: string | null }> {
    const response = await fetch(`${meeting.url}/api${path(`/documents/${jobId}/file`)}`, { headers: { authorization: `Bearer ${who.token}` } });
    const buffer = Buffer.from(await response.arrayBuffer());
    const text = response.status === 200 ? (await mammoth.extractRawText({ buffer })).value : buffer.toString();
    return { status: response.status, contentType: response.headers.get('content-type'), text, disposition: response.headers.get('content-disposition') };
  }

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 });
    const live = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung']);
    chair = live.chair;
    [, operatorA, operatorB] = live.operators;
    conferenceId = live.snapshot.conference.id;
    const [siteA, siteB] = [live.snapshot.sites[1].id, live.snapshot.sites[2].id];
    secretary = await person('thuky', 'Thư ký hội nghị', 'secretary');
    delegateA = await person('dba', 'Nguyễn Văn An', 'delegate', siteA);
    delegateB = await person('dbb', 'Trần Thị Bình', 'delegate', siteB);
    draft = (await secretary.post<DraftVersionView>(path('/drafts'), {
      title: 'Dự thảo Kết luận về công tác xây dựng Đảng',
      text: 'Điều 1. Mục tiêu\nNâng cao chất lượng tổ chức cơ sở đảng.\nĐiều 2. Chỉ tiêu\nĐảng viên đạt trên 4% dân số.',
    })).body;
    expect((await chair.post(path(`/drafts/${draft.draftId}/consultation/open`))).status).toBe(200);
    worker = await WorkerProcess.start();

    const [article1, article2] = [draft.sections.find((s) => s.label === 'Điều 1.')!, draft.sections.find((s) => s.label === 'Điều 2.')!];
    const sent: Array<[string, Api, Record<string, unknown>]> = [
      ['a1', delegateA, { kind: 'delegate', sectionId: article2.id, text: 'Đề nghị nâng chỉ tiêu đảng viên lên 4,5% dân số.' }],
      ['a2', delegateA, { kind: 'delegate', sectionId: article2.id, text: 'Cần lộ trình tăng tỷ lệ đảng viên theo từng năm.' }],
      ['siteB', operatorB, { kind: 'site', siteId: siteB, sectionId: article2.id, text: 'Điểm cầu Lai Vung thống nhất nâng chỉ tiêu đảng viên.', proposal: 'Đảng viên đạt trên 4,5% dân số.' }],
      ['b1', delegateB, { kind: 'delegate', sectionId: article1.id, text: 'Bổ sung mục tiêu về đảng viên trẻ.' }],
      ['whole', delegateB, { kind: 'delegate', text: 'Dự thảo cần ngắn gọn hơn.' }],
    ];
    for (const [label, who, body] of sent) {
      const receipt = await who.post<CommentReceipt>(path(`/drafts/${draft.draftId}/comments`), { idempotencyKey: randomUUID(), ...body });
      expect(receipt.status).toBe(202);
      const stored = await until(() => who.get<{ commentId: string | null }>(path(`/comments/receipts/${receipt.body.receiptId}`)), (r) => !!r.body.commentId);
      const all = (await secretary.get<CommentView[]>(path(`/comments?draftId=${draft.draftId}`))).body;
      comments[label] = all.find((c) => c.id === stored.body.commentId)!;
    }
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('lets only the chairs and the secretariat consolidate: 403 for a delegate or a site, with the permission named', async () => {
    for (const who of [delegateA, operatorA]) {
      const refused = await createPoint(who, { summary: 'Nâng chỉ tiêu', commentIds: [comments.a1.id] });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'ROLE_FORBIDDEN', message: expect.stringMatching(/consolidation\.manage/) });
      expect((await who.get(path(`/drafts/${draft.draftId}/points`))).status).toBe(403);
      expect((await who.get(path(`/drafts/${draft.draftId}/report`))).status).toBe(403);
      expect((await who.post(path(`/drafts/${draft.draftId}/report`))).status).toBe(403);
    }
  });

  it('answers 404 for an unknown draft or point, 400 naming the field, 409 with a sentence', async () => {
    const unknownDraft = await createPoint(secretary, { summary: 'x', commentIds: [comments.a1.id] }, randomUUID());
    expect(unknownDraft).toMatchObject({ status: 404, body: { error: 'DRAFT_NOT_FOUND' } });
    expect(await updatePoint(secretary, randomUUID(), { summary: 'x' })).toMatchObject({ status: 404, body: { error: 'POINT_NOT_FOUND' } });
    expect((await secretary.delete(path(`/points/${randomUUID()}`))).status).toBe(404);

    expect(await createPoint(secretary, { commentIds: [comments.a1.id] })).toMatchObject({
      status: 400, body: { error: 'VALIDATION_FAILED', fields: { summary: ['is required'] } },
    });
    expect(await createPoint(secretary, { summary: 'x', commentIds: [] })).toMatchObject({
      status: 400, body: { fields: { commentIds: ['must list at least one comment'] } },
    });
    expect(await createPoint(secretary, { summary: 'x', commentIds: [comments.a1.id], disposition: 'maybe' })).toMatchObject({
      status: 400, body: { fields: { disposition: [expect.stringMatching(/must be one of: accepted, partly_accepted, explained/)] } },
    });
    expect(await createPoint(secretary, { summary: 'x', commentIds: [comments.a1.id, randomUUID()] })).toMatchObject({
      status: 400, body: { error: 'POINT_COMMENTS_INVALID', fields: { 'commentIds.1': [expect.stringMatching(/no comment on this draft/)] } },
    });
    // On Điều 2., a comment on Điều 1. does not belong.
    const article2 = comments.a1.sectionId;
    expect(await createPoint(secretary, { summary: 'x', sectionId: article2, commentIds: [comments.a1.id, comments.b1.id] })).toMatchObject({
      status: 400, body: { error: 'POINT_COMMENTS_INVALID', fields: { 'commentIds.1': [expect.stringMatching(/another section/)] } },
    });
    expect(await createPoint(secretary, { summary: 'x', commentIds: [comments.a1.id], disposition: 'explained' })).toMatchObject({
      status: 400, body: { error: 'POINT_RESPONSE_REQUIRED', fields: { response: [expect.stringMatching(/explained/)] } },
    });

    // A comment is answered once: grouping it again is a 409 that says why; so is emptying a point.
    const first = await createPoint(secretary, { summary: 'Tạm', commentIds: [comments.b1.id] });
    expect(first.status).toBe(201);
    const again = await createPoint(secretary, { summary: 'Lại', commentIds: [comments.b1.id] });
    expect(again).toMatchObject({ status: 409, body: { error: 'COMMENT_ALREADY_IN_POINT', message: expect.stringMatching(/already grouped into another point/) } });
    const emptied = await updatePoint(secretary, first.body.id, { removeCommentIds: [comments.b1.id] });
    expect(emptied).toMatchObject({ status: 409, body: { error: 'POINT_EMPTY', message: expect.stringMatching(/delete the point/) } });
    expect((await secretary.delete(path(`/points/${first.body.id}`))).status).toBe(204);
    // Nothing of the refused changes stayed: the comment is free again.
    expect((await secretary.get<ConsolidationPointView[]>(path(`/drafts/${draft.draftId}/points`))).body).toEqual([]);
  });

  it('groups, regroups and decides, live to the chair and the secretariat and to nobody else', async () => {
    const [chairFeed, secretaryFeed, siteFeed, delegateFeed] = await Promise.all(
      [chair, secretary, operatorB, delegateA].map(async (who) => LiveClient.join(await meeting.connect(who.token!), conferenceId)),
    );
    const created = await createPoint(secretary, { summary: 'Nâng chỉ tiêu đảng viên lên 4,5% dân số', commentIds: [comments.a1.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      draftId: draft.draftId, sectionId: comments.a1.sectionId, sectionLabel: 'Điều 2.', commentIds: [comments.a1.id], disposition: null, absorbedInVersion: null,
    });
    const pointId = created.body.id;
    const added = await updatePoint(secretary, pointId, { addCommentIds: [comments.siteB.id, comments.a2.id] });
    expect(added.status).toBe(200);
    expect(added.body.commentIds.sort()).toEqual([comments.a1.id, comments.a2.id, comments.siteB.id].sort());
    // a2 asks for something else: out it goes, into its own point.
    expect((await updatePoint(secretary, pointId, { removeCommentIds: [comments.a2.id] })).body.commentIds).toHaveLength(2);
    const decided = await updatePoint(chair, pointId, { disposition: 'accepted', response: 'Đã sửa chỉ tiêu tại Điều 2.' });
    expect(decided.body).toMatchObject({ disposition: 'accepted', response: 'Đã sửa chỉ tiêu tại Điều 2.' });

    const roadmap = await createPoint(secretary, {
      summary: 'Lộ trình theo từng năm', commentIds: [comments.a2.id], disposition: 'explained',
      response: 'Lộ trình sẽ được cụ thể hóa trong kế hoạch thực hiện, không đưa vào Kết luận.',
    });
    expect(roadmap.status).toBe(201);
    const general = await createPoint(secretary, { summary: 'Ngắn gọn hơn', commentIds: [comments.whole.id, comments.b1.id], disposition: 'partly_accepted', response: 'Đã rút gọn phần mở đầu.' });
    expect(general.body).toMatchObject({ sectionId: null, sectionLabel: '' }); // comments on several sections: the whole draft

    for (const feed of [chairFeed, secretaryFeed]) {
      await feed.until((s) => s.points.some((p) => p.id === pointId && p.disposition === 'accepted' && p.commentIds.length === 2) && s.points.length === 3);
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const feed of [siteFeed, delegateFeed]) {
      expect(feed.snapshot.points).toEqual([]);
      expect(feed.everythingSent()).not.toContain(pointId);
    }
    // A fresh snapshot agrees with the live one.
    const fresh = await LiveClient.join(await meeting.connect(secretary.token!), conferenceId);
    expect(fresh.snapshot.points.map((p) => p.id).sort()).toEqual(secretaryFeed.snapshot.points.map((p) => p.id).sort());
  });

  it('reports per section each point, its sites and delegates, the disposition and response, and the totals', async () => {
    const answer = await secretary.get<ConsolidationReportView>(path(`/drafts/${draft.draftId}/report`));
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report.sections.map((s) => s.label)).toEqual(['', 'Điều 2.']);
    const [raise] = report.sections[1].points;
    expect(raise).toMatchObject({
      summary: 'Nâng chỉ tiêu đảng viên lên 4,5% dân số', disposition: 'accepted', response: 'Đã sửa chỉ tiêu tại Điều 2.', commentCount: 2,
      sites: [{ name: 'Điểm cầu Huyện Lai Vung' }, { name: 'Điểm cầu Thành phố Sa Đéc' }], delegates: ['Nguyễn Văn An'],
    });
    expect(report.sections[1].points[1]).toMatchObject({ disposition: 'explained', commentCount: 1, delegates: ['Nguyễn Văn An'], sites: [{ name: 'Điểm cầu Thành phố Sa Đéc' }] });
    expect(report.sections[0].points[0]).toMatchObject({ disposition: 'partly_accepted', commentCount: 2, delegates: ['Trần Thị Bình'] });
    expect(report.totals).toEqual({
      comments: 5, consolidated: 5, points: 3, byDisposition: { accepted: 1, partly_accepted: 1, explained: 1, pending: 0 }, sites: 2, delegates: 2,
    });
  });

  it('renders the report as .docx in the worker process, kept in PostgreSQL, for the chair and the secretariat only', async () => {
    const requested = await secretary.post<DocumentJobReceipt>(path(`/drafts/${draft.draftId}/report`));
    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({ jobId: expect.any(String), status: 'queued' });
    const { jobId } = requested.body;
    const early = await download(secretary, jobId);
    if (early.status !== 200) expect(early.status).toBe(409); // still rendering: DOCUMENT_NOT_READY

    const ready = await until(() => secretary.get<DocumentJobView>(path(`/documents/${jobId}`)), (r) => r.body.status !== 'queued');
    expect(ready.body).toMatchObject({ jobId, kind: 'consolidation-report', status: 'ready', bytes: expect.any(Number), error: null });
    expect(ready.body.fileName).toMatch(/^Tong-hop-y-kien-du-thao-ket-luan-ve-cong-tac-xay-dung-dang-\d{4}-\d{2}-\d{2}\.docx$/);

    const file = await download(chair, jobId);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.disposition).toContain(ready.body.fileName);
    expect(file.text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(file.text).toContain('BÁO CÁO');
    expect(file.text).toContain(comments.a1.text);
    expect(file.text).toContain(comments.siteB.text);
    expect(file.text).toMatch(/Hướng xử lý: Tiếp thu\./);
    expect(file.text).toContain('Giải trình (không tiếp thu)');
    expect(file.text).toContain('Lộ trình sẽ được cụ thể hóa trong kế hoạch thực hiện');
    expect(file.text).toMatch(/số điểm cầu: 2 \(Điểm cầu Huyện Lai Vung, Điểm cầu Thành phố Sa Đéc\); số đại biểu: 1 \(Nguyễn Văn An\)/);

    // Delegates and sites may not fetch it; another conference's chair does not find it.
    expect((await delegateA.get(path(`/documents/${jobId}`))).status).toBe(403);
    expect((await download(operatorB, jobId)).status).toBe(403);
    expect((await secretary.get(path(`/documents/${randomUUID()}`))).body).toMatchObject({ error: 'DOCUMENT_NOT_FOUND' });
    const other = await meeting.liveConference(`${run}x`, ['Huyện Châu Thành']);
    const foreign = await other.chair.get(`/conferences/${other.snapshot.conference.id}/documents/${jobId}`);
    expect(foreign.status).toBe(404);
    expect((await other.chair.get(path(`/documents/${jobId}`))).status).toBe(403);
  });

  it('records the absorbed points in a new version, refusing explained ones; the versions\' diff shows what changed', async () => {
    const points = (await secretary.get<ConsolidationPointView[]>(path(`/drafts/${draft.draftId}/points`))).body;
    const accepted = points.find((p) => p.disposition === 'accepted')!;
    const explained = points.find((p) => p.disposition === 'explained')!;
    const text = 'Điều 1. Mục tiêu\nNâng cao chất lượng tổ chức cơ sở đảng.\nĐiều 2. Chỉ tiêu\nĐảng viên đạt trên 4,5% dân số.';
    const refused = await secretary.post(path(`/drafts/${draft.draftId}/versions`), { text, absorbedPointIds: [accepted.id, explained.id] });
    expect(refused).toMatchObject({ status: 409, body: { error: 'POINT_NOT_ABSORBABLE', message: expect.stringMatching(/explained, not accepted/) } });
    expect((await secretary.post(path(`/drafts/${draft.draftId}/versions`), { text, absorbedPointIds: [randomUUID()] })).body)
      .toMatchObject({ error: 'ABSORBED_POINTS_INVALID', fields: { 'absorbedPointIds.0': [expect.any(String)] } });
    expect((await delegateA.post(path(`/drafts/${draft.draftId}/versions`), { text })).status).toBe(403);

    const saved = await secretary.post<DraftVersionView>(path(`/drafts/${draft.draftId}/versions`), { text, note: 'Tiếp thu ý kiến về chỉ tiêu', absorbedPointIds: [accepted.id] });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toBe(2);
    expect(saved.body.absorbedPoints).toEqual([{ id: accepted.id, summary: accepted.summary, sectionLabel: 'Điều 2.', disposition: 'accepted' }]);
    expect((await delegateA.get<DraftVersionView>(path(`/drafts/${draft.draftId}/versions/2`))).body.absorbedPoints).toHaveLength(1);
    const point = (await secretary.get<ConsolidationPointView[]>(path(`/drafts/${draft.draftId}/points`))).body.find((p) => p.id === accepted.id)!;
    expect(point.absorbedInVersion).toBe(2);
    // Absorbed: kept as it was.
    expect(await updatePoint(secretary, accepted.id, { removeCommentIds: [comments.a1.id] })).toMatchObject({ status: 409, body: { error: 'POINT_ABSORBED' } });
    expect((await secretary.delete(path(`/points/${accepted.id}`))).body).toMatchObject({ error: 'POINT_ABSORBED', message: expect.stringMatching(/version 2/) });
    const again = await secretary.post(path(`/drafts/${draft.draftId}/versions`), { text, absorbedPointIds: [accepted.id] });
    expect(again).toMatchObject({ status: 409, body: { error: 'POINT_NOT_ABSORBABLE', message: expect.stringMatching(/already absorbed into version 2/) } });

    const diff = await delegateB.get<DraftDiffView>(path(`/drafts/${draft.draftId}/diff?from=1&to=2`));
    expect(diff.status).toBe(200);
    expect(diff.body.changes.map((c) => `${c.change}:${'after' in c ? c.after.label : ''}`)).toEqual(['unchanged:Điều 1.', 'changed:Điều 2.']);
  });
});
