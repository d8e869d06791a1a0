import type {
  ImportColumn, ImportPreview, ImportRowError, ImportRowErrorCode, ImportRowView, ParticipantRole,
} from '@hoinghi/contracts';
import { foldVietnamese } from './text';

// The participant list as organisers keep it today (STT, Họ và tên, Chức vụ, Đơn vị / Điểm cầu, Vai trò,
// Biểu quyết, Tên đăng nhập), read row by row into what the conference needs. Pure: the readers of
// .xlsx and .csv hand over cell text, the service hands over the sites, the accounts and the roles there are.

/** A line of the sheet: its own row number (1-based, as the spreadsheet shows it) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** Header words (folded) for each column; the first matching header cell wins. */
export const IMPORT_HEADERS: Readonly<Record<ImportColumn, readonly string[]>> = {
  index: ['stt', 'so thu tu', 'tt', 'no', 'no.'],
  fullName: ['ho va ten', 'ho ten', 'ho, ten', 'full name', 'name', 'dai bieu'],
  position: ['chuc vu', 'chuc danh', 'position', 'title'],
  site: ['don vi / diem cau', 'don vi/diem cau', 'diem cau', 'don vi', 'site', 'noi du'],
  role: ['vai tro', 'role', 'thanh phan'],
  votingRight: ['bieu quyet', 'quyen bieu quyet', 'voting right', 'vote'],
  username: ['ten dang nhap', 'tai khoan', 'username', 'login'],
};

/** Role words as organisers write them (folded), and the contract's own codes. */
const ROLE_WORDS: ReadonlyArray<[string, ParticipantRole]> = [
  ['chu tri tai diem cau', 'site_chair'], ['chu tri diem cau', 'site_chair'], ['site chair', 'site_chair'],
  ['dong chu tri', 'co_chair'], ['pho chu tri', 'co_chair'], ['co-chair', 'co_chair'], ['co chair', 'co_chair'],
  ['chu tri', 'chair'], ['chair', 'chair'],
  ['ky thuat vien', 'site_operator'], ['dieu hanh diem cau', 'site_operator'], ['ky thuat', 'site_operator'], ['van hanh', 'site_operator'], ['operator', 'site_operator'],
  ['dai bieu', 'delegate'], ['delegate', 'delegate'],
  ['thu ky', 'secretary'], ['secretary', 'secretary'],
  ['khach moi', 'observer'], ['quan sat', 'observer'], ['du thinh', 'observer'], ['observer', 'observer'],
];
const ROLE_CODES = new Set<string>(['chair', 'co_chair', 'site_chair', 'site_operator', 'delegate', 'secretary', 'observer']);
/** Roles that belong to one site (`participants.site_id`); the others act for the whole conference. */
export const SITE_ROLES: readonly ParticipantRole[] = ['site_chair', 'site_operator', 'delegate'];

const YES = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'duoc', 'co quyen']);
const NO = new Set(['khong', 'no', 'n', '0', 'false', '-', 'khong co', 'khong bieu quyet']);

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const IMPORT_MAX_ROWS = 5000;
const FULL_NAME_MAX = 200;

export type ColumnMap = Partial<Record<ImportColumn, number>>;

/**
 * Finds the header row among the first lines (lists often open with a title such as "DANH SÁCH ĐẠI BIỂU")
 * and which cell holds which column. Null when no line names at least the full name and the role.
 */
export function findHeader(rows: SheetRow[]): { headerIndex: number; columns: ColumnMap } | null {
  for (const [headerIndex, line] of rows.slice(0, 20).entries()) {
    const columns: ColumnMap = {};
    const folded = line.cells.map((c) => foldVietnamese(c).replace(/\s*\/\s*/g, ' / '));
    for (const column of Object.keys(IMPORT_HEADERS) as ImportColumn[]) {
      const words = IMPORT_HEADERS[column].map((w) => w.replace(/\s*\/\s*/g, ' / '));
      const at = folded.findIndex((cell, i) => words.includes(cell) && !Object.values(columns).includes(i));
      if (at >= 0) columns[column] = at;
    }
    if (columns.fullName !== undefined && columns.role !== undefined) return { headerIndex, columns };
  }
  return null;
}

export function parseRole(text: string): ParticipantRole | null {
  const folded = foldVietnamese(text);
  if (ROLE_CODES.has(folded)) return folded as ParticipantRole;
  return ROLE_WORDS.find(([word]) => folded === word)?.[1] ?? ROLE_WORDS.find(([word]) => folded.startsWith(word))?.[1] ?? null;
}

/** Yes, no, or null for a word that is neither; an empty cell means the default (a delegate votes). */
export function parseVotingRight(text: string): boolean | null | 'default' {
  const folded = foldVietnamese(text);
  if (folded === '') return 'default';
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return null;
}

