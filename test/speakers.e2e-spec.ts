// Speakers: a site asks for the floor with a topic (free text and a draft section), the queue says who
// and about what, the chair sets a speaking-time limit that every site sees with the holder.
import type { DraftVersionView, ErrorResponse, FloorRequestView, FloorState } from '@hoinghi/contracts';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('speakers', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[]; // 0: the main hall, 1: Sa Đéc, 2: Lai Vung
  let conferenceId: string;
  let siteIds: string[];
  let draft: DraftVersionView;
  const run = `sp${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    const live = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung']);
    ({ chair, operators } = live);
    conferenceId = live.snapshot.conference.id;
    siteIds = live.snapshot.sites.map((s) => s.id);
    const created = await chair.post<DraftVersionView>(path('/drafts'), {
      title: 'Dự thảo Kế hoạch thực hiện Nghị quyết',
      text: 'Điều 1. Mục tiêu\nNâng cao chất lượng tổ chức cơ sở đảng.\nĐiều 2. Chỉ tiêu\nĐảng viên đạt trên 4% dân số.',
    });
    expect(created.status).toBe(201);
    draft = created.body;
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  const live = async (who: Api) => LiveClient.join(await meeting.connect(who.token!), conferenceId);

  it('queues a request with its topic, refuses a section that is not a current draft section, naming the field', async () => {
    const section = draft.sections.find((s) => s.label === 'Điều 2.')!;
    const [chairConsole, saDec] = await Promise.all([live(chair), live(operators[1])]);

    const unknown = await operators[1].post<ErrorResponse>(path('/floor/requests'), { siteId: siteIds[1], sectionId: siteIds[1] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'FLOOR_SECTION_UNKNOWN', fields: { sectionId: [expect.any(String)] } });
    const malformed = await operators[1].post<ErrorResponse>(path('/floor/requests'), { siteId: siteIds[1], sectionId: 'Điều 2' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { sectionId: ['must be a UUID'] } });

    const asked = await operators[1].post<FloorRequestView>(path('/floor/requests'), {
      siteId: siteIds[1], sectionId: section.id, note: 'Đề nghị nâng chỉ tiêu kết nạp đảng viên ở khối doanh nghiệp',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      note: 'Đề nghị nâng chỉ tiêu kết nạp đảng viên ở khối doanh nghiệp', limitSeconds: null,
      section: { id: section.id, draftId: draft.draftId, draftTitle: 'Dự thảo Kế hoạch thực hiện Nghị quyết', label: 'Điều 2.', heading: 'Chỉ tiêu' },
    });
    await chairConsole.until((s) => s.floor.queue.some((r) => r.id === asked.body.id && r.section?.label === 'Điều 2.'));
    await saDec.until((s) => s.floor.queue.some((r) => r.id === asked.body.id && r.note !== null));
    // A site that asks with only a few words, and one with no topic at all, are still welcome.
    const plain = await operators[2].post<FloorRequestView>(path('/floor/requests'), { siteId: siteIds[2], note: 'Kiến nghị về cán bộ ấp, khóm' });
    expect(plain.status).toBe(201);
    expect(plain.body.section).toBeNull();
  });

  it('sets a speaking-time limit (the chair only, 30 s to 1 h), and every site sees the holder with it', async () => {
    const [laiVung, saDec] = await Promise.all([live(operators[2]), live(operators[1])]);
    const request = saDec.snapshot.floor.queue.find((r) => r.siteId === siteIds[1])!;

    const byOperator = await operators[1].put<ErrorResponse>(path(`/floor/requests/${request.id}/limit`), { limitSeconds: 300 });
    expect(byOperator.status).toBe(403);
    expect(byOperator.body.error).toBe('ROLE_FORBIDDEN');
    const tooShort = await chair.put<ErrorResponse>(path(`/floor/requests/${request.id}/limit`), { limitSeconds: 20 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { limitSeconds: ['must be at least 30'] } });
    const unknown = await chair.put<ErrorResponse>(path(`/floor/requests/${siteIds[0]}/limit`), { limitSeconds: 300 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('FLOOR_REQUEST_NOT_FOUND');

    // Set while waiting: the site sees it on its request.
    const set = await chair.put<FloorState>(path(`/floor/requests/${request.id}/limit`), { limitSeconds: 300 });
    expect(set.status).toBe(200);
    expect(set.body.queue.find((r) => r.id === request.id)?.limitSeconds).toBe(300);
    await saDec.until((s) => s.floor.queue.find((r) => r.id === request.id)?.limitSeconds === 300);

    // Granted: every site (Lai Vung too) has the holder with its topic and limit, and sees it shortened.
    expect((await chair.post(path(`/floor/requests/${request.id}/grant`))).status).toBe(200);
    await laiVung.until((s) => s.floor.holder?.id === request.id && s.floor.holder.limitSeconds === 300 && s.floor.holder.section?.label === 'Điều 2.');
    const shortened = await chair.put<FloorState>(path(`/floor/requests/${request.id}/limit`), { limitSeconds: 120 });
    expect(shortened.body.holder).toMatchObject({ id: request.id, limitSeconds: 120 });
    await laiVung.until((s) => s.floor.holder?.limitSeconds === 120);
    await saDec.until((s) => s.floor.holder?.limitSeconds === 120);
    const cleared = await chair.put<FloorState>(path(`/floor/requests/${request.id}/limit`), { limitSeconds: null });
    expect(cleared.body.holder?.limitSeconds).toBeNull();
    await laiVung.until((s) => s.floor.holder?.id === request.id && s.floor.holder.limitSeconds === null);

    // After the turn: 409 with a sentence.
    expect((await chair.post(path('/floor/end'))).status).toBe(200);
    const closed = await chair.put<ErrorResponse>(path(`/floor/requests/${request.id}/limit`), { limitSeconds: 60 });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ error: 'FLOOR_REQUEST_CLOSED', message: expect.stringContaining('done') });
  });
});
