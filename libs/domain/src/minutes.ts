import type { MinutesAction, MinutesItemView, MinutesStatus } from '@hoinghi/contracts';
import { conflict } from './errors';

/**
 * The minutes' workflow (rendered into docs/rules.md): the secretariat submits, the chair approves or
 * returns with a reason, the chair publishes. A published version never changes; a correction is a
 * new version.
 */
export const MINUTES_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted', 'approved'], to: 'draft' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
} as const satisfies Record<MinutesAction, { from: readonly MinutesStatus[]; to: MinutesStatus }>;

const STATUS_WORDS: Record<MinutesStatus, string> = {
  draft: 'a draft', submitted: 'submitted to the chair', approved: 'approved', published: 'published',
};

const ACTION_WORDS: Record<MinutesAction, string> = { submit: 'submitted', return: 'returned', approve: 'approved', publish: 'published' };

/** The status after `action`, or a 409 saying why the minutes cannot take it now. */
export function minutesTransition(status: MinutesStatus, action: MinutesAction): MinutesStatus {
  const rule = MINUTES_TRANSITIONS[action];
  if (!(rule.from as readonly MinutesStatus[]).includes(status)) {
    throw conflict('MINUTES_WRONG_STATE', `The minutes cannot be ${ACTION_WORDS[action]} because they are ${STATUS_WORDS[status]}.`);
  }
  return rule.to;
}

/** Only a draft is written in; a submitted, approved or published version is read only. */
export function assertMinutesEditable(status: MinutesStatus): void {
  if (status !== 'draft') {
    throw conflict('MINUTES_NOT_EDITABLE', `The minutes are ${STATUS_WORDS[status]}: only a draft can be edited${status === 'published' ? '; publish a correction instead' : ''}.`);
  }
}

/**
 * JSON with object keys sorted and strings in Unicode NFC, so that the same content always hashes
 * the same, whichever program wrote it (Vietnamese diacritics have composed and decomposed forms).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k.normalize('NFC'))}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: cannot encode a ${typeof value}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` cut to the shape of `stored`: only the keys a stored object has, recursively, item by item in
 * arrays. A published version's facts compared with today's sources: what the minutes cite only since
 * it was published is not a change of its sources.
 */
export function inShapeOf(value: unknown, stored: unknown): unknown {
  if (Array.isArray(value) && Array.isArray(stored)) return value.map((v, i) => (i < stored.length ? inShapeOf(v, stored[i]) : v));
  if (isRecord(value) && isRecord(stored)) {
    return Object.fromEntries(Object.keys(stored).filter((key) => key in value).map((key) => [key, inShapeOf(value[key], stored[key])]));
  }
  return value;
}

const UNWRITTEN = { summary: '', speakers: [], conclusion: '', tasks: [] } as const;

/** Per agenda item, the parts whose text differs between two versions. */
export function diffMinutesItems(before: MinutesItemView[], after: MinutesItemView[]) {
  const parts = ['summary', 'speakers', 'conclusion', 'tasks'] as const;
  const ids = [...new Set([...before, ...after].sort((a, b) => a.position - b.position).map((i) => i.agendaItemId))];
  return ids.flatMap((agendaItemId) => {
    const b = before.find((i) => i.agendaItemId === agendaItemId) ?? null;
    const a = after.find((i) => i.agendaItemId === agendaItemId) ?? null;
    // An item missing on one side reads as not yet written.
    const changed = parts.filter((part) => canonicalJson(b?.[part] ?? UNWRITTEN[part]) !== canonicalJson(a?.[part] ?? UNWRITTEN[part]));
    return changed.length ? [{ agendaItemId, title: (a ?? b)!.title, changed: [...changed], before: b, after: a }] : [];
  });
}

/**
 * The document number of a body's minutes: numbered from 01 per document type (BB, biên bản) within
 * the issuing body; `unitCode` is its abbreviation (e.g. "TU" for a provincial Party committee).
 */
export function minutesDocumentNumber(sequence: number, unitCode: string): string {
  return `${String(sequence).padStart(2, '0')}-BB/${unitCode}`;
}

/** Vietnam's offset from UTC (no daylight saving): calendar years begin at midnight in Hà Nội. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/**
 * Since when a body's minutes are counted for their next number: from 01 within the body's current term
 * (a Party committee, Hướng dẫn 36-HD/VPTW) when one is recorded and has begun, else within the
 * calendar year in Vietnam's time.
 */
export function minutesNumberedSince(termStartedAt: Date | null, now: Date): Date {
  if (termStartedAt && termStartedAt.getTime() <= now.getTime()) return termStartedAt;
  const year = new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
  return new Date(Date.UTC(year, 0, 1) - VIETNAM_OFFSET_MS);
}

/** The abbreviation of a body's name for document numbers: the initials of its words, in capitals, without diacritics. */
export function unitCodeOf(name: string): string {
  return name
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D')
    .split(/\s+/).filter(Boolean).map((word) => word[0].toUpperCase()).join('') || 'BB';
}
