import type { FieldRule } from '@hoinghi/contracts';
import type { Dictionary } from '../i18n/vi';
import type { ApiError } from './client';

/**
 * A 400's problems by field path, in the UI's language: each rule the server named (`fieldRules`) worded by
 * the dictionary; a rule check with a code of its own (e.g. REASON_REQUIRED) by that code's sentence; the
 * server's English phrase only for a check this build does not know.
 */
export function translatedFields(error: ApiError, t: Dictionary): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(error.fields).map(([path, phrases]) => [path, phrases.map((phrase, i) => fieldProblem(error, t, phrase, error.fieldRules[path]?.[i]))]),
  );
}

function fieldProblem(error: ApiError, t: Dictionary, phrase: string, rule: FieldRule | undefined): string {
  if (rule && rule.rule !== 'other') return t.errors.fieldRules[rule.rule](rule);
  if (error.code && error.code !== 'VALIDATION_FAILED') return t.errors.byCode[error.code];
  return phrase;
}

/** `reason` → "Lý do"; a path the dictionary does not name stays as it is. */
export const fieldName = (path: string, t: Dictionary) => t.errors.fieldNames[path] ?? path;
