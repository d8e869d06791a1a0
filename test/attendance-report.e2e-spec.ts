// The attendance report (.xlsx) per site: names, states and reasons, for the chairs and the secretariat
// (every site) and each site's staff (their own), read back with exceljs.
import ExcelJS from 'exceljs';
import type { ConferenceSnapshot, ErrorResponse } from '@hoinghi/contracts';
import { Api, MeetingHarness } from './support/meeting-harness';

const REASON = 'Đi công tác tại Thành phố Hồ Chí Minh';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('attendance report', () => {
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[]; // 0: the main hall, 1: Sa Đéc, 2: Lai Vung
  let secretary: Api;
  let delegate: Api;
  let snapshot: ConferenceSnapshot;
  let conferenceId: string;
  const run = `ar${Date.now().toString(36)}`;
  const path = (rest = '') => `/conferences/${conferenceId}${rest}`;
  const site = (i: number) => snapshot.sites[i].id;

  beforeAll(async () => {
    meeting = await MeetingHarness.start();
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc', 'Huyện Lai Vung'], { title: 'Hội nghị sơ kết công tác tổ chức xây dựng Đảng' }));
    conferenceId = snapshot.conference.id;
    const add = (name: string, fullName: string, role: string, siteId?: string) => meeting.convene(chair, conferenceId, `${run}.${name}`, fullName, role, siteId);
    secretary = (await add('thuky', 'Thư ký hội nghị', 'secretary')).api;
    const people = [
      await add('d1', 'Trần Văn Đức', 'delegate', site(1)),
      await add('d2', 'Lê Thị Ánh', 'delegate', site(1)),
      await add('d3', 'Nguyễn Văn Bình', 'delegate', site(1)),
      await add('d4', 'Phạm Thị Hoa', 'delegate', site(2)),
    ];
    delegate = people[0].api;
    const check = (i: number, status: string, reason?: string) =>
      operators[1].put(path(`/sites/${site(1)}/attendance/${people[i].participant.id}`), { status, reason });
    expect((await check(0, 'absent', REASON)).status).toBe(200);
    expect((await check(1, 'late')).status).toBe(200);
  });

  afterAll(async () => {
    await meeting?.stop();
  });

  async function fetchReport(who: Api, rest: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
    const response = await fetch(`${meeting.url}/api${path(rest)}`, { headers: { authorization: `Bearer ${who.token}` } });
    return {
      status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    return book;
  }

  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const values: string[] = [];
      // A merged title line is one cell: the others of the merge repeat its value.
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (!cell.isMerged || cell.master.address === cell.address) values.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
      });
      rows.push(values);
    });
    return rows;
  };

  it('gives the chairs and the secretariat every site, a worksheet each, with names, states and reasons', async () => {
    for (const who of [chair, secretary]) {
      const report = await fetchReport(who, '/attendance/report');
      expect(report.status).toBe(200);
      expect(report.type).toBe(XLSX);
      expect(report.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo điểm danh - Hội nghị sơ kết công tác tổ chức xây dựng Đảng.xlsx')}`);
      const book = await workbook(report.bytes);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Hội trường Tỉnh ủy', 'Điểm cầu Huyện Lai Vung', 'Điểm cầu Thành phố Sa Đéc']);
      const saDec = rowsOf(book.getWorksheet('Điểm cầu Thành phố Sa Đéc')!);
      expect(saDec[0]).toEqual(['BÁO CÁO ĐIỂM DANH']);
      expect(saDec[1]).toEqual(['Hội nghị sơ kết công tác tổ chức xây dựng Đảng']);
      const header = saDec.findIndex((r) => r[0] === 'STT');
      expect(saDec[header]).toEqual(['STT', 'Họ và tên', 'Trạng thái', 'Lý do vắng', 'Giờ có mặt', 'Giờ rời hội nghị']);
      // Sorted by name as Vietnamese sorts it; the operator (not a delegate) is not listed.
      expect(saDec.slice(header + 1, header + 4).map((r) => r.slice(0, 4))).toEqual([
        ['1', 'Lê Thị Ánh', 'Đến muộn', ''],
        ['2', 'Nguyễn Văn Bình', 'Chưa điểm danh', ''],
        ['3', 'Trần Văn Đức', 'Vắng', REASON],
      ]);
      expect(saDec[header + 1][4]).toMatch(/^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
      expect(saDec.at(-1)).toEqual(['Triệu tập 3 · Có mặt 1 (đến muộn 1) · Vắng 1 · Chưa có mặt 1']);
      expect(rowsOf(book.getWorksheet('Điểm cầu Huyện Lai Vung')!).some((r) => r[1] === 'Phạm Thị Hoa')).toBe(true);
    }
  });

  it("gives a site's staff its own site's report only; refuses delegates and others (403), unknown sites (404), a malformed id (400)", async () => {
    const own = await fetchReport(operators[1], `/sites/${site(1)}/attendance/report`);
    expect(own.status).toBe(200);
    const book = await workbook(own.bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Điểm cầu Thành phố Sa Đéc']);
    expect(JSON.stringify(rowsOf(book.worksheets[0]))).toContain(REASON);
    expect((await fetchReport(chair, `/sites/${site(1)}/attendance/report`)).status).toBe(200);
    expect((await fetchReport(secretary, `/sites/${site(2)}/attendance/report`)).status).toBe(200);

    for (const [who, rest] of [
      [operators[2], `/sites/${site(1)}/attendance/report`], // another district
      [operators[1], '/attendance/report'], // every site: the leaders only
      [delegate, `/sites/${site(1)}/attendance/report`], // a delegate of the site
    ] as const) {
      const refused = await fetchReport(who, rest);
      expect(refused.status).toBe(403);
      const body = JSON.parse(refused.bytes.toString()) as ErrorResponse;
      expect(body.error).toBe('ROLE_FORBIDDEN');
      expect(refused.bytes.toString()).not.toContain(REASON);
    }
    const unknown = await fetchReport(chair, `/sites/${conferenceId}/attendance/report`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.bytes.toString()).error).toBe('SITE_NOT_FOUND');
    const malformed = await fetchReport(chair, '/sites/sa-dec/attendance/report');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.bytes.toString())).toMatchObject({ fields: { siteId: [expect.any(String)] } });
  });
});
