import { caught } from './testing/caught';
import { assertRemovable, editedEntry, votingRightFor } from './roster';

const delegate = { role: 'delegate' as const, siteId: 's1', votingRight: true };

describe('roster rules', () => {
  it('gives a voting right to delegates only', () => {
    expect(votingRightFor('delegate', undefined)).toBe(true);
    expect(votingRightFor('delegate', false)).toBe(false);
    expect(votingRightFor('observer', true)).toBe(false);
  });

  it('moves a delegate without records, and keeps the role and site of one with records', () => {
    expect(editedEntry(delegate, { siteId: 's2', votingRight: false }, { hasRecords: false, otherChairs: 1 })).toEqual({ role: 'delegate', siteId: 's2', votingRight: false });
    expect(editedEntry(delegate, { votingRight: false }, { hasRecords: true, otherChairs: 1 }).votingRight).toBe(false);
    expect(caught(() => editedEntry(delegate, { siteId: 's2' }, { hasRecords: true, otherChairs: 1 })).code).toBe('PARTICIPANT_HAS_RECORDS');
  });

  it('needs a site for site roles', () => {
    const error = caught(() => editedEntry({ role: 'observer', siteId: null, votingRight: false }, { role: 'site_operator' }, { hasRecords: false, otherChairs: 0 }));
    expect([error.code, error.fields]).toEqual(['SITE_REQUIRED_FOR_ROLE', { siteId: ['is required for the role site_operator'] }]);
  });

  it('keeps at least one chair', () => {
    const chair = { role: 'chair' as const, siteId: 'main', votingRight: false };
    expect(caught(() => assertRemovable(chair, { hasRecords: false, otherChairs: 0 })).code).toBe('LAST_CHAIR');
    expect(caught(() => editedEntry(chair, { role: 'co_chair' }, { hasRecords: false, otherChairs: 0 })).code).toBe('LAST_CHAIR');
    expect(() => assertRemovable(chair, { hasRecords: false, otherChairs: 1 })).not.toThrow();
  });
});
