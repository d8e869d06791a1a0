// Setting up who takes part: the organiser adds people to sites from the directory, changes a role or a
// voting right, removes one, and imports the whole list from the spreadsheet it is kept in (.xlsx, .csv).
import type { ConferenceSnapshot, ImportPreview, ImportResult, ParticipantView } from '@hoinghi/contracts';
import ExcelJS from 'exceljs';
import { Api, MeetingHarness } from './support/meeting-harness';

describe('participants of a conference, set up by its organiser', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let stranger: Api;
  let snapshot: ConferenceSnapshot;
  const run = `ps${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${snapshot.conference.id}/participants${rest}`;
  const site = (name: string) => snapshot.sites.find((s) => s.name.includes(name))!.id;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    const province = await meeting.createOrgUnit(`Tỉnh ủy Đồng Tháp ${run}`, 'province');
    const sadec = await meeting.createOrgUnit(`Thành ủy Sa Đéc ${run}`, 'commune', province.id);
    await meeting.createUser(`${run}.chutri`, 'Lê Quốc Phong', { canConvene: true });
    await meeting.createUser(`${run}.khac`, 'Người Ngoài', { canConvene: true });
    chair = new Api(meeting.url).as(await meeting.login(`${run}.chutri`));
    stranger = chair.as(await meeting.login(`${run}.khac`));
    const created = await chair.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị sơ kết', kind: 'review', hostUnitId: province.id, plannedStart: '2026-12-01T01:00:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [
        { key: 'main', name: 'Hội trường Tỉnh ủy', orgUnitId: province.id, isMain: true },
        { key: 'sd', name: 'Điểm cầu Thành phố Sa Đéc', orgUnitId: sadec.id },
        { key: 'lv', name: 'Điểm cầu Huyện Lấp Vò', orgUnitId: province.id },
      ],
      agenda: [{ title: 'Báo cáo sơ kết', kind: 'report', plannedMinutes: 30 }],
    });
    expect(created.status).toBe(201);
    snapshot = created.body;
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  async function upload(who: Api, rest: string, bytes: Buffer | null, name: string) {
    const form = new FormData();
    if (bytes) form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${meeting.url}/api${path(rest)}`, { method: 'POST', headers: { authorization: `Bearer ${who.token}` }, body: form });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('adds a person found in the directory without diacritics, changes the voting right, moves and removes them', async () => {
    const person = await meeting.createUser(`${run}.nva`, 'Nguyễn Văn Ánh');
    const found = await chair.get(`/users?q=${encodeURIComponent('nguyen van anh')}`);
    expect(found.body.items.map((u: { id: string }) => u.id)).toContain(person.id);

    const added = await chair.post<ParticipantView>(path(), { userId: person.id, role: 'delegate', siteId: site('Sa Đéc'), votingRight: false });
    expect(added).toMatchObject({ status: 201, body: { role: 'delegate', votingRight: false, siteId: site('Sa Đéc') } });
    const id = added.body.id;

    const voting = await chair.patch<ParticipantView>(path(`/${id}`), { votingRight: true, siteId: site('Lấp Vò') });
    expect(voting).toMatchObject({ status: 200, body: { votingRight: true, siteId: site('Lấp Vò') } });
    const operator = await chair.patch<ParticipantView>(path(`/${id}`), { role: 'site_operator' });
    expect(operator.body).toMatchObject({ role: 'site_operator', votingRight: false });
    const list = await chair.get<ParticipantView[]>(path());
    expect(list.body.find((p) => p.id === id)).toMatchObject({ role: 'site_operator', votingRight: false });

    expect((await chair.delete(path(`/${id}`))).status).toBe(204);
    expect((await chair.get<ParticipantView[]>(path())).body.some((p) => p.id === id)).toBe(false);
  });

  it('answers 400 naming the field, 403 to a non-organiser, 404 for another id, 409 for the last chair', async () => {
    const person = await meeting.createUser(`${run}.tvb`, 'Trần Văn Bảy');
    const { body: added } = await chair.post<ParticipantView>(path(), { userId: person.id, role: 'observer' });
    const bad = await chair.patch(path(`/${added.id}`), { role: 'delegate' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'SITE_REQUIRED_FOR_ROLE', fields: { siteId: ['is required for the role delegate'] } } });
    expect((await chair.patch(path(`/${added.id}`), { votingRight: 'yes' })).body).toMatchObject({ error: 'VALIDATION_FAILED', fields: { votingRight: ['must be true or false'] } });
    expect((await stranger.patch(path(`/${added.id}`), { votingRight: true })).body.error).toBe('NOT_A_PARTICIPANT');
    expect((await stranger.delete(path(`/${added.id}`))).status).toBe(403);
    expect((await chair.patch(path('/00000000-0000-4000-8000-000000000000'), { votingRight: true })).body.error).toBe('PARTICIPANT_NOT_FOUND');
    expect((await chair.patch(path(`/${added.id}`), { siteId: '00000000-0000-4000-8000-000000000000', role: 'delegate' })).body.error).toBe('SITE_NOT_FOUND');
    const me = (await chair.get<ParticipantView[]>(path())).body.find((p) => p.role === 'chair')!;
    const last = await chair.delete(path(`/${me.id}`));
    expect(last).toMatchObject({ status: 409, body: { error: 'LAST_CHAIR' } });
  });

  /** The list as a provincial office keeps it: a title line, the usual columns, Vietnamese words. */
  async function delegatesXlsx(rows: string[][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ']);
    sheet.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị / Điểm cầu', 'Vai trò', 'Biểu quyết', 'Tên đăng nhập']);
    rows.forEach((row, i) => sheet.addRow([i + 1, ...row]));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('imports an .xlsx: previews every row, then applies them all in one go with one-time passwords for new accounts', async () => {
    await meeting.createUser(`${run}.ttc`, 'Trương Thị Cúc');
    const file = await delegatesXlsx([
      ['Trương Thị Cúc', 'Bí thư Thành ủy', 'Sa Đéc', 'Đại biểu', 'Có', `${run}.ttc`],
      ['Đặng Văn Dũng', 'Phó Bí thư', 'Điểm cầu Huyện Lấp Vò', 'Đại biểu', 'Không', `${run}.dvd`],
      ['Huỳnh Văn Em', '', 'lap vo', 'Kỹ thuật viên', '', `${run}.hve`],
    ]);
    const preview = await upload(chair, '/import/preview', file, 'Danh sách đại biểu.xlsx');
    expect(preview.status).toBe(200);
    const body = preview.body as ImportPreview;
    expect(body).toMatchObject({ fileName: 'Danh sách đại biểu.xlsx', errors: [], counts: { rows: 3, add: 1, createUser: 2, invalid: 0 } });
    expect(body.rows.map((r) => [r.row, r.role, r.siteName, r.votingRight, r.action])).toEqual([
      [3, 'delegate', 'Điểm cầu Thành phố Sa Đéc', true, 'add'],
      [4, 'delegate', 'Điểm cầu Huyện Lấp Vò', false, 'create_user'],
      [5, 'site_operator', 'Điểm cầu Huyện Lấp Vò', false, 'create_user'],
    ]);
    // A preview writes nothing.
    expect((await chair.get<ParticipantView[]>(path())).body.some((p) => p.fullName === 'Đặng Văn Dũng')).toBe(false);

    const done = await upload(chair, '/import', file, 'Danh sách đại biểu.xlsx');
    expect(done.status).toBe(201);
    const result = done.body as ImportResult;
    expect(result.added).toHaveLength(3);
    expect(result.createdUsers.map((u) => u.username).sort()).toEqual([`${run}.dvd`, `${run}.hve`]);
    // The one-time password is the new account's.
    const dung = result.createdUsers.find((u) => u.username === `${run}.dvd`)!;
    expect(dung.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(await meeting.login(dung.username, dung.password)).toEqual(expect.any(String));

    // The same list again changes nothing; the quorum counts the new delegates.
    const again = await upload(chair, '/import', file, 'Danh sách đại biểu.xlsx');
    expect(again.body).toMatchObject({ added: [], unchanged: 3, createdUsers: [] });
    const conference = await chair.get<ConferenceSnapshot>(`/conferences/${snapshot.conference.id}`);
    expect(conference.body.attendance.totals.convened).toBe(2);
  });

  it('imports a CSV as Vietnamese Excel saves it (BOM, `;`, quotes) and refuses the whole list when a row is wrong', async () => {
    const csv = '\uFEFF' + [
      'STT;Họ và tên;Chức vụ;Đơn vị / Điểm cầu;Vai trò;Biểu quyết;Tên đăng nhập',
      '1;"Phan Văn Giàu";"Trưởng ban; Ban Tuyên giáo";Sa Đéc;Đại biểu;x;',
      '2;;;Sa Đéc;Đại biểu;;',
      '3;Lý Thị Hoa;;Hà Nội;Phóng viên;có lẽ;',
      `4;Người Khác;;Sa Đéc;Đại biểu;;${run}.ttc`,
    ].join('\r\n') + '\r\n';
    const preview = await upload(chair, '/import/preview', Buffer.from(csv, 'utf8'), 'danh-sach.csv');
    expect(preview.status).toBe(200);
    expect(preview.body.rows[0]).toMatchObject({ row: 2, fullName: 'Phan Văn Giàu', position: 'Trưởng ban; Ban Tuyên giáo', username: 'phanvangiau', action: 'create_user' });
    expect((preview.body as ImportPreview).errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'fullName', 'FULL_NAME_REQUIRED'],
      [4, 'role', 'ROLE_UNKNOWN'],
      [4, 'votingRight', 'VOTE_UNKNOWN'],
      [4, 'site', 'SITE_UNKNOWN'],
      [5, 'fullName', 'NAME_MISMATCH'],
    ]);
    const refused = await upload(chair, '/import', Buffer.from(csv, 'utf8'), 'danh-sach.csv');
    expect(refused).toMatchObject({ status: 400, body: { error: 'IMPORT_ROWS_INVALID', fields: { 'rows.4.site': ['"Hà Nội" is not a site of this conference.'] } } });
    expect((await chair.get<ParticipantView[]>(path())).body.some((p) => p.fullName === 'Phan Văn Giàu')).toBe(false);
  });

  it('refuses a file that is not a list, and a caller who does not organise the conference', async () => {
    expect((await upload(chair, '/import/preview', null, 'x.csv')).body).toMatchObject({ error: 'IMPORT_FILE_INVALID', fields: { file: [expect.any(String)] } });
    const noHeader = await upload(chair, '/import/preview', Buffer.from('a;b;c\n1;2;3\n'), 'x.csv');
    expect(noHeader).toMatchObject({ status: 400, body: { error: 'IMPORT_FILE_INVALID', fields: { file: [expect.stringContaining('Họ và tên')] } } });
    const latin1 = await upload(chair, '/import/preview', Buffer.from('Họ và tên;Vai trò\nNguyễn;Đại biểu\n', 'latin1'), 'x.csv');
    expect(latin1.body.error).toBe('IMPORT_FILE_INVALID');
    const brokenZip = await upload(chair, '/import/preview', Buffer.from('PK\u0003\u0004 not a workbook'), 'x.xlsx');
    expect(brokenZip.body.error).toBe('IMPORT_FILE_INVALID');
    const file = await delegatesXlsx([['Ai Đó', '', 'Sa Đéc', 'Đại biểu', '', '']]);
    expect((await upload(stranger, '/import/preview', file, 'x.xlsx')).status).toBe(403);
    expect((await upload(stranger, '/import', file, 'x.xlsx')).body.error).toBe('NOT_A_PARTICIPANT');
    const missing = await fetch(`${meeting.url}/api/conferences/00000000-0000-4000-8000-000000000000/participants/import/preview`, {
      method: 'POST', headers: { authorization: `Bearer ${chair.token}` }, body: (() => { const f = new FormData(); f.append('file', new Blob([new Uint8Array(file)]), 'x.xlsx'); return f; })(),
    });
    expect(missing.status).toBe(404);
  });
});
