// Drafts (dự thảo) put to a conference by the secretariat: a real Word file split into its numbered
// sections, versions and their differences, and everything bad refused without a trace.
import type { DraftDiffView, DraftSummary, DraftVersionView, ErrorResponse, ParticipantView } from '@hoinghi/contracts';
import {
  AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow,
} from 'docx';
import { LiveClient } from './support/live-client';
import { Api, MeetingHarness } from './support/meeting-harness';

/** A regulation as officials write it in Word: styles, automatic numbering, a table, diacritics. */
async function regulationDocx(): Promise<Buffer> {
  const numbered = (text: string, level: number) => new Paragraph({ text, numbering: { reference: 'points', level } });
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    numbering: {
      config: [{
        reference: 'points',
        levels: [
          { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
          { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
        ],
      }],
    },
    sections: [{
      children: [
        new Paragraph({ text: 'DỰ THẢO QUY ĐỊNH về công tác kết nạp đảng viên', heading: HeadingLevel.TITLE }),
        new Paragraph('Chương I'),
        new Paragraph('QUY ĐỊNH CHUNG'),
        new Paragraph('Điều 1. Phạm vi điều chỉnh'),
        new Paragraph('Quy định này áp dụng đối với các tổ chức cơ sở đảng trực thuộc Tỉnh ủy Đồng Tháp.'),
        new Paragraph('Điều 2. Chỉ tiêu'),
        numbered('Kết nạp đảng viên mới hằng năm đạt trên 3% tổng số đảng viên;', 0),
        numbered('trong đó đoàn viên ưu tú chiếm ít nhất 60%;', 1),
        numbered('Đến năm 2025, đảng viên đạt trên 4% dân số.', 0),
        new Table({ rows: [new TableRow({ children: [cell('Năm'), cell('Chỉ tiêu')] }), new TableRow({ children: [cell('2024'), cell('2.500 đảng viên')] })] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

describe('drafts', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let secretary: Api;
  let operator: Api;
  let conferenceId: string;
  const run = `dr${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}/drafts${rest}`;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    const live = await meeting.liveConference(run, ['Huyện Cao Lãnh']);
    ({ chair } = live);
    operator = live.operators[1];
    conferenceId = live.snapshot.conference.id;
    const user = await meeting.createUser(`${run}.thuky`, 'Thư ký hội nghị');
    const added = await chair.post<ParticipantView>(`/conferences/${conferenceId}/participants`, { userId: user.id, role: 'secretary' });
    expect(added.status).toBe(201);
    secretary = chair.as(await meeting.login(`${run}.thuky`));
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  async function upload(who: Api, rest: string, file: Blob | null, fields: Record<string, string>): Promise<{ status: number; body: any }> {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    if (file) form.append('file', file, 'Dự thảo Quy định.docx');
    const response = await fetch(`${meeting.url}/api${path(rest)}`, { method: 'POST', headers: { authorization: `Bearer ${who.token}` }, body: form });
    return { status: response.status, body: await response.json() };
  }
  const docxBlob = (bytes: Buffer) => new Blob([new Uint8Array(bytes)], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });

  it('splits a Word file into its chapters, articles and numbered points, and tells every site', async () => {
    const district = await LiveClient.join(await meeting.connect(operator.token!), conferenceId);
    const imported = await upload(secretary, '/import', docxBlob(await regulationDocx()), { title: 'Dự thảo Quy định kết nạp đảng viên' });
    expect(imported.status).toBe(201);
    const version = imported.body as DraftVersionView;
    expect(version).toMatchObject({ version: 1, source: 'docx', fileName: 'Dự thảo Quy định.docx', createdByName: 'Thư ký hội nghị' });
    expect(version.sections.map((s) => `${s.level}|${s.label}|${s.heading}`)).toEqual([
      '1||DỰ THẢO QUY ĐỊNH về công tác kết nạp đảng viên',
      '2|Chương I|QUY ĐỊNH CHUNG',
      '5|Điều 1.|Phạm vi điều chỉnh',
      '5|Điều 2.|Chỉ tiêu',
      '6|1.|',
      '8|a)|',
      '6|2.|',
    ]);
    const byLabel = new Map(version.sections.map((s) => [s.label, s]));
    expect(byLabel.get('Điều 1.')!.text).toBe('Quy định này áp dụng đối với các tổ chức cơ sở đảng trực thuộc Tỉnh ủy Đồng Tháp.');
    expect(byLabel.get('a)')!.text).toBe('trong đó đoàn viên ưu tú chiếm ít nhất 60%;');
    expect(byLabel.get('a)')!.parentId).toBe(byLabel.get('1.')!.id);
    expect(byLabel.get('1.')!.parentId).toBe(byLabel.get('Điều 2.')!.id);
    expect(byLabel.get('2.')!.text).toBe('Đến năm 2025, đảng viên đạt trên 4% dân số.\nNăm | Chỉ tiêu\n2024 | 2.500 đảng viên');

    // Every site hears of it live; anyone convened reads it.
    const seen = await district.until((s) => s.drafts.some((d) => d.id === version.draftId));
    expect(seen.drafts.find((d) => d.id === version.draftId)).toMatchObject({ currentVersion: 1, sectionCount: 7, consultation: 'not_open' });
    expect((await operator.get<DraftVersionView>(path(`/${version.draftId}`))).body.sections).toHaveLength(7);
  });

  it('refuses a file that is not a Word document, a missing file, one too large, and anyone but the secretariat — changing nothing', async () => {
    const before = (await chair.get<DraftSummary[]>(path())).body.length;
    const notDocx = await upload(secretary, '/import', docxBlob(Buffer.from('PK\u0003\u0004 not really a zip archive')), { title: 'Hỏng' });
    expect(notDocx.status).toBe(400);
    expect(notDocx.body as ErrorResponse).toMatchObject({ error: 'DRAFT_FILE_INVALID', fields: { file: [expect.stringMatching(/Word/)] } });
    const text = await upload(secretary, '/import', docxBlob(Buffer.from('Điều 1. Không phải tệp Word')), { title: 'Hỏng' });
    expect(text.body).toMatchObject({ error: 'DRAFT_FILE_INVALID' });
    expect((await upload(secretary, '/import', null, { title: 'Thiếu tệp' })).body).toMatchObject({ error: 'DRAFT_FILE_INVALID', fields: { file: [expect.any(String)] } });
    const huge = await upload(secretary, '/import', docxBlob(Buffer.alloc(5 * 1024 * 1024 + 1, 1)), { title: 'Quá lớn' });
    expect(huge.status).toBe(413);
    expect((await upload(operator, '/import', docxBlob(await regulationDocx()), { title: 'Không có quyền' })).status).toBe(403);
    expect((await operator.post(path(), { title: 'Không có quyền', text: 'Điều 1. A' })).status).toBe(403);
    expect((await secretary.post(path(), { title: 'Trống', text: ' \n ' })).body).toMatchObject({ error: 'DRAFT_EMPTY' });
    expect((await secretary.post(path(), { title: 'Thiếu nội dung' })).body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { text: ['is required'] } });
    expect((await chair.get<DraftSummary[]>(path())).body).toHaveLength(before);
  });

  it('keeps versions and shows what changed between them, section by section', async () => {
    const created = await secretary.post<DraftVersionView>(path(), {
      title: 'Dự thảo Kết luận', text: 'Điều 1. Mục tiêu\nNâng cao chất lượng\nĐiều 2. Giải pháp\nTăng cường kiểm tra\nĐiều 3. Tổ chức thực hiện',
    });
    expect(created.status).toBe(201);
    const draftId = created.body.draftId;
    const second = await secretary.post<DraftVersionView>(path(`/${draftId}/versions`), {
      text: 'Điều 1. Mục tiêu\nNâng cao chất lượng\nĐiều 2. Giải pháp\nTăng cường kiểm tra, giám sát\nĐiều 4. Hiệu lực', note: 'Tiếp thu ý kiến huyện Cao Lãnh',
    });
    expect(second.body).toMatchObject({ version: 2, note: 'Tiếp thu ý kiến huyện Cao Lãnh' });
    const diff = (await operator.get<DraftDiffView>(path(`/${draftId}/diff?from=1&to=2`))).body;
    expect(diff.changes.map((c) => `${c.change}:${('after' in c ? c.after : c.before).label}`)).toEqual([
      'unchanged:Điều 1.', 'changed:Điều 2.', 'added:Điều 4.', 'removed:Điều 3.',
    ]);
    expect((await operator.get<DraftVersionView>(path(`/${draftId}/versions/1`))).body.sections.map((s) => s.label)).toEqual(['Điều 1.', 'Điều 2.', 'Điều 3.']);
    expect((await operator.get(path(`/${draftId}/versions/9`))).body).toMatchObject({ error: 'DRAFT_VERSION_NOT_FOUND' });
    expect((await operator.get(path(`/00000000-0000-4000-8000-000000000000`))).body).toMatchObject({ error: 'DRAFT_NOT_FOUND' });
  });
});
