import { invalid } from './errors';

/** Whether an action takes a reason: one the minutes need, one it may have, or none. */
export type ReasonRule = 'required' | 'optional' | 'none';

/** The longest reason kept (the audit line and the item or conference carry it). */
export const REASON_MAX_LENGTH = 500;

/**
 * The reason an action keeps, trimmed (null: none); a 400 on `reason` when a required one is missing
 * (REASON_REQUIRED), or when one is given to an action that takes none.
 */
export function keptReason(rule: ReasonRule, action: string, reason: string | null | undefined): string | null {
  const text = reason?.trim() || null;
  if (rule === 'required' && !text) throw invalid('REASON_REQUIRED', 'is required', 'reason');
  if (rule === 'none' && text) throw invalid('VALIDATION_FAILED', `is not taken by ${action}`, 'reason');
  return text;
}
