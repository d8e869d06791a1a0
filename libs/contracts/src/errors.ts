// Every error code any service answers with, declared once with its category (and so its HTTP status).
// A new code is one line here plus its Vietnamese and English sentences in the web app's dictionaries
// (apps/web/src/i18n): the compiler refuses a code missing from either.

/** What kind of failure; the HTTP status (and socket.io statusCode) follows from it. */
export type ErrorCategory =
  | 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'too_many' | 'internal' | 'unavailable';

export const ERROR_STATUS: Readonly<Record<ErrorCategory, number>> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many: 429, // with a Retry-After header
  internal: 500,
  unavailable: 503,
};

export const ERROR_CODES = {
  // 400: the request itself is wrong; `fields` names the field when there is one.
  VALIDATION_FAILED: 'validation',
  MALFORMED_REQUEST: 'validation', // not JSON, or a path that cannot be decoded
  PLANNED_END_NOT_AFTER_START: 'validation',
  QUORUM_RULE_INVALID: 'validation',
  SITE_KEY_DUPLICATE: 'validation',
  MAIN_SITE_NOT_ONE: 'validation',
  DRAFT_FILE_INVALID: 'validation',
  DRAFT_EMPTY: 'validation',
  DRAFT_TOO_LONG: 'validation',
  COMMENT_SECTION_UNKNOWN: 'validation',
  POLL_DEFINITION_INVALID: 'validation', // a poll's options or seats
  BALLOT_INVALID: 'validation', // a ballot that does not fit its poll; `fields` names the part
  MAIN_SITE_RELAYED: 'validation',
  SITE_PARENT_UNKNOWN: 'validation',
  SITE_TREE_CYCLE: 'validation',
  SITE_REQUIRED_FOR_ROLE: 'validation',
  AGENDA_ORDER_INVALID: 'validation',
  REASON_REQUIRED: 'validation', // cancelling, skipping or reopening an item needs a reason for the minutes
  POINT_COMMENTS_INVALID: 'validation', // a comment id that is not an active comment of the draft, or not on the point's section
  POINT_RESPONSE_REQUIRED: 'validation', // partly accepted and explained points need their response
  ABSORBED_POINTS_INVALID: 'validation',
  FLOOR_PLACE_INVALID: 'validation',
  SPEAKER_NOT_AT_SITE: 'validation',
  FLOOR_SECTION_UNKNOWN: 'validation', // a speaker's topic names no section of a current draft version of the conference
  DESK_MAIN_SITE: 'validation', // the main hall has no desk thread: its staff is the desk
  OWN_PRODUCER: 'validation',
  CANNOT_CONSUME: 'validation',
  UNSUPPORTED_MEDIA: 'validation',
  INVALID_MEDIA_PARAMETERS: 'validation',
  RTP_PARAMETERS_REJECTED: 'validation', // a site's codec, parameter or header extension this gateway does not accept
  IMPORT_FILE_INVALID: 'validation', // not a readable .xlsx or UTF-8 .csv, or no header row with the required columns
  IMPORT_ROWS_INVALID: 'validation', // committing a participant list with row errors; `fields` names each as rows.<row>.<column>
  ORG_UNIT_CYCLE: 'validation', // moving a unit under itself or one of its own units

  // 401: who is calling is unknown.
  UNAUTHENTICATED: 'unauthenticated',
  TOKEN_MISSING: 'unauthenticated',
  TOKEN_EXPIRED: 'unauthenticated',
  TOKEN_INVALID: 'unauthenticated',
  TOKEN_WRONG_TYPE: 'unauthenticated',
  SERVICE_TOKEN_MISSING: 'unauthenticated',
  SERVICE_TOKEN_INVALID: 'unauthenticated',
  TOKEN_ALREADY_USED: 'unauthenticated', // a media join token is single-use
  ACCOUNT_DISABLED: 'unauthenticated', // an administrator disabled the account: no login, no refresh, no request
  SESSION_EXPIRED: 'unauthenticated', // a socket's access token ended and was not renewed

  // 403: known caller, wrong role or site.
  ROLE_FORBIDDEN: 'forbidden',
  NOT_A_PARTICIPANT: 'forbidden',
  FOREIGN_CONFERENCE: 'forbidden',
  WRONG_GATEWAY: 'forbidden', // a media join token presented to another gateway host than the one it names
  NOT_MAIN_SITE: 'forbidden',
  PLAIN_RTP_DISABLED: 'forbidden',
  COMMENT_NOT_YOURS: 'forbidden',
  NOT_AN_ELECTOR: 'forbidden', // not in the poll's electorate (frozen when it opened)
  PLAIN_RTP_ADDRESS_REFUSED: 'forbidden', // a plain transport asked to send outside MEDIA_PLAIN_RTP_ALLOWED_HOSTS
  NOT_PUBLISHER: 'forbidden', // a viewer connection of a site (receive-only) tried to send
  SHARE_NOT_ALLOWED: 'forbidden', // a screen share from a site that is neither the main hall nor the floor holder the chair allowed to share
  MUTED_BY_CHAIR: 'forbidden', // a site unmuting its microphone while the chair's mute holds

  // 404: an id (or a route) that does not exist where it was looked for.
  ROUTE_NOT_FOUND: 'not_found',
  CONFERENCE_NOT_FOUND: 'not_found',
  SITE_NOT_FOUND: 'not_found',
  PARTICIPANT_NOT_FOUND: 'not_found',
  PARTICIPANT_NOT_AT_SITE: 'not_found',
  USER_NOT_FOUND: 'not_found',
  ORG_UNIT_NOT_FOUND: 'not_found',
  AGENDA_ITEM_NOT_FOUND: 'not_found',
  FLOOR_REQUEST_NOT_FOUND: 'not_found',
  MINUTES_VERSION_NOT_FOUND: 'not_found',
  DRAFT_NOT_FOUND: 'not_found',
  DRAFT_VERSION_NOT_FOUND: 'not_found',
  COMMENT_NOT_FOUND: 'not_found',
  POINT_NOT_FOUND: 'not_found',
  DOCUMENT_NOT_FOUND: 'not_found',
  POLL_NOT_FOUND: 'not_found',
  NOTICE_NOT_FOUND: 'not_found',
  UNKNOWN_TRANSPORT: 'not_found',
  UNKNOWN_PRODUCER: 'not_found',
  UNKNOWN_CONSUMER: 'not_found',
  UNKNOWN_ID: 'not_found',
  MEDIA_NOT_FOUND: 'not_found',
  RECORDING_NOT_FOUND: 'not_found', // no such file among the conference's recordings

  // 409: not possible in the current state; the message says why.
  CONFERENCE_WRONG_STATE: 'conflict',
  CONFERENCE_NOT_LIVE: 'conflict',
  CONFERENCE_CLOSED: 'conflict',
  AGENDA_ITEM_NOT_PENDING: 'conflict',
  AGENDA_ITEM_ALREADY_ACTIVE: 'conflict',
  AGENDA_ITEM_NOT_ACTIVE: 'conflict',
  AGENDA_ITEM_CLOSED: 'conflict',
  AGENDA_ITEM_STARTED: 'conflict',
  AGENDA_FINISHED: 'conflict',
  FLOOR_ALREADY_REQUESTED: 'conflict',
  FLOOR_FREE: 'conflict',
  FLOOR_REQUEST_NOT_QUEUED: 'conflict',
  FLOOR_REQUEST_CLOSED: 'conflict', // a limit for a turn that has ended or a request withdrawn
  PARTICIPANT_EXISTS: 'conflict',
  CONFERENCE_LIMIT_REACHED: 'conflict',
  NOT_CHECKED_IN: 'conflict',
  NOT_JOINED: 'conflict',
  CAMERA_HELD: 'conflict', // another connection publishes the site; answered with `current`: its SitePublisher
  CAMERA_TAKEN: 'conflict', // told to a publisher whose camera another connection of its site took over
  ROOM_CLOSED: 'conflict',
  TOO_MANY_TRANSPORTS: 'conflict',
  ALREADY_CONNECTED: 'conflict',
  NOT_WEBRTC: 'conflict',
  NOT_A_SEND_TRANSPORT: 'conflict',
  NOT_A_RECV_TRANSPORT: 'conflict',
  TRANSPORT_NOT_CONNECTED: 'conflict',
  ALREADY_PRODUCING: 'conflict',
  SCREEN_SHARED: 'conflict', // another site shares its screen already (one at a time); answered with `current`: the ScreenShare
  ALREADY_CONSUMING: 'conflict',
  NOT_READY: 'conflict',
  WORKER_CLOSED: 'conflict',
  MEDIA_REJECTED: 'conflict',
  NOT_LIVE: 'conflict',
  ALREADY_RECORDING: 'conflict',
  NOTHING_TO_RECORD: 'conflict',
  RECORDING_FAILED: 'conflict',
  NOT_RECORDING: 'conflict',
  RECORDING_IN_PROGRESS: 'conflict', // the file is still being written: it plays once the recorder moves on or stops
  CONSULTATION_NOT_OPEN: 'conflict',
  CONSULTATION_WRONG_STATE: 'conflict',
  COMMENT_WITHDRAWN: 'conflict',
  AGENDA_ITEM_NOT_CLOSED: 'conflict', // reopening an item that is not done or skipped
  CONFERENCE_CHANGED: 'conflict', // answered with `current`: who changed the conference's status last, when, and the conference now
  AGENDA_CHANGED: 'conflict', // answered with `current`: who changed the agenda last, when, and the agenda now
  MINUTES_WRONG_STATE: 'conflict',
  MINUTES_NOT_EDITABLE: 'conflict',
  MINUTES_ITEM_STALE: 'conflict', // answered with `current`: the item as it is now
  COMMENT_ALREADY_IN_POINT: 'conflict',
  POINT_EMPTY: 'conflict',
  POINT_ABSORBED: 'conflict',
  POINT_NOT_ABSORBABLE: 'conflict',
  DOCUMENT_NOT_READY: 'conflict',
  PARTICIPANT_HAS_RECORDS: 'conflict', // checked in, asked for the floor: removing or moving them would rewrite what happened
  LAST_CHAIR: 'conflict', // a conference keeps at least one chair
  CONFERENCE_ALREADY_STARTED: 'conflict', // the quorum rule and the planned start are fixed once the conference has started
  USERNAME_TAKEN: 'conflict',
  CANNOT_DISABLE_SELF: 'conflict', // an administrator cannot disable their own account or drop their own rights
  QUORUM_NOT_MET: 'conflict',
  POLL_NOT_OPEN: 'conflict',
  POLL_WRONG_STATE: 'conflict',
  ANOTHER_POLL_OPEN: 'conflict',
  ALREADY_VOTED: 'conflict', // one ballot per voter per poll, held by a unique key
  ELECTOR_NOT_PRESENT: 'conflict', // check in first (late voters: if the poll allows them)
  POLL_NO_TIE: 'conflict', // a re-vote needs a published election with a tie at the last seat
  RUNOFF_EXISTS: 'conflict', // one re-vote per tie (a tie in the re-vote has its own)

  // 413, 429, 500 and 503
  PAYLOAD_TOO_LARGE: 'too_large',
  LOGIN_BUSY: 'too_many',
  TOO_MANY_LOGIN_ATTEMPTS: 'too_many', // per client address or per username, within LOGIN_WINDOW_SECONDS // too many password checks already waiting
  INTERNAL: 'internal',
  SERVICE_UNAVAILABLE: 'unavailable', // a dependency (PostgreSQL, Redis) is unreachable; answered with Retry-After
  MEDIA_UNAVAILABLE: 'unavailable', // the media gateway (which keeps the recordings) does not answer
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes of one category, e.g. `CodeOf<'conflict'>`: `conflict()` accepts only these. */
export type CodeOf<C extends ErrorCategory> = { [K in ErrorCode]: (typeof ERROR_CODES)[K] extends C ? K : never }[ErrorCode];

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/** Validation problems by field path (`sites.3.parentKey`), each a phrase that reads after the path. */
export type FieldErrors = Record<string, string[]>;

/**
 * A field's problem as a rule, for clients that word it themselves (the web app, in Vietnamese): the DTO
 * checks of every request. `limit` for lengths, sizes and bounds; `values` for a choice.
 */
export const FIELD_RULES = [
  'required', 'text', 'notEmpty', 'maxLength', 'uuid', 'oneOf', 'integer', 'min', 'max', 'boolean', 'dateTime',
  'list', 'minItems', 'maxItems', 'uuidList', 'unknownField', 'other',
] as const;
export type FieldRuleName = (typeof FIELD_RULES)[number];
export interface FieldRule {
  rule: FieldRuleName;
  limit?: number;
  values?: string[];
}
/** The rules of `fields`, by the same paths, in the same order as each path's phrases. */
export type FieldRules = Record<string, FieldRule[]>;

/** Error body of every 4xx/5xx answer, REST and socket.io alike. */
export interface ErrorResponse {
  statusCode: number;
  error: ErrorCode;
  message: string; // a sentence for people
  fields?: FieldErrors; // 400s about named fields
  fieldRules?: FieldRules; // 400 VALIDATION_FAILED: each field's problem as a rule (added later: clients must not rely on it)
  errorId?: string; // 500s: the same id is in the server log
  retryAfter?: number; // 429s and 503s: seconds, as in the Retry-After header
  current?: unknown; // 409s about a stale edit: what the thing is now, so the client can show it and merge
}
