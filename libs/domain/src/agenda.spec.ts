import type { AgendaItemState } from '@hoinghi/contracts';
import { activeItem, advance, agendaAsSeen, AgendaEntry, agendaReason, completeItem, reopenItem, reorder, skipItem, startItem } from './agenda';
import { DomainError } from './errors';
import { caught } from './testing/caught';

interface Item extends AgendaEntry {
  title: string;
}

const T0 = new Date('2024-05-20T08:00:00Z');
const T1 = new Date('2024-05-20T08:30:00Z');
const T2 = new Date('2024-05-20T09:15:00Z');

function item(id: string, position: number, state: AgendaItemState = 'pending', startedAt: Date | null = null, endedAt: Date | null = null): Item {
  return { id, position, state, startedAt, endedAt, title: `Item ${id}` };
}

/** Applies the changes a rule returned, as the service writes them. */
function apply(items: Item[], changes: Item[]): Item[] {
  return items.map((i) => changes.find((c) => c.id === i.id) ?? i);
}

const states = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, i.state]));

describe('activeItem', () => {
  it('finds the item in progress', () => {
    const items = [item('a', 1, 'done', T0, T1), item('b', 2, 'active', T1), item('c', 3)];
    expect(activeItem(items)?.id).toBe('b');
  });

  it('is undefined when nothing is in progress', () => {
    expect(activeItem([item('a', 1, 'done', T0, T1), item('b', 2)])).toBeUndefined();
    expect(activeItem([])).toBeUndefined();
  });
});

describe('startItem', () => {
  it('starts a pending item and records when', () => {
    const items = [item('a', 1), item('b', 2)];
    const changes = startItem(items, 'b', T0);
    expect(changes).toEqual([{ id: 'b', position: 2, state: 'active', startedAt: T0, endedAt: null, title: 'Item b' }]);
  });

  it('does not mutate the items it was given', () => {
    const items = [item('a', 1)];
    const snapshot = structuredClone(items);
    startItem(items, 'a', T0);
    expect(items).toEqual(snapshot);
  });

  it('refuses while another item is active (one active at a time)', () => {
    const items = [item('a', 1, 'active', T0), item('b', 2)];
    const error = caught(() => startItem(items, 'b', T1));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('AGENDA_ITEM_ALREADY_ACTIVE');
    expect(error.message).toMatch(/^Cannot start this item while another item is in progress/);
  });

  it.each(['active', 'done', 'skipped'] as const)('refuses to start an item that is %s', (state) => {
    const items = [item('a', 1, state, T0, state === 'active' ? null : T1)];
    const error = caught(() => startItem(items, 'a', T2));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('AGENDA_ITEM_NOT_PENDING');
    expect(error.message).toBe(`Cannot start this item because it is already ${state}.`);
  });

  it('refuses an id that is not in the agenda', () => {
    const error = caught(() => startItem([item('a', 1)], 'zzz', T0));
    expect(error.category).toBe('not_found');
    expect(error.code).toBe('AGENDA_ITEM_NOT_FOUND');
    expect(error.message).toContain('zzz');
  });
});

describe('completeItem', () => {
  it('finishes the active item, keeping its start and recording its end', () => {
    const items = [item('a', 1, 'active', T0), item('b', 2)];
    expect(completeItem(items, 'a', T1)).toEqual([{ ...items[0], state: 'done', startedAt: T0, endedAt: T1 }]);
  });

  it.each(['pending', 'done', 'skipped'] as const)('refuses to finish an item that is %s', (state) => {
    const items = [item('a', 1, state)];
    const error = caught(() => completeItem(items, 'a', T1));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('AGENDA_ITEM_NOT_ACTIVE');
    expect(error.message).toBe(`Cannot finish this item because it is ${state}, not in progress.`);
  });

  it('refuses an unknown id', () => {
    expect(caught(() => completeItem([], 'x', T1)).category).toBe('not_found');
  });
});

