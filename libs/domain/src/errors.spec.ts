import { conflict, DomainError, ERROR_STATUS, forbidden, invalid, notFound, unauthenticated } from './errors';

describe('DomainError', () => {
  it('is an Error carrying category, code and the readable message', () => {
    const error = new DomainError('conflict', 'SOME_CODE', 'Something is not possible now.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DomainError');
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('SOME_CODE');
    expect(error.message).toBe('Something is not possible now.');
    expect(error.stack).toEqual(expect.any(String));
  });

  it.each([
    ['conflict', conflict, 'conflict'],
    ['forbidden', forbidden, 'forbidden'],
    ['notFound', notFound, 'not_found'],
    ['invalid', invalid, 'validation'],
    ['unauthenticated', unauthenticated, 'unauthenticated'],
  ] as const)('%s() builds a DomainError of category %s', (_name, factory, category) => {
    const error = factory('A_CODE', 'A sentence.');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.category).toBe(category);
    expect(error.code).toBe('A_CODE');
    expect(error.message).toBe('A sentence.');
  });
});

describe('ERROR_STATUS', () => {
  it('answers each category with its HTTP status', () => {
    expect(ERROR_STATUS).toEqual({ validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 });
  });
});
