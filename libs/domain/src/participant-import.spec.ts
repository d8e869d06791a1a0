import { findHeader, importErrorFields, parseRole, parseVotingRight, planImport, suggestUsername, type ImportContext, type SheetRow } from './participant-import';

const sheet = (lines: string[][]): SheetRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));
const HEADER = ['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị / Điểm cầu', 'Vai trò', 'Biểu quyết', 'Tên đăng nhập'];

const context = (over: Partial<ImportContext> = {}): ImportContext => ({
  sites: [
    { id: 'main', name: 'Hội trường Tỉnh ủy', orgUnitName: 'Tỉnh ủy Đồng Tháp', isMain: true },
    { id: 'sadec', name: 'Điểm cầu Thành phố Sa Đéc', orgUnitName: 'Thành ủy Sa Đéc', isMain: false },
    { id: 'lapvo', name: 'Điểm cầu Huyện Lấp Vò', orgUnitName: 'Huyện ủy Lấp Vò', isMain: false },
  ],
  accounts: new Map([['an.nv', { id: 'u-an', username: 'an.nv', fullName: 'Nguyễn Văn An', disabled: false }],
    ['cu.tv', { id: 'u-cu', username: 'cu.tv', fullName: 'Trần Văn Cư', disabled: true }]]),
  takenUsernames: new Set(['an.nv', 'cu.tv', 'lethibinh']),
  existing: [],
  ...over,
});

describe('findHeader', () => {
  it('finds the header under a title line, whatever the diacritics and case', () => {
    const found = findHeader(sheet([['DANH SÁCH ĐẠI BIỂU'], HEADER.map((h) => h.toUpperCase())]));
    expect(found).toEqual({ headerIndex: 1, columns: { index: 0, fullName: 1, position: 2, site: 3, role: 4, votingRight: 5, username: 6 } });
  });

  it('reads English headers and needs at least the name and the role', () => {
    expect(findHeader(sheet([['Full name', 'Role', 'Site']]))?.columns).toEqual({ fullName: 0, role: 1, site: 2 });
    expect(findHeader(sheet([['Họ và tên', 'Chức vụ']]))).toBeNull();
  });
});

describe('words of a list', () => {
  it.each([
    ['Đại biểu', 'delegate'], ['đại biểu chính thức', 'delegate'], ['Chủ trì tại điểm cầu', 'site_chair'], ['Đồng chủ trì', 'co_chair'],
    ['Chủ trì', 'chair'], ['Kỹ thuật viên', 'site_operator'], ['Thư ký', 'secretary'], ['Khách mời', 'observer'], ['delegate', 'delegate'],
    ['Phóng viên', null],
  ])('%s is %s', (text, role) => expect(parseRole(text)).toBe(role));

  it('reads yes, no and empty for the voting right', () => {
    expect(['Có', 'x', 'X', '1'].map(parseVotingRight)).toEqual([true, true, true, true]);
    expect(['Không', '0', 'no'].map(parseVotingRight)).toEqual([false, false, false]);
    expect(parseVotingRight('')).toBe('default');
    expect(parseVotingRight('có lẽ')).toBeNull();
  });

  it('suggests a free username from the name', () => {
    expect(suggestUsername('Lê Thị Bình', new Set(['lethibinh', 'lethibinh2']))).toBe('lethibinh3');
    expect(suggestUsername('Đỗ Ý', new Set())).toBe('doy');
  });
});

