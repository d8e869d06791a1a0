/// <reference lib="dom" />
// An organiser sets a conference up entirely in the app, in Chromium: the province's delegates come from
// the spreadsheet the Organisation Board keeps (one row wrong first, then fixed), a voting right is changed
// by hand, the quorum rule is edited; the administrator adds a commune unit and records its new term. Screenshots at 1280×720 and 390×844.
import type { ConferenceSnapshot } from '@hoinghi/contracts';
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { Api, MeetingHarness, TEST_PASSWORD } from '../support/meeting-harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

async function delegateList(path: string, siteOfHoa: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('DS đại biểu');
  sheet.addRow(['DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ SƠ KẾT']);
  sheet.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị / Điểm cầu', 'Vai trò', 'Biểu quyết', 'Tên đăng nhập']);
  const rows = [
    ['Nguyễn Văn Bình', 'Bí thư Thành ủy', 'Sa Đéc', 'Đại biểu', 'Có', ''],
    ['Lê Thị Hoa', 'Phó Bí thư', siteOfHoa, 'Đại biểu', 'Có', ''],
    ['Trần Minh Khoa', 'Phóng viên Báo Đồng Tháp', 'Sa Đéc', 'Đại biểu', 'Không', ''],
    ['Phạm Văn Tài', 'Chuyên viên', 'Lấp Vò', 'Kỹ thuật viên', '', ''],
  ];
  rows.forEach((row, i) => sheet.addRow([i + 1, ...row]));
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
}

