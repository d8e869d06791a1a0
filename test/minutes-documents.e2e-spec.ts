// A conference through two agenda items, a consultation on a draft and an open vote, then its published
// minutes as Party documents: a site's operator asks for the .pdf and the .docx, the worker
// process renders them from the stored version on the documents queue; poppler reads the PDF (text page
// by page, embedded fonts, the PAdES signature made with a throwaway certificate), mammoth the .docx; the
// footer's hash is the stored one; the chair's reasons for skipping and reopening an item and for the
// adjournment are printed where they happened. Who may fetch them: the leaders and each site's staff.
import type {
  CommentReceipt, ConsolidationPointView, DocumentJobReceipt, DocumentJobView, DraftVersionView, ErrorResponse, MinutesVersionView, ParticipantView, PollView,
} from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  docxText, oneLine, pdfFirstPagePng, pdfFonts, pdfPages, pdfSignatures, pdfText, throwawayCertificate,
} from '../apps/worker/src/documents/document-tools.testing';
import { until } from './support/electorate';
import { Api, MeetingHarness } from './support/meeting-harness';
import { WorkerProcess } from './support/worker-process';

const SIGNER = 'Ban Tổ chức Tỉnh ủy Đồng Tháp';
const PASSPHRASE = 'bien-ban-2026';
const REASON = 'Đi công tác tại Thành phố Hồ Chí Minh theo Quyết định số 125-QĐ/TU';
const SPOKE = 'Đề nghị bổ sung chỉ tiêu đảng viên đạt trên 4% dân số vào dự thảo Báo cáo chính trị.';
const CONCLUSION = 'Thống nhất các chỉ tiêu; giao Ban Tổ chức Tỉnh ủy tiếp thu, hoàn chỉnh dự thảo.';
const SKIPPED = 'Chờ Điểm cầu Huyện Lai Vung kết nối lại';
const ADJOURNED = 'Nghỉ giải lao 15 phút';
const REOPENED = 'Điểm cầu Huyện Lai Vung đã kết nối lại';
const TARGET = 'Thông qua chỉ tiêu: đảng viên đạt trên 4% dân số';