describe('skipItem', () => {
  it('skips a pending item without giving it start or end times', () => {
    const items = [item('a', 1), item('b', 2)];
    expect(skipItem(items, 'b', T1)).toEqual([{ ...items[1], state: 'skipped', startedAt: null, endedAt: null }]);
  });

  it('cuts short the active item, recording its end', () => {
    const items = [item('a', 1, 'active', T0)];
    expect(skipItem(items, 'a', T1)).toEqual([{ ...items[0], state: 'skipped', startedAt: T0, endedAt: T1 }]);
  });

  it.each(['done', 'skipped'] as const)('refuses to skip an item that is already %s', (state) => {
    const items = [item('a', 1, state, T0, T1)];
    const error = caught(() => skipItem(items, 'a', T2));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('AGENDA_ITEM_CLOSED');
    expect(error.message).toBe(`Cannot skip this item because it is already ${state}.`);
  });

  it('refuses an unknown id', () => {
    expect(caught(() => skipItem([item('a', 1)], 'b', T1)).code).toBe('AGENDA_ITEM_NOT_FOUND');
  });

  it('frees the agenda so another item can start', () => {
    let items = [item('a', 1, 'active', T0), item('b', 2)];
    items = apply(items, skipItem(items, 'a', T1));
    expect(activeItem(items)).toBeUndefined();
    expect(startItem(items, 'b', T1)[0].state).toBe('active');
  });
});

describe('advance ("next")', () => {
  it('starts the first pending item by position when nothing is active', () => {
    // given out of order: position, not array order, decides
    const items = [item('c', 3), item('b', 2), item('a', 1, 'done', T0, T1)];
    expect(advance(items, T1)).toEqual([{ ...items[1], state: 'active', startedAt: T1 }]);
  });

  it('finishes the active item and starts the next pending one at the same moment', () => {
    const items = [item('a', 1, 'active', T0), item('b', 2), item('c', 3)];
    const changes = advance(items, T1);
    expect(changes).toEqual([
      { ...items[0], state: 'done', startedAt: T0, endedAt: T1 },
      { ...items[1], state: 'active', startedAt: T1, endedAt: null },
    ]);
  });

  it('passes over items that are done or skipped', () => {
    const items = [item('a', 1, 'skipped'), item('b', 2, 'done', T0, T1), item('c', 3, 'active', T1), item('d', 4, 'skipped'), item('e', 5)];
    const changes = advance(items, T2);
    expect(changes.map((c) => [c.id, c.state])).toEqual([
      ['c', 'done'],
      ['e', 'active'],
    ]);
  });

  it('only finishes the active item when nothing is left pending', () => {
    const items = [item('a', 1, 'done', T0, T1), item('b', 2, 'active', T1)];
    expect(advance(items, T2)).toEqual([{ ...items[1], state: 'done', startedAt: T1, endedAt: T2 }]);
  });

  it('refuses when every item is done or skipped', () => {
    const items = [item('a', 1, 'done', T0, T1), item('b', 2, 'skipped')];
    const error = caught(() => advance(items, T2));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('AGENDA_FINISHED');
    expect(error.message).toMatch(/^There is no next item/);
  });

  it('refuses on an empty agenda', () => {
    expect(caught(() => advance([], T0)).code).toBe('AGENDA_FINISHED');
  });

  it('walks the whole agenda with at most one active item at every step', () => {
    let items = [item('c', 3), item('a', 1), item('d', 4), item('b', 2)];
    const order: string[] = [];
    for (let step = 0; step < 10; step++) {
      const now = new Date(T0.getTime() + step * 60_000);
      let changes: Item[];
      try {
        changes = advance(items, now);
      } catch (error) {
        expect((error as DomainError).code).toBe('AGENDA_FINISHED');
        break;
      }
      items = apply(items, changes);
      expect(items.filter((i) => i.state === 'active').length).toBeLessThanOrEqual(1);
      const active = activeItem(items);
      if (active) {
        order.push(active.id);
        expect(active.startedAt).toEqual(now);
      }
    }
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(items.every((i) => i.state === 'done')).toBe(true);
    for (const i of items) {
      expect(i.startedAt).not.toBeNull();
      expect(i.endedAt).not.toBeNull();
      expect(i.endedAt!.getTime() - i.startedAt!.getTime()).toBe(60_000);
    }
  });
});

