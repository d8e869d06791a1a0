import { type CodeOf, ERROR_CODES, type ErrorCategory, type ErrorCode, type FieldErrors, type FieldRules } from '@hoinghi/contracts';

/**
 * Domain errors carry a code from the closed list in contracts (ERROR_CODES), which fixes their category;
 * the edges of every app (HTTP filters, socket gateways) answer with the category's status. Messages are
 * sentences a chair or operator can read; a 400 about a field also names it in `fields`.
 */
export class DomainError extends Error {
  readonly category: ErrorCategory;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Readonly<FieldErrors>,
    /** 429s: how many seconds to wait (the Retry-After header). */
    readonly retryAfterSeconds?: number,
    /** 409s about a stale edit: the thing as it is now (ErrorResponse.current). */
    readonly current?: unknown,
    /** 400s from the DTO checks: each field's problem as a rule (ErrorResponse.fieldRules). */
    readonly fieldRules?: Readonly<FieldRules>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.category = ERROR_CODES[code];
  }
}

export const conflict = (code: CodeOf<'conflict'>, message: string) => new DomainError(code, message);
/** A 409 for an edit made on an outdated copy: the answer carries the thing as it is now. */
export const stale = (code: CodeOf<'conflict'>, message: string, current: unknown) => new DomainError(code, message, undefined, undefined, current);
export const forbidden = (code: CodeOf<'forbidden'>, message: string) => new DomainError(code, message);
export const notFound = (code: CodeOf<'not_found'>, message: string) => new DomainError(code, message);
/** A 429: the edge sends `Retry-After: retryAfterSeconds`. */
export const tooMany = (code: CodeOf<'too_many'>, message: string, retryAfterSeconds: number) =>
  new DomainError(code, message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
/** A 503: a service this one depends on does not answer (the edge adds Retry-After). */
export const unavailable = (code: CodeOf<'unavailable'>, message: string) => new DomainError(code, message);
export const unauthenticated = (code: CodeOf<'unauthenticated'>, message: string) => new DomainError(code, message);

/**
 * A 400. With `field` (a path such as `plannedEnd` or `sites.3.parentKey`) the problem is a phrase read after
 * the path, as class-validator's are: `invalid(code, 'must be after plannedStart', 'plannedEnd')`.
 */
export function invalid(code: CodeOf<'validation'>, problem: string, field?: string): DomainError {
  return field === undefined ? new DomainError(code, problem) : new DomainError(code, `${field} ${problem}.`, { [field]: [problem] });
}

/** A 400 naming several fields (DTO validation); the message lists them all. */
export function invalidFields(code: CodeOf<'validation'>, fields: FieldErrors, rules?: FieldRules): DomainError {
  const list = Object.entries(fields).map(([path, problems]) => `${path} ${problems.join(', ')}`);
  return new DomainError(code, `Invalid request: ${list.join('; ')}.`, fields, undefined, undefined, rules);
}