describe('the minutes as .docx and signed .pdf', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;
  let chair: Api;
  let secretary: Api;
  let operator: Api;
  let delegate: Api;
  let conferenceId: string;
  let sha256: string;
  const run = `md${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;

  async function person(name: string, fullName: string, role: string, siteId?: string): Promise<{ api: Api; participant: ParticipantView }> {
    const user = await meeting.createUser(`${run}.${name}`, fullName);
    const added = await chair.post<ParticipantView>(path('/participants'), { userId: user.id, role, siteId });
    expect(added.status).toBe(201);
    return { api: chair.as(await meeting.login(`${run}.${name}`)), participant: added.body };
  }

  async function rendered(who: Api, format: 'pdf' | 'docx'): Promise<{ job: DocumentJobView; file: Buffer; contentType: string | null }> {
    const requested = await who.post<DocumentJobReceipt>(path('/minutes/versions/1/documents'), { format });
    expect(requested).toMatchObject({ status: 202, body: { status: 'queued' } });
    const end = Date.now() + 45_000;
    let job: DocumentJobView;
    do {
      await new Promise((r) => setTimeout(r, 200));
      job = (await who.get<DocumentJobView>(path(`/documents/${requested.body.jobId}`))).body;
      if (Date.now() > end) throw new Error(`not rendered: ${JSON.stringify(job)}\n${worker.output.slice(-2000)}`);
    } while (job.status === 'queued');
    expect(job).toMatchObject({ status: 'ready', kind: `minutes-${format}`, error: null });
    const response = await fetch(`${meeting.url}/api${path(`/documents/${job.jobId}/file`)}`, { headers: { authorization: `Bearer ${who.token}` } });
    expect(response.status).toBe(200);
    return { job, file: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
  }

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 });
    const live = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung'], {
      title: 'Hội nghị trực tuyến sơ kết công tác tổ chức xây dựng Đảng năm 2026', host: 'Ban Tổ chức Tỉnh ủy', superior: 'Tỉnh ủy Đồng Tháp',
      place: 'Đồng Tháp', chair: 'Lê Quốc Phong',
      agenda: [
        { title: 'Khai mạc, giới thiệu đại biểu', kind: 'report', presenter: 'Văn phòng Tỉnh ủy', plannedMinutes: 10 },
        { title: 'Thảo luận, góp ý dự thảo Báo cáo chính trị', kind: 'discussion', presenter: 'Các điểm cầu', plannedMinutes: 60 },
      ],
    });
    chair = live.chair;
    operator = live.operators[1];
    conferenceId = live.snapshot.conference.id;
    const [saDec, laiVung] = [live.snapshot.sites[1].id, live.snapshot.sites[2].id];
    secretary = (await person('thuky', 'Trần Thị Bích', 'secretary')).api;
    const an = await person('an', 'Nguyễn Văn Ấn', 'delegate', saDec);
    const ung = await person('ung', 'Lê Thị Ửng', 'delegate', saDec);
    const hung = await person('hung', 'Phạm Văn Hùng', 'delegate', laiVung);
    delegate = hung.api;
    await person('khach', 'Võ Thành Hiếu', 'observer', live.snapshot.sites[0].id);
    await operator.put(path(`/sites/${saDec}/attendance/${an.participant.id}`), { status: 'present' });
    await operator.put(path(`/sites/${saDec}/attendance/${ung.participant.id}`), { status: 'absent', reason: REASON });
    await live.operators[2].put(path(`/sites/${laiVung}/attendance/${hung.participant.id}`), { status: 'present' });
    // The worker stores comments, counts the vote and renders the documents.
    worker = await WorkerProcess.start({ DOCUMENT_SIGNING_P12: throwawayCertificate(SIGNER, PASSPHRASE), DOCUMENT_SIGNING_PASSPHRASE: PASSPHRASE });

    // A consultation: a delegate's comment, consolidated into one point, accepted.
    const draft = (await secretary.post<DraftVersionView>(path('/drafts'), { title: 'Dự thảo Báo cáo chính trị', text: 'Điều 1. Chỉ tiêu\nĐảng viên đạt trên 4% dân số.' })).body;
    expect((await chair.post(path(`/drafts/${draft.draftId}/consultation/open`))).status).toBe(200);
    const receipt = await an.api.post<CommentReceipt>(path(`/drafts/${draft.draftId}/comments`), { idempotencyKey: randomUUID(), kind: 'delegate', text: SPOKE });
    const stored = await until(() => an.api.get<{ commentId: string | null }>(path(`/comments/receipts/${receipt.body.receiptId}`)), (r) => !!r.body.commentId, 20_000);
    const point = await secretary.post<ConsolidationPointView>(path(`/drafts/${draft.draftId}/points`), { summary: 'Giữ chỉ tiêu 4%', commentIds: [stored.body.commentId] });
    expect((await secretary.request('PATCH', path(`/points/${point.body.id}`), { disposition: 'accepted' })).status).toBe(200);

    // An open vote on the discussion item, counted and published by the worker.
    const [opening, discussion] = live.snapshot.agenda;
    const poll = (await chair.post<PollView>(path('/polls'), { agendaItemId: discussion.id, kind: 'open', title: TARGET })).body;
    expect((await chair.post(path(`/polls/${poll.id}/open`))).status).toBe(200);
    for (const voter of [an.api, hung.api]) expect((await voter.post(path(`/polls/${poll.id}/ballots`), { idempotencyKey: randomUUID(), choice: 'yes' })).status).toBe(202);
    expect((await chair.post(path(`/polls/${poll.id}/close`))).status).toBe(200);
    await until(() => chair.get<PollView[]>(path('/polls')), (r) => r.body.find((p) => p.id === poll.id)?.status === 'published', 20_000);

    const request = await operator.post<{ id: string }>(path('/floor/requests'), { siteId: saDec, participantId: an.participant.id });
    await chair.post(path(`/floor/requests/${request.body.id}/grant`));
    await chair.post(path('/floor/end'));
    // The order of business changes, with the chair's reasons.
    for (const [step, body] of [
      [`/agenda/${discussion.id}/skip`, { expectedState: 'pending', reason: SKIPPED }], ['/adjourn', { expectedStatus: 'live', reason: ADJOURNED }],
      ['/resume', { expectedStatus: 'adjourned' }], [`/agenda/${discussion.id}/reopen`, { expectedState: 'skipped', reason: REOPENED }],
    ] as const) expect((await chair.post(path(step), body)).status).toBe(200);
    expect((await chair.post(path('/end'))).status).toBe(200);

    await secretary.put(path(`/minutes/items/${opening.id}`), { revision: 0, summary: 'Đồng chí Chủ trì phát biểu khai mạc, giới thiệu đại biểu dự hội nghị.' });
    const withSpeaker = await secretary.post<{ speakers: Array<Record<string, unknown>> }>(path(`/minutes/items/${discussion.id}/speakers`), { floorRequestId: request.body.id });
    await secretary.put(path(`/minutes/items/${discussion.id}`), {
      revision: 1, summary: 'Các điểm cầu thảo luận, góp ý dự thảo Báo cáo chính trị.', conclusion: CONCLUSION,
      speakers: withSpeaker.body.speakers.map((s) => ({ floorRequestId: s.floorRequestId, fullName: s.fullName, siteName: s.siteName, summary: SPOKE })),
      tasks: [{ unit: 'Ban Tổ chức Tỉnh ủy', task: 'Tiếp thu ý kiến, hoàn chỉnh dự thảo Báo cáo chính trị', due: '2026-12-15' }],
    });
    expect((await chair.post(path('/minutes/versions/1/documents'), { format: 'pdf' })).body).toMatchObject({ error: 'MINUTES_WRONG_STATE' });
    expect((await operator.post(path('/minutes/versions/1/documents'), { format: 'pdf' })).status).toBe(404); // a site sees published minutes only
    for (const [who, step] of [[secretary, 'submit'], [chair, 'approve'], [chair, 'publish']] as const) expect((await who.post(path(`/minutes/${step}`))).status).toBe(200);
    sha256 = (await operator.get<MinutesVersionView>(path('/minutes/versions/1'))).body.sha256!;
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('asks for a format it knows, of a version that exists, and only of the leaders and the sites\' staff', async () => {
    expect((await operator.post<ErrorResponse>(path('/minutes/versions/1/documents'), { format: 'odt' })).body)
      .toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', fields: { format: [expect.stringContaining('docx, pdf')] } });
    expect((await operator.post<ErrorResponse>(path('/minutes/versions/7/documents'), { format: 'pdf' })).body).toMatchObject({ statusCode: 404, error: 'MINUTES_VERSION_NOT_FOUND' });
    expect((await delegate.post<ErrorResponse>(path('/minutes/versions/1/documents'), { format: 'pdf' })).body).toMatchObject({ statusCode: 403, error: 'ROLE_FORBIDDEN' });
  });

  it('renders the PDF in the Party layout, fonts embedded, signed with the issuing body\'s certificate, the stored hash in the footer', async () => {
    const { job, file, contentType } = await rendered(operator, 'pdf');
    expect(contentType).toBe('application/pdf');
    expect(job).toMatchObject({ signedBy: SIGNER, fileName: expect.stringMatching(/^Bien-ban-01-BB-BTCTU-v1\.pdf$/) });
    // Page numbers: none on the first page, then 2, 3, … at the top.
    const pages = pdfPages(file).map((page) => page.split('\n').map((line) => line.trim()).filter(Boolean));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0][0]).toBe('TỈNH ỦY ĐỒNG THÁP');
    pages.slice(1).forEach((lines, i) => expect(lines[0]).toBe(String(i + 2)));
    // Every page's footer carries the stored hash; without the page numbers and footers, the body reads on across pages.
    const footer = `Biên bản số 01-BB/BTCTU, phiên bản 1. Mã SHA-256 của bản đã công bố: ${sha256}`;
    for (const lines of pages) expect(oneLine(lines.join(' '))).toContain(footer);
    const text = oneLine(pages.map((lines, i) => lines.slice(i > 0 ? 1 : 0).join(' ')).join(' ')).replaceAll(footer, ' ').replace(/\s+/g, ' ');
    for (const expected of ['TỈNH ỦY ĐỒNG THÁP', 'BAN TỔ CHỨC TỈNH ỦY', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 01-BB/BTCTU', 'BIÊN BẢN',
      'Hội nghị trực tuyến sơ kết công tác tổ chức xây dựng Đảng năm 2026', `đồng chí Lê Thị Ửng (lý do: ${REASON})`,
      `Đồng chí Nguyễn Văn Ấn (Điểm cầu Thành phố Sa Đéc): ${SPOKE}`, `Kết luận: ${CONCLUSION}`, 'THƯ KÝ HỘI NGHỊ', 'Trần Thị Bích', 'CHỦ TRÌ HỘI NGHỊ', 'Lê Quốc Phong']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Đồng Tháp, ngày \d\d tháng \d\d năm \d{4}/);
    expect(text).toContain('Khách mời: đồng chí Võ Thành Hiếu (Hội trường Tỉnh ủy).');
    expect(text).toContain('Tài liệu hội nghị: Dự thảo Báo cáo chính trị (dự thảo lần 1).');
    expect(text).toContain('Tổng số đại biểu được triệu tập: 3; có mặt: 2; vắng mặt: 1.');
    expect(text).toContain(`Biểu quyết: ${TARGET}. Hình thức: biểu quyết công khai; số phiếu thu về: 2; tỷ lệ tính trên tổng số đại biểu được triệu tập có quyền biểu quyết (3); yêu cầu quá một nửa (ít nhất 2 phiếu).`);
    expect(text).toContain('Kết quả: Tán thành: 2 (66,67%); Không tán thành: 0 (0%); Không biểu quyết: 0 (0%). Thông qua.');
    expect(text).toContain('- Dự thảo Báo cáo chính trị (dự thảo lần 1): 1 ý kiến góp ý của 1 điểm cầu; tổng hợp thành 1 nội dung: tiếp thu 1, tiếp thu một phần 0, giải trình 0.');
    // Under the item, in the order it happened; the adjournment after the items.
    const at = (pattern: string) => text.search(new RegExp(pattern));
    const [title, skipped, reopened, conclusion, adjourned, resumed] = [
      '2\\. Thảo luận, góp ý dự thảo Báo cáo chính trị', `Lúc \\d\\d giờ \\d\\d phút, chủ trì hội nghị cho hoãn nội dung này\\. Lý do: ${SKIPPED}\\.`,
      `Lúc \\d\\d giờ \\d\\d phút, chủ trì hội nghị cho thực hiện lại nội dung này\\. Lý do: ${REOPENED}\\.`, 'Kết luận: ',
      `Lúc \\d\\d giờ \\d\\d phút, hội nghị tạm dừng\\. Lý do: ${ADJOURNED}\\.`, 'Lúc \\d\\d giờ \\d\\d phút, hội nghị tiếp tục\\.',
    ].map(at);
    expect([title, skipped, reopened, conclusion, adjourned, resumed].every((i) => i >= 0)).toBe(true);
    expect(title < skipped && skipped < reopened && reopened < conclusion && conclusion < adjourned && adjourned < resumed).toBe(true);

    const fonts = pdfFonts(file).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^\S+\+LiberationSerif\S*\s.*\byes\s+yes\s+yes\s+\d+\s+\d+$/); // embedded, subset, with Unicode

    const signature = pdfSignatures(file);
    expect(signature).toContain(`Signer Certificate Common Name: ${SIGNER}`);
    expect(signature).toContain('Signature Validation: Signature is Valid.');
    expect(signature).toContain('Signature Type: ETSI.CAdES.detached');
    expect(signature).toContain('Total document signed');

    writeFileSync(join(__dirname, '..', 'docs', 'screenshots', 'minutes-page1.png'), pdfFirstPagePng(file));
  });

  it('renders the .docx with the same text and hash', async () => {
    const { job, file, contentType } = await rendered(secretary, 'docx');
    expect(contentType).toContain('wordprocessingml');
    expect(job.signedBy).toBeNull();
    const text = oneLine(await docxText(file));
    for (const expected of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BIÊN BẢN', 'Số 01-BB/BTCTU', `đồng chí Lê Thị Ửng (lý do: ${REASON})`,
      `Đồng chí Nguyễn Văn Ấn (Điểm cầu Thành phố Sa Đéc): ${SPOKE}`, `Mã SHA-256 của bản đã công bố: ${sha256}`,
      `chủ trì hội nghị cho hoãn nội dung này. Lý do: ${SKIPPED}.`, `hội nghị tạm dừng. Lý do: ${ADJOURNED}.`]) {
      expect(text).toContain(expected);
    }
  });

  it('lets each site\'s staff download, not a delegate, nor anyone of another conference', async () => {
    const { job } = await rendered(chair, 'pdf');
    const fetchFile = (who: Api) => fetch(`${meeting.url}/api${path(`/documents/${job.jobId}/file`)}`, { headers: { authorization: `Bearer ${who.token}` } });
    const otherSite = chair.as(await meeting.login(`${run}.op2`));
    expect((await fetchFile(otherSite)).status).toBe(200);
    expect((await delegate.get<ErrorResponse>(path(`/documents/${job.jobId}`))).body).toMatchObject({ statusCode: 403, error: 'ROLE_FORBIDDEN' });

    const other = await meeting.liveConference(`${run}x`, ['Huyện Tháp Mười']);
    const stranger = await meeting.createUser(`${run}x.db`, 'Đại biểu hội nghị khác');
    await other.chair.post(`/conferences/${other.snapshot.conference.id}/participants`, { userId: stranger.id, role: 'delegate', siteId: other.snapshot.sites[1].id });
    const outsider = chair.as(await meeting.login(`${run}x.db`));
    expect((await fetchFile(outsider)).status).toBe(403);
    expect((await outsider.get<ErrorResponse>(path(`/documents/${job.jobId}`))).body).toMatchObject({ statusCode: 403, error: 'NOT_A_PARTICIPANT' });
  });
});
