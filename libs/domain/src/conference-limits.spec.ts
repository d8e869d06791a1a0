import { CONFERENCE_LIMITS } from '@hoinghi/contracts';
import { assertRoomFor } from './conference-limits';
import { caught } from './testing/caught';

describe('assertRoomFor', () => {
  it('lets a conference fill up to its limit and refuses one more, saying which limit', () => {
    expect(() => assertRoomFor('sites', CONFERENCE_LIMITS.sites - 1)).not.toThrow();
    expect(caught(() => assertRoomFor('sites', CONFERENCE_LIMITS.sites))).toMatchObject({
      category: 'conflict', code: 'CONFERENCE_LIMIT_REACHED', message: 'A conference holds at most 5000 sites; this one is full.',
    });
    expect(caught(() => assertRoomFor('participants', 50000)).message).toMatch(/50000 participants/);
    expect(() => assertRoomFor('agendaItems', 199)).not.toThrow();
    expect(caught(() => assertRoomFor('agendaItems', 200)).message).toMatch(/200 agenda items/);
  });
});