/** The stem of a suggested username: the folded name's letters and digits, at least 3 characters. */
export function usernameBase(fullName: string): string {
  const base = (foldVietnamese(fullName).replace(/[^a-z0-9]/g, '') || 'daibieu').slice(0, 56);
  return base.length >= 3 ? base : `${base}000`.slice(0, 3);
}

/** A username for a row that names none: the folded name without spaces ("nguyenvanan"), numbered when taken. */
export function suggestUsername(fullName: string, taken: ReadonlySet<string>): string {
  const base = usernameBase(fullName);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  return candidate;
}

export interface ImportSite {
  id: string;
  name: string;
  orgUnitName: string;
  isMain: boolean;
}

export interface ImportAccount {
  id: string;
  username: string;
  fullName: string;
  disabled: boolean;
}

export interface ImportExistingRole {
  userId: string;
  role: ParticipantRole;
  siteId: string | null;
  votingRight: boolean;
}

export interface ImportContext {
  sites: ImportSite[];
  /** Accounts by (lower-case) username, for those the file names. */
  accounts: ReadonlyMap<string, ImportAccount>;
  /** Every username in use, so a suggested one is new. */
  takenUsernames: ReadonlySet<string>;
  /** The conference's roles now. */
  existing: ImportExistingRole[];
}

/** A row as it will be applied (only for rows without errors). */
export interface PlannedRow extends ImportRowView {
  userId: string | null; // null: the account is created (action create_user)
}

const STRIP_SITE = /^(diem cau|dc|d\/c)\s+/;
/** Words before a place's own name ("Điểm cầu Thành phố Sa Đéc", "Huyện ủy Lấp Vò" → "sa dec", "lap vo"). */
const PLACE_PREFIXES = [
  'diem cau', 'd/c', 'dc', 'hoi truong', 'dang uy xa', 'dang uy phuong', 'dang uy', 'huyen uy', 'thanh uy', 'thi uy', 'tinh uy',
  'ubnd', 'thanh pho', 'tp.', 'tp', 'thi xa', 'tx.', 'tx', 'huyen', 'xa', 'phuong', 'tinh',
];

export function placeCore(folded: string): string {
  let core = folded;
  for (let again = true; again;) {
    again = false;
    for (const prefix of PLACE_PREFIXES) {
      if (core.startsWith(`${prefix} `)) {
        core = core.slice(prefix.length + 1).trim();
        again = true;
      }
    }
  }
  return core;
}

/**
 * Sites by what a list writes for them: the site's name (with or without "Điểm cầu"), its unit's name,
 * or the place's own name ("Sa Đéc") — each when it names one site; diacritics never matter.
 */
function siteFinder(sites: ImportSite[]) {
  const index = (keyOf: (site: ImportSite) => string[]) => {
    const map = new Map<string, ImportSite[]>();
    for (const site of sites) {
      for (const key of new Set(keyOf(site).filter(Boolean))) map.set(key, [...(map.get(key) ?? []), site]);
    }
    return map;
  };
  const byName = index((s) => [foldVietnamese(s.name), foldVietnamese(s.name).replace(STRIP_SITE, '')]);
  const byUnit = index((s) => [foldVietnamese(s.orgUnitName)]);
  const byCore = index((s) => [placeCore(foldVietnamese(s.name)), placeCore(foldVietnamese(s.orgUnitName))]);
  return (text: string): ImportSite[] => {
    const folded = foldVietnamese(text);
    return byName.get(folded) ?? byName.get(folded.replace(STRIP_SITE, '')) ?? byUnit.get(folded) ?? byCore.get(placeCore(folded)) ?? [];
  };
}

/**
 * Every row checked against the conference: who (the account named, or one to create), which role, which
 * site (by name, diacritics-insensitive), whether they vote. Errors say the row, the column and why.
 */
