/**
 * Domain errors carry a code; the edges of every app (HTTP filters, socket gateways) answer with the
 * category's status below. Messages are sentences a chair or operator can read.
 */
export type ErrorCategory = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

export const ERROR_STATUS: Readonly<Record<ErrorCategory, number>> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

export class DomainError extends Error {
  constructor(
    readonly category: ErrorCategory,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const invalid = (code: string, message: string) => new DomainError('validation', code, message);
export const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);
