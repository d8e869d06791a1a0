import { DomainError } from '../errors';

/** Runs `fn`, expecting it to throw a DomainError, and returns that error for assertions. (Specs only.) */
export function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