describe('reorder', () => {
  const agenda = () => [item('a', 1), item('b', 2), item('c', 3), item('d', 4)];

  it('returns only the items whose position changed, with their new position', () => {
    const changes = reorder(agenda(), ['a', 'c', 'b', 'd']);
    expect(changes).toEqual([
      { ...item('c', 2) },
      { ...item('b', 3) },
    ]);
  });

  it('returns no changes for the current order', () => {
    expect(reorder(agenda(), ['a', 'b', 'c', 'd'])).toEqual([]);
  });

  it('reverses a whole pending agenda', () => {
    const items = apply(agenda(), reorder(agenda(), ['d', 'c', 'b', 'a']));
    expect(Object.fromEntries(items.map((i) => [i.id, i.position]))).toEqual({ a: 4, b: 3, c: 2, d: 1 });
  });

  it('reads the current order from positions, not array order', () => {
    const shuffled = [item('c', 3), item('a', 1), item('d', 4), item('b', 2)];
    expect(reorder(shuffled, ['a', 'b', 'c', 'd'])).toEqual([]);
  });

  it('moves pending items around started items that keep their place', () => {
    const items = [item('a', 1, 'done', T0, T1), item('b', 2, 'active', T1), item('c', 3), item('d', 4), item('e', 5, 'skipped'), item('f', 6)];
    const changes = reorder(items, ['a', 'b', 'f', 'd', 'e', 'c']);
    expect(changes.map((c) => [c.id, c.position])).toEqual([
      ['f', 3],
      ['c', 6],
    ]);
    expect(states(changes)).toEqual({ f: 'pending', c: 'pending' });
  });

  it.each([
    ['an active item', 'active'],
    ['a done item', 'done'],
    ['a skipped item', 'skipped'],
  ] as const)('refuses to move %s', (_what, state) => {
    const items = [item('a', 1, state, T0), item('b', 2), item('c', 3)];
    const error = caught(() => reorder(items, ['b', 'a', 'c']));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('AGENDA_ITEM_STARTED');
    expect(error.message).toBe('Only items that have not started can be moved.');
  });

  it('refuses to move a started item to the end', () => {
    const items = [item('a', 1, 'done', T0, T1), item('b', 2), item('c', 3)];
    expect(caught(() => reorder(items, ['b', 'c', 'a'])).code).toBe('AGENDA_ITEM_STARTED');
  });

  it('refuses to put a pending item into the place of a started one', () => {
    const items = [item('a', 1), item('b', 2, 'active', T0), item('c', 3)];
    expect(caught(() => reorder(items, ['a', 'c', 'b'])).code).toBe('AGENDA_ITEM_STARTED');
    expect(caught(() => reorder(items, ['b', 'a', 'c'])).code).toBe('AGENDA_ITEM_STARTED');
    // swapping the pending items around the active one, which stays put, is fine
    expect(reorder(items, ['c', 'b', 'a']).map((c) => [c.id, c.position])).toEqual([
      ['c', 1],
      ['a', 3],
    ]);
  });

  it.each([
    ['an item is missing', ['a', 'b', 'c']],
    ['an unknown id is listed', ['a', 'b', 'c', 'x']],
    ['an id is listed twice', ['a', 'b', 'c', 'c']],
    ['an extra id is listed', ['a', 'b', 'c', 'd', 'e']],
    ['the list is empty', []],
  ])('refuses an order in which %s', (_what, ids) => {
    const error = caught(() => reorder(agenda(), ids));
    expect(error.category).toBe('validation');
    expect(error.code).toBe('AGENDA_ORDER_INVALID');
    expect(error.message).toBe('itemIds must list every agenda item of the conference exactly once.');
    expect(error.fields).toEqual({ itemIds: ['must list every agenda item of the conference exactly once'] });
  });

  it('does not mutate the items it was given', () => {
    const items = agenda();
    const snapshot = structuredClone(items);
    reorder(items, ['d', 'c', 'b', 'a']);
    expect(items).toEqual(snapshot);
  });
});

