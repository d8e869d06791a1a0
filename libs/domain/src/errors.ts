/**
 * Domain errors carry a code; the edge (HTTP filter, socket gateway) maps each code's
 * category to a status exhaustively. Messages are sentences a chair or operator can read.
 */
export type ErrorCategory = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

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