describe('planImport', () => {
  const columns = findHeader(sheet([HEADER]))!.columns;
  const plan = (rows: string[][], over?: Partial<ImportContext>) =>
    planImport('ds.xlsx', rows.map((cells, i) => ({ row: i + 2, cells })), columns, context(over));

  it('matches accounts by username, sites by name without diacritics, and creates the rest', () => {
    const result = plan([
      ['1', 'Nguyễn Văn An', 'Bí thư', 'diem cau thanh pho sa dec', 'Đại biểu', 'Có', 'an.nv'],
      ['2', 'Lê Thị Bình', 'Phó Bí thư', 'Huyện Lấp Vò', 'Đại biểu', 'Không', ''],
      ['3', 'Phạm Văn Chủ', '', '', 'Chủ trì', '', 'chu.pv'],
      ['', '', '', '', '', '', ''],
      ['4', 'Võ Văn Kỹ', '', 'Huyện ủy Lấp Vò', 'Kỹ thuật viên', '', ''],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.planned.map((r) => [r.row, r.action, r.userId, r.username, r.role, r.siteId, r.votingRight])).toEqual([
      [2, 'add', 'u-an', 'an.nv', 'delegate', 'sadec', true],
      [3, 'create_user', null, 'lethibinh2', 'delegate', 'lapvo', false],
      [4, 'create_user', null, 'chu.pv', 'chair', 'main', false],
      [6, 'create_user', null, 'vovanky', 'site_operator', 'lapvo', false],
    ]);
    expect(result.counts).toEqual({ rows: 4, add: 1, createUser: 3, unchanged: 0, invalid: 0 });
  });

  it('says each problem with its row and column', () => {
    const result = plan([
      ['1', '', '', 'Sa Đéc', 'Đại biểu', '', ''],
      ['2', 'Trần Văn Cư', '', 'Hà Nội', 'Phóng viên', 'có lẽ', 'cu.tv'],
      ['3', 'Nguyễn Văn Ân', '', '', 'Đại biểu', '', 'an.nv'],
      ['4', 'Nguyễn Văn An', '', 'Sa Đéc', 'Đại biểu', '', 'An NV'],
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'fullName', 'FULL_NAME_REQUIRED'],
      [3, 'role', 'ROLE_UNKNOWN'],
      [3, 'votingRight', 'VOTE_UNKNOWN'],
      [3, 'site', 'SITE_UNKNOWN'],
      [3, 'username', 'USER_DISABLED'],
      [4, 'site', 'SITE_REQUIRED'],
      [5, 'username', 'USERNAME_INVALID'],
    ]);
    expect(result.counts.invalid).toBe(4);
    expect(importErrorFields(result.errors)['rows.3.site']).toEqual(['"Hà Nội" is not a site of this conference.']);
  });

  it('refuses the same person twice in one role, and a name that is not the account\'s', () => {
    const result = plan([
      ['1', 'Nguyễn Văn An', '', 'Sa Đéc', 'Đại biểu', '', 'an.nv'],
      ['2', 'Nguyễn Văn An', '', 'Lấp Vò', 'Đại biểu', '', 'an.nv'],
      ['3', 'Nguyễn Văn Bé', '', 'Sa Đéc', 'Kỹ thuật viên', '', 'an.nv'],
    ]);
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[3, 'DUPLICATE_ROW'], [4, 'NAME_MISMATCH']]);
  });

  it('leaves what is already so, and refuses a role held differently', () => {
    const existing = [{ userId: 'u-an', role: 'delegate' as const, siteId: 'sadec', votingRight: true }];
    expect(plan([['1', 'Nguyễn Văn An', '', 'Sa Đéc', 'Đại biểu', 'Có', 'an.nv']], { existing }).planned[0].action).toBe('unchanged');
    const moved = plan([['1', 'Nguyễn Văn An', '', 'Lấp Vò', 'Đại biểu', 'Có', 'an.nv']], { existing });
    expect(moved.errors.map((e) => e.code)).toEqual(['PARTICIPANT_DIFFERS']);
  });

  it('makes one account for a new person with two roles', () => {
    const result = plan([
      ['1', 'Lê Văn Mới', '', 'Sa Đéc', 'Đại biểu', '', 'moi.lv'],
      ['2', 'Lê Văn Mới', '', 'Sa Đéc', 'Chủ trì tại điểm cầu', '', 'moi.lv'],
    ]);
    expect(result.planned.map((r) => r.action)).toEqual(['create_user', 'add']);
  });
});
