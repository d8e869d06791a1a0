// Setting a conference up in the app: the participant list imported from a spreadsheet, editing and
// copying a conference, and the administrator's accounts.
import type { ConferenceView, ParticipantRole, ParticipantView, UserView } from './model';

/** What the import understands of a row; the header may say it in Vietnamese or English (see `IMPORT_HEADERS` in the domain). */
export const IMPORT_COLUMNS = ['index', 'fullName', 'position', 'site', 'role', 'votingRight', 'username'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Why one row cannot be imported; the web app has a Vietnamese and an English sentence for each. */
export const IMPORT_ROW_ERROR_CODES = [
  'FULL_NAME_REQUIRED', 'FULL_NAME_TOO_LONG', 'ROLE_REQUIRED', 'ROLE_UNKNOWN', 'VOTE_UNKNOWN', 'SITE_REQUIRED', 'SITE_UNKNOWN',
  'SITE_AMBIGUOUS', 'USERNAME_INVALID', 'NAME_MISMATCH', 'USER_DISABLED', 'DUPLICATE_ROW', 'PARTICIPANT_DIFFERS',
] as const;
export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number];

export interface ImportRowError {
  /** The spreadsheet's own row number (1 is the first line of the file). */
  row: number;
  column: ImportColumn | null;
  code: ImportRowErrorCode;
  /** An English sentence (the web app shows its own per code). */
  message: string;
}

/** add: a known user gets the role; create_user: an account is made first; unchanged: already so; invalid: see the errors. */
export type ImportRowAction = 'add' | 'create_user' | 'unchanged' | 'invalid';

export interface ImportRowView {
  row: number;
  fullName: string;
  position: string;
  username: string;
  role: ParticipantRole | null;
  siteId: string | null;
  siteName: string | null;
  votingRight: boolean;
  action: ImportRowAction;
}

export interface ImportPreview {
  fileName: string;
  rows: ImportRowView[];
  errors: ImportRowError[];
  counts: { rows: number; add: number; createUser: number; unchanged: number; invalid: number };
}

/** A new account's one-time password, shown once to the organiser (never stored in clear). */
export interface IssuedPassword {
  userId: string;
  username: string;
  fullName: string;
  password: string;
}

export interface ImportResult {
  added: ParticipantView[];
  unchanged: number;
  createdUsers: IssuedPassword[];
}

/** PATCH /conferences/:id: what an organiser may change (see docs/rules.md for when). */
export interface UpdateConferenceRequest {
  title?: string;
  plannedStart?: string;
  plannedEnd?: string;
  quorumNumerator?: number;
  quorumDenominator?: number;
}

export interface CopyConferenceRequest {
  title: string;
  plannedStart: string;
  plannedEnd: string;
}

export interface UpdateParticipantRequest {
  role?: ParticipantRole;
  siteId?: string | null;
  votingRight?: boolean;
}

export interface CreateUserRequest {
  username: string;
  fullName: string;
  isAdmin?: boolean;
  canConvene?: boolean;
}

export interface UpdateUserRequest {
  fullName?: string;
  isAdmin?: boolean;
  canConvene?: boolean;
  disabled?: boolean;
}

/** POST /users and POST /users/:id/password: the account and its one-time password. */
export interface UserWithPassword {
  user: UserView;
  password: string;
}

export type { ConferenceView };