describe('an organiser sets up a conference in Chromium', () => {
  let meeting: MeetingHarness;
  let browser: Browser;
  let laptop: Page;
  let phone: Page;
  let conferenceId: string;
  const run = `bs${Date.now().toString(36)}`;

  beforeAll(async () => {
    // A database of its own: the admin screen lists every unit, and other suites make units of the same names.
    meeting = await MeetingHarness.start({ webDistDir: join(__dirname, '..', '..', 'dist', 'web') }, { ownDatabase: 'browser_setup' });
    const province = await meeting.createOrgUnit(`Tỉnh ủy Đồng Tháp`, 'province');
    await meeting.createUser(`${run}.btc`, 'Ban Tổ chức Tỉnh ủy', { canConvene: true, isAdmin: true });
    const organiser = new Api(meeting.url).as(await meeting.login(`${run}.btc`));
    const created = await organiser.post<ConferenceSnapshot>('/conferences', {
      title: 'Hội nghị sơ kết công tác tổ chức xây dựng Đảng', kind: 'review', hostUnitId: province.id,
      plannedStart: '2026-12-01T01:00:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [
        { key: 'main', name: 'Hội trường Tỉnh ủy', orgUnitId: province.id, isMain: true },
        { key: 'sd', name: 'Điểm cầu Thành phố Sa Đéc', orgUnitId: province.id },
        { key: 'lv', name: 'Điểm cầu Huyện Lấp Vò', orgUnitId: province.id },
      ],
      agenda: [{ title: 'Báo cáo sơ kết', kind: 'report', plannedMinutes: 30 }],
    });
    conferenceId = created.body.conference.id;
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    laptop = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' })).newPage();
    phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await meeting?.stop();
  });

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${meeting.url}/login`);
    await page.getByTestId('login-username').fill(`${run}.btc`);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('conference-list').waitFor();
  }

  it('imports the delegates from a spreadsheet: a wrong row is shown in Vietnamese, the fixed file goes in whole', async () => {
    await logIn(laptop);
    await laptop.getByTestId('setup-link').first().click();
    await laptop.getByTestId('setup-page').waitFor();

    const wrong = join(tmpdir(), `${run}-sai.xlsx`);
    await delegateList(wrong, 'Hà Nội');
    await laptop.getByTestId('import-file').setInputFiles(wrong);
    await laptop.getByTestId('import-preview').click();
    await laptop.getByTestId('import-error').filter({ hasText: 'Không có điểm cầu này trong hội nghị.' }).waitFor();
    await expect(laptop.getByTestId('import-commit').isDisabled()).resolves.toBe(true);

    const fixed = join(tmpdir(), `${run}-dung.xlsx`);
    await delegateList(fixed, 'Điểm cầu Huyện Lấp Vò');
    await laptop.getByTestId('import-file').setInputFiles(fixed);
    await laptop.getByTestId('import-preview').click();
    await laptop.getByTestId('import-counts').filter({ hasText: '4 dòng' }).waitFor();
    await laptop.getByTestId('import-preview-table').scrollIntoViewIfNeeded();
    await laptop.screenshot({ path: join(SCREENSHOTS, 'setup-import-laptop.png') });
    await laptop.getByTestId('import-commit').click();
    await laptop.getByTestId('import-passwords').waitFor();
    await expect(laptop.getByTestId('import-passwords').locator('tbody tr').count()).resolves.toBe(4);
    await laptop.getByTestId('person-row').filter({ hasText: 'Trần Minh Khoa' }).waitFor();
  });

  it('changes a voting right and the quorum rule by hand', async () => {
    const khoa = laptop.getByTestId('person-row').filter({ hasText: 'Trần Minh Khoa' });
    await expect(khoa.getByRole('checkbox').isChecked()).resolves.toBe(false);
    await khoa.getByRole('checkbox').click(); // the box follows the server's answer
    await khoa.locator('input[type="checkbox"]:checked').waitFor();
    const organiser = new Api(meeting.url).as(await meeting.login(`${run}.btc`));
    await waitUntil(async () => {
      const list = (await organiser.get(`/conferences/${conferenceId}/participants`)).body as Array<{ fullName: string; votingRight: boolean }>;
      return list.find((p) => p.fullName === 'Trần Minh Khoa')?.votingRight === true;
    });

    await laptop.locator('#setup-quorum').fill('1');
    await laptop.getByLabel('Tỷ lệ hợp lệ (có mặt / triệu tập)').nth(1).fill('2');
    await laptop.getByTestId('setup-save').click();
    await laptop.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    await laptop.evaluate(() => window.scrollTo(0, 0));
    await laptop.screenshot({ path: join(SCREENSHOTS, 'setup-laptop.png') });
  });

  it('works on a phone, and the administrator adds a commune unit', async () => {
    await logIn(phone);
    await phone.goto(`${meeting.url}/conferences/${conferenceId}/setup`);
    await phone.getByTestId('person-row').first().waitFor();
    await phone.getByTestId('setup-people').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SCREENSHOTS, 'setup-phone.png') });
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    await phone.goto(`${meeting.url}/admin`);
    await phone.getByTestId('admin-units').waitFor();
    await phone.getByTestId('unit-row').filter({ hasText: /^Tỉnh ủy Đồng Tháp ·/ }).getByRole('button', { name: 'Xem đơn vị trực thuộc' }).click();
    await phone.getByTestId('new-unit-name').fill('Đảng ủy xã Mỹ An');
    await phone.getByTestId('new-unit-submit').click();
    await phone.getByTestId('unit-row').filter({ hasText: 'Đảng ủy xã Mỹ An' }).filter({ hasText: 'Xã, phường' }).waitFor();
    // Its congress opened a new term: its minutes are numbered from 01 again from that day.
    await phone.getByTestId('unit-row').filter({ hasText: 'Đảng ủy xã Mỹ An' }).getByRole('button', { name: 'Đổi tên / Chuyển' }).click();
    await phone.getByTestId('unit-term-input').fill('2025-10-15');
    await phone.getByRole('button', { name: 'Lưu' }).click();
    await phone.getByTestId('unit-row').filter({ hasText: 'Đảng ủy xã Mỹ An' }).getByTestId('unit-term').filter({ hasText: 'nhiệm kỳ từ 15/10/2025' }).waitFor();
    await phone.screenshot({ path: join(SCREENSHOTS, 'admin-units-phone.png') });
    await laptop.goto(`${meeting.url}/admin`);
    await laptop.getByTestId('admin-users-tab').click();
    await laptop.getByTestId('user-row').filter({ hasText: 'Lê Thị Hoa' }).waitFor();
    await laptop.screenshot({ path: join(SCREENSHOTS, 'admin-users-laptop.png') });
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