export function planImport(fileName: string, rows: SheetRow[], columns: ColumnMap, context: ImportContext): ImportPreview & { planned: PlannedRow[] } {
  const findSite = siteFinder(context.sites);
  const mainSite = context.sites.find((s) => s.isMain) ?? null;
  const errors: ImportRowError[] = [];
  const views: PlannedRow[] = [];
  const seen = new Map<string, number>(); // username|role → first row
  const suggested = new Set(context.takenUsernames);
  const creating = new Map<string, string>(); // new accounts of earlier rows: username → full name
  const cell = (line: SheetRow, column: ImportColumn) => (columns[column] === undefined ? '' : (line.cells[columns[column]!] ?? '').trim());

  for (const line of rows) {
    if (line.cells.every((c) => c.trim() === '')) continue;
    const fail = (column: ImportColumn | null, code: ImportRowErrorCode, message: string) => errors.push({ row: line.row, column, code, message });
    const before = errors.length;
    const fullName = cell(line, 'fullName').replace(/\s+/g, ' ');
    const roleText = cell(line, 'role');
    const siteText = cell(line, 'site');
    const voteText = cell(line, 'votingRight');
    let username = cell(line, 'username').toLowerCase();

    if (!fullName) fail('fullName', 'FULL_NAME_REQUIRED', 'The full name is empty.');
    else if (fullName.length > FULL_NAME_MAX) fail('fullName', 'FULL_NAME_TOO_LONG', `The full name is longer than ${FULL_NAME_MAX} characters.`);

    const role = roleText ? parseRole(roleText) : null;
    if (!roleText) fail('role', 'ROLE_REQUIRED', 'The role is empty.');
    else if (!role) fail('role', 'ROLE_UNKNOWN', `"${roleText}" is not a role (đại biểu, chủ trì, đồng chủ trì, chủ trì tại điểm cầu, kỹ thuật viên, thư ký, khách mời).`);

    const vote = parseVotingRight(voteText);
    if (vote === null) fail('votingRight', 'VOTE_UNKNOWN', `"${voteText}" is neither yes (Có, x) nor no (Không).`);

    let site: ImportSite | null = null;
    if (siteText) {
      const found = findSite(siteText);
      if (found.length === 0) fail('site', 'SITE_UNKNOWN', `"${siteText}" is not a site of this conference.`);
      else if (found.length > 1) fail('site', 'SITE_AMBIGUOUS', `"${siteText}" could be ${found.length} sites of this conference; write the site's full name.`);
      else site = found[0];
    } else if (role && SITE_ROLES.includes(role)) {
      fail('site', 'SITE_REQUIRED', 'A site is required for this role.');
    } else if (role === 'chair' || role === 'co_chair') {
      site = mainSite; // chairs sit in the main hall
    }

    let account: ImportAccount | undefined;
    if (username) {
      if (!USERNAME_PATTERN.test(username)) {
        fail('username', 'USERNAME_INVALID', 'The username must be 3–64 characters: lower-case letters without diacritics, digits, dot, dash or underscore.');
      } else {
        account = context.accounts.get(username);
        if (account?.disabled) fail('username', 'USER_DISABLED', `The account "${username}" is disabled.`);
        if (account && fullName && foldVietnamese(account.fullName) !== foldVietnamese(fullName)) {
          fail('fullName', 'NAME_MISMATCH', `The account "${username}" belongs to ${account.fullName}, not ${fullName}.`);
        }
      }
    } else if (fullName) {
      username = suggestUsername(fullName, suggested);
      suggested.add(username);
    }
    const sameNewAccount = !account && creating.get(username);
    if (sameNewAccount && fullName && foldVietnamese(sameNewAccount) !== foldVietnamese(fullName)) {
      fail('fullName', 'NAME_MISMATCH', `The username "${username}" is given to ${sameNewAccount} on an earlier row.`);
    }

    if (username && role) {
      const key = `${username}|${role}`;
      const first = seen.get(key);
      if (first !== undefined) fail('username', 'DUPLICATE_ROW', `The same person has the same role on row ${first}.`);
      else seen.set(key, line.row);
    }

    const votingRight = role === 'delegate' ? vote !== false : false;
    let action: PlannedRow['action'] = account || sameNewAccount ? 'add' : 'create_user';
    if (account && role) {
      const now = context.existing.find((e) => e.userId === account!.id && e.role === role);
      if (now) {
        if (now.siteId === (site?.id ?? null) && now.votingRight === votingRight) action = 'unchanged';
        else fail('role', 'PARTICIPANT_DIFFERS', 'This person already has this role here, at another site or with another voting right; change it on the setup page.');
      }
    }
    if (errors.length > before) action = 'invalid';
    else if (action === 'create_user') creating.set(username, fullName);
    views.push({
      row: line.row, fullName, position: cell(line, 'position'), username, role, siteId: site?.id ?? null, siteName: site?.name ?? null,
      votingRight, action, userId: account?.id ?? null,
    });
  }
  const count = (a: PlannedRow['action']) => views.filter((v) => v.action === a).length;
  return {
    fileName,
    rows: views.map(({ userId: _userId, ...view }) => view),
    errors,
    counts: { rows: views.length, add: count('add'), createUser: count('create_user'), unchanged: count('unchanged'), invalid: count('invalid') },
    planned: views,
  };
}

/** The row errors as a 400's `fields`: `rows.<row>.<column>` (or `rows.<row>`) → sentences. */
export function importErrorFields(errors: ImportRowError[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const e of errors) {
    const path = e.column ? `rows.${e.row}.${e.column}` : `rows.${e.row}`;
    (fields[path] ??= []).push(e.message);
  }
  return fields;
}
