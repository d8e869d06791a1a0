import { invalid } from './errors';

export interface QuorumRule {
  numerator: number;
  denominator: number;
}

/** The Party's usual rule: at least two thirds of the convened delegates present. */
export const DEFAULT_QUORUM: QuorumRule = { numerator: 2, denominator: 3 };

export function assertValidQuorumRule(rule: QuorumRule): void {
  const { numerator, denominator } = rule;
  // Field names as in the conference's contract (quorumNumerator/quorumDenominator).
  if (!Number.isInteger(denominator) || denominator < 1) {
    throw invalid('QUORUM_RULE_INVALID', 'must be a whole number ≥ 1', 'quorumDenominator');
  }
  if (!Number.isInteger(numerator) || numerator < 1 || numerator > denominator) {
    throw invalid('QUORUM_RULE_INVALID', `must be a whole number from 1 to quorumDenominator (${denominator}): a quorum is at most everyone`, 'quorumNumerator');
  }
}

/** Smallest head count that is at least numerator/denominator of the convened (integer arithmetic, no rounding drift). */
export function requiredForQuorum(convened: number, rule: QuorumRule = DEFAULT_QUORUM): number {
  assertValidQuorumRule(rule);
  return Math.floor((convened * rule.numerator + rule.denominator - 1) / rule.denominator);
}

export function quorumOf(convened: number, present: number, rule: QuorumRule = DEFAULT_QUORUM) {
  const required = requiredForQuorum(convened, rule);
  return { convened, present, required, reached: convened > 0 && present >= required };
}
