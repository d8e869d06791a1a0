import { ERROR_CODES, ERROR_STATUS } from '@hoinghi/contracts';
import { conflict, DomainError, forbidden, invalid, invalidFields, notFound, unauthenticated } from './errors';

describe('DomainError', () => {
  it('is an Error carrying its code, the code\'s category and the readable message', () => {
    const error = new DomainError('FLOOR_FREE', 'Nobody has the floor.');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_FREE');
    expect(error.message).toBe('Nobody has the floor.');
    expect(error.fields).toBeUndefined();
    expect(error.stack).toEqual(expect.any(String));
  });

  it.each([
    ['conflict', () => conflict('FLOOR_FREE', 'A sentence.'), 'conflict'],
    ['forbidden', () => forbidden('ROLE_FORBIDDEN', 'A sentence.'), 'forbidden'],
    ['notFound', () => notFound('SITE_NOT_FOUND', 'A sentence.'), 'not_found'],
    ['invalid', () => invalid('VALIDATION_FAILED', 'A sentence.'), 'validation'],
    ['unauthenticated', () => unauthenticated('TOKEN_MISSING', 'A sentence.'), 'unauthenticated'],
  ] as const)('%s() builds a DomainError of category %s', (_name, make, category) => {
    const error = make();
    expect(error.category).toBe(category);
    expect(error.message).toBe('A sentence.');
  });

  it('names the field of a 400 the way DTO validation does', () => {
    const error = invalid('PLANNED_END_NOT_AFTER_START', 'must be after plannedStart', 'plannedEnd');
    expect(error.fields).toEqual({ plannedEnd: ['must be after plannedStart'] });
    expect(error.message).toBe('plannedEnd must be after plannedStart.');
  });

  it('lists every field of a multi-field 400 in its message', () => {
    const error = invalidFields('VALIDATION_FAILED', { title: ['is required'], 'sites.0.name': ['must not be empty'] });
    expect(error.message).toBe('Invalid request: title is required; sites.0.name must not be empty.');
  });

  it('refuses, at compile time, a code of another category or an unknown one', () => {
    // @ts-expect-error SITE_NOT_FOUND is a not_found code, not a conflict
    conflict('SITE_NOT_FOUND', 'x');
    // @ts-expect-error not a declared code
    notFound('NO_SUCH_CODE', 'x');
  });
});

describe('ERROR_CODES', () => {
  it('gives every code a category with an HTTP status', () => {
    for (const category of Object.values(ERROR_CODES)) expect(ERROR_STATUS[category]).toEqual(expect.any(Number));
  });

  it('answers each category with its HTTP status', () => {
    expect(ERROR_STATUS).toEqual({ validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, too_many: 429, internal: 500, unavailable: 503 });
  });
});
