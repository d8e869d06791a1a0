import type { MinutesItemView } from '@hoinghi/contracts';
import { DomainError } from './errors';
import {
  assertMinutesEditable, canonicalJson, diffMinutesItems, inShapeOf, minutesDocumentNumber, minutesNumberedSince, minutesTransition, unitCodeOf,
} from './minutes';

describe('minutes workflow', () => {
  it.each([
    ['draft', 'submit', 'submitted'],
    ['submitted', 'approve', 'approved'],
    ['submitted', 'return', 'draft'],
    ['approved', 'return', 'draft'],
    ['approved', 'publish', 'published'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(minutesTransition(from, action)).toBe(to);
  });

  it.each([
    ['draft', 'approve', 'The minutes cannot be approved because they are a draft.'],
    ['draft', 'publish', 'The minutes cannot be published because they are a draft.'],
    ['submitted', 'publish', 'The minutes cannot be published because they are submitted to the chair.'],
    ['published', 'return', 'The minutes cannot be returned because they are published.'],
    ['published', 'submit', 'The minutes cannot be submitted because they are published.'],
  ] as const)('refuses %s --%s--> with a 409 saying why', (from, action, message) => {
    expect(() => minutesTransition(from, action)).toThrow(expect.objectContaining({ code: 'MINUTES_WRONG_STATE', category: 'conflict', message }));
  });

  it('lets only a draft be edited, and tells a published one to be corrected', () => {
    expect(() => assertMinutesEditable('draft')).not.toThrow();
    for (const status of ['submitted', 'approved'] as const) expect(() => assertMinutesEditable(status)).toThrow(DomainError);
    expect(() => assertMinutesEditable('published')).toThrow(/publish a correction/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined, so equal content hashes equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: true }], c: undefined } })).toBe('{"a":{"d":[2,{"y":true,"z":null}]},"b":1}');
  });

  it('writes Vietnamese in one Unicode form (NFC): composed and decomposed diacritics agree', () => {
    const composed = 'Nguyễn Thị Ửng';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(canonicalJson({ name: decomposed })).toBe(canonicalJson({ name: composed }));
  });
});

describe('diffMinutesItems', () => {
  const item = (id: string, position: number, patch: Partial<MinutesItemView> = {}): MinutesItemView => ({
    agendaItemId: id, position, title: `Mục ${position}`, summary: '', speakers: [], conclusion: '', tasks: [], revision: 1, updatedAt: null, updatedByName: null, ...patch,
  });

  it('names the parts that changed per item, ignoring revisions, and items only on one side', () => {
    const before = [item('a', 1, { summary: 'x' }), item('b', 2, { conclusion: 'y' })];
    const after = [item('a', 1, { summary: 'x', revision: 7 }), item('b', 2, { conclusion: 'z', tasks: [{ unit: 'VP', task: 't', due: null }] }), item('c', 3, { summary: 'new' })];
    expect(diffMinutesItems(before, after).map(({ agendaItemId, changed }) => ({ agendaItemId, changed }))).toEqual([
      { agendaItemId: 'b', changed: ['conclusion', 'tasks'] },
      { agendaItemId: 'c', changed: ['summary'] },
    ]);
  });
});

describe('document numbers', () => {
  it('numbers from 01 with the body\'s initials, without diacritics', () => {
    expect(minutesDocumentNumber(1, unitCodeOf('Tỉnh ủy Đồng Tháp'))).toBe('01-BB/TUDT');
    expect(minutesDocumentNumber(12, 'HU')).toBe('12-BB/HU');
  });
});

describe('inShapeOf: a published version\'s facts against today\'s sources', () => {
  const stored = { place: 'Hội trường', attendance: { present: 2, perSite: [{ siteName: 'Sa Đéc', present: 1 }] }, drafts: [{ title: 'Dự thảo', comments: 3 }] };
  const today = {
    place: 'Hội trường', businessChanges: [{ kind: 'resumed' }],
    attendance: { present: 2, guests: [{ fullName: 'Võ Thành Hiếu' }], perSite: [{ siteName: 'Sa Đéc', present: 1 }] },
    drafts: [{ title: 'Dự thảo', comments: 3, points: 1 }],
  };

  it('leaves out what was cited only after publication, at any depth', () => {
    expect(canonicalJson(inShapeOf(today, stored))).toBe(canonicalJson(stored));
  });

  it('still sees a changed value, a missing key and an added item', () => {
    expect(inShapeOf({ ...today, attendance: { ...today.attendance, present: 3 } }, stored)).not.toEqual(stored);
    expect(inShapeOf({ ...today, place: undefined }, stored)).not.toEqual(stored);
    expect(inShapeOf({ ...today, drafts: [...today.drafts, { title: 'Dự thảo 2', comments: 0 }] }, stored)).not.toEqual(stored);
  });
});

describe('minutesNumberedSince', () => {
  const term = new Date('2025-10-15T01:00:00Z');
  it('counts within the body\'s current term once it has begun', () => {
    expect(minutesNumberedSince(term, new Date('2026-12-01T03:00:00Z'))).toEqual(term);
    expect(minutesNumberedSince(term, term)).toEqual(term);
  });
  it('counts within the calendar year in Vietnam\'s time without a term, or before a term recorded ahead begins', () => {
    expect(minutesNumberedSince(null, new Date('2026-12-01T03:00:00Z'))).toEqual(new Date('2025-12-31T17:00:00Z'));
    expect(minutesNumberedSince(new Date('2027-01-10T00:00:00Z'), new Date('2026-12-01T03:00:00Z'))).toEqual(new Date('2025-12-31T17:00:00Z'));
  });
  it('starts a new year at midnight in Hà Nội, 17:00 UTC the day before', () => {
    expect(minutesNumberedSince(null, new Date('2026-12-31T16:59:59Z'))).toEqual(new Date('2025-12-31T17:00:00Z'));
    expect(minutesNumberedSince(null, new Date('2026-12-31T17:00:00Z'))).toEqual(new Date('2026-12-31T17:00:00Z'));
  });
});
