import { assertValidQuorumRule, DEFAULT_QUORUM, quorumOf, QuorumRule, requiredForQuorum } from './quorum';
import { caught } from './testing/caught';

describe('DEFAULT_QUORUM', () => {
  it('is two thirds', () => {
    expect(DEFAULT_QUORUM).toEqual({ numerator: 2, denominator: 3 });
  });
});

describe('requiredForQuorum', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 4],
    [6, 4],
    [7, 5],
    [8, 6],
    [9, 6],
    [10, 7],
    [12, 8],
    [99, 66],
    [100, 67],
    [150, 100],
    [151, 101],
  ])('default 2/3 of %i convened needs %i present (rounded up)', (convened, required) => {
    expect(requiredForQuorum(convened)).toBe(required);
    expect(requiredForQuorum(convened, DEFAULT_QUORUM)).toBe(required);
  });

  it.each([
    [{ numerator: 1, denominator: 2 }, 0, 0],
    [{ numerator: 1, denominator: 2 }, 1, 1],
    [{ numerator: 1, denominator: 2 }, 9, 5],
    [{ numerator: 1, denominator: 2 }, 10, 5],
    [{ numerator: 1, denominator: 2 }, 11, 6],
    [{ numerator: 3, denominator: 4 }, 10, 8],
    [{ numerator: 3, denominator: 4 }, 8, 6],
    [{ numerator: 1, denominator: 3 }, 10, 4],
    [{ numerator: 1, denominator: 1 }, 10, 10],
    [{ numerator: 4, denominator: 4 }, 7, 7],
    [{ numerator: 1, denominator: 100 }, 1, 1],
    [{ numerator: 1, denominator: 100 }, 101, 2],
  ])('%o of %i convened needs %i present', (rule, convened, required) => {
    expect(requiredForQuorum(convened, rule)).toBe(required);
  });

  it('is exactly the smallest head count reaching the fraction, for every size and common rule', () => {
    const rules: QuorumRule[] = [
      { numerator: 1, denominator: 2 },
      { numerator: 2, denominator: 3 },
      { numerator: 3, denominator: 4 },
      { numerator: 3, denominator: 5 },
      { numerator: 1, denominator: 1 },
      { numerator: 7, denominator: 10 },
    ];
    for (const rule of rules) {
      for (let convened = 0; convened <= 500; convened++) {
        const required = requiredForQuorum(convened, rule);
        // required / convened >= numerator / denominator, in integers
        expect(required * rule.denominator).toBeGreaterThanOrEqual(convened * rule.numerator);
        // and one fewer would not be enough
        if (required > 0) expect((required - 1) * rule.denominator).toBeLessThan(convened * rule.numerator);
        expect(Number.isInteger(required)).toBe(true);
        expect(required).toBeLessThanOrEqual(convened);
      }
    }
  });

  it('rejects an invalid rule instead of computing with it', () => {
    const error = caught(() => requiredForQuorum(10, { numerator: 3, denominator: 2 }));
    expect(error.category).toBe('validation');
    expect(error.code).toBe('QUORUM_RULE_INVALID');
  });
});

describe('assertValidQuorumRule', () => {
  it.each([
    { numerator: 1, denominator: 1 },
    { numerator: 1, denominator: 2 },
    { numerator: 2, denominator: 3 },
    { numerator: 3, denominator: 4 },
    { numerator: 1, denominator: 1000 },
    { numerator: 5, denominator: 5 },
  ])('accepts %o', (rule) => {
    expect(() => assertValidQuorumRule(rule)).not.toThrow();
  });

  it.each([
    ['a zero numerator', { numerator: 0, denominator: 3 }],
    ['a negative numerator', { numerator: -1, denominator: 3 }],
    ['a zero denominator', { numerator: 2, denominator: 0 }],
    ['a negative denominator', { numerator: -2, denominator: -3 }],
    ['a fraction above one', { numerator: 4, denominator: 3 }],
    ['a fractional numerator', { numerator: 1.5, denominator: 3 }],
    ['a fractional denominator', { numerator: 2, denominator: 3.5 }],
    ['a NaN numerator', { numerator: Number.NaN, denominator: 3 }],
    ['an infinite denominator', { numerator: 2, denominator: Number.POSITIVE_INFINITY }],
    ['a numeric string', { numerator: '2', denominator: 3 } as unknown as QuorumRule],
  ])('rejects %s as a validation error', (_what, rule) => {
    const error = caught(() => assertValidQuorumRule(rule));
    expect(error.category).toBe('validation');
    expect(error.code).toBe('QUORUM_RULE_INVALID');
    expect(Object.keys(error.fields ?? {})).toEqual([expect.stringMatching(/^quorum(Numerator|Denominator)$/)]);
  });

  it('blames the numerator of a fraction above one', () => {
    const error = caught(() => assertValidQuorumRule({ numerator: 3, denominator: 2 }));
    expect(error.fields).toEqual({ quorumNumerator: ['must be a whole number from 1 to quorumDenominator (2): a quorum is at most everyone'] });
  });
});

describe('quorumOf', () => {
  it('reaches the default 2/3 quorum with 7 of 10 present', () => {
    expect(quorumOf(10, 7)).toEqual({ convened: 10, present: 7, required: 7, reached: true });
  });

  it('misses the default quorum with 6 of 10 present', () => {
    expect(quorumOf(10, 6)).toEqual({ convened: 10, present: 6, required: 7, reached: false });
  });

  it('reaches 2/3 of 9 with exactly 6 present, not with 5', () => {
    expect(quorumOf(9, 6).reached).toBe(true);
    expect(quorumOf(9, 5).reached).toBe(false);
    expect(quorumOf(9, 5).required).toBe(6);
  });

  it('uses the given rule', () => {
    expect(quorumOf(10, 5, { numerator: 1, denominator: 2 })).toEqual({ convened: 10, present: 5, required: 5, reached: true });
    expect(quorumOf(10, 4, { numerator: 1, denominator: 2 }).reached).toBe(false);
    expect(quorumOf(10, 9, { numerator: 1, denominator: 1 }).reached).toBe(false);
    expect(quorumOf(10, 10, { numerator: 1, denominator: 1 }).reached).toBe(true);
  });

  it('is never reached when nobody is convened', () => {
    expect(quorumOf(0, 0)).toEqual({ convened: 0, present: 0, required: 0, reached: false });
    expect(quorumOf(0, 0, { numerator: 1, denominator: 2 }).reached).toBe(false);
  });

  it('counts everyone present as reaching it', () => {
    expect(quorumOf(1, 1).reached).toBe(true);
    expect(quorumOf(1, 0).reached).toBe(false);
  });

  it('rejects an invalid rule', () => {
    const error = caught(() => quorumOf(10, 7, { numerator: 0, denominator: 3 }));
    expect(error.category).toBe('validation');
    expect(error.code).toBe('QUORUM_RULE_INVALID');
  });
});