describe('agendaAsSeen', () => {
  const items = [
    { id: 'a', position: 1, state: 'done' as const, startedAt: null, endedAt: null },
    { id: 'b', position: 2, state: 'active' as const, startedAt: null, endedAt: null },
    { id: 'c', position: 3, state: 'pending' as const, startedAt: null, endedAt: null },
  ];

  it('holds when the item in progress, or the item\'s state, is the one the chair saw', () => {
    expect(agendaAsSeen(items, { activeItemId: 'b' })).toBe(true);
    expect(agendaAsSeen(items, { itemId: 'c', state: 'pending' })).toBe(true);
    expect(agendaAsSeen(items, null)).toBe(true);
  });

  it('fails when another chair moved on, or the item changed state meanwhile', () => {
    expect(agendaAsSeen(items, { activeItemId: 'a' })).toBe(false);
    expect(agendaAsSeen(items, { activeItemId: null })).toBe(false);
    expect(agendaAsSeen(items, { itemId: 'b', state: 'pending' })).toBe(false);
    expect(agendaAsSeen(items, { itemId: 'ghost', state: 'pending' })).toBe(false);
  });
});

describe('reopenItem', () => {
  it.each(['done', 'skipped'] as const)('makes a %s item pending again, its times cleared', (state) => {
    const items = [item('a', 1, state, T0, T1), item('b', 2, 'active', T1)];
    expect(reopenItem(items, 'a')).toEqual([{ id: 'a', position: 1, state: 'pending', startedAt: null, endedAt: null, title: 'Item a' }]);
  });

  it('lets the reopened item be started again, or reached by "next" in its place', () => {
    let items = [item('a', 1, 'skipped'), item('b', 2, 'done', T0, T1), item('c', 3)];
    items = apply(items, reopenItem(items, 'b'));
    expect(states(advance(items, T2))).toEqual({ b: 'active' });
    expect(states(startItem(items, 'b', T2))).toEqual({ b: 'active' });
  });

  it.each(['pending', 'active'] as const)('refuses an item that is %s', (state) => {
    const error = caught(() => reopenItem([item('a', 1, state, state === 'active' ? T0 : null)], 'a'));
    expect(error.code).toBe('AGENDA_ITEM_NOT_CLOSED');
    expect(error.category).toBe('conflict');
    expect(error.message).toBe(`Cannot reopen this item because it is ${state}, not done or skipped.`);
  });

  it('refuses an unknown item', () => {
    expect(caught(() => reopenItem([item('a', 1, 'done', T0, T1)], 'zz')).code).toBe('AGENDA_ITEM_NOT_FOUND');
  });
});

describe('agendaReason', () => {
  it.each(['skip', 'reopen'] as const)('%s needs a reason for the minutes', (transition) => {
    const error = caught(() => agendaReason(transition, '   '));
    expect(error.code).toBe('REASON_REQUIRED');
    expect(error.fields).toEqual({ reason: ['is required'] });
    expect(agendaReason(transition, '  Hết giờ, chuyển sang phiên chiều ')).toBe('Hết giờ, chuyển sang phiên chiều');
  });

  it.each(['start', 'complete'] as const)('%s takes none', (transition) => {
    expect(agendaReason(transition, undefined)).toBeNull();
    expect(caught(() => agendaReason(transition, 'why')).fields).toEqual({ reason: [`is not taken by ${transition}`] });
  });
});
