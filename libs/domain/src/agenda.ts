import type { AgendaItemState } from '@hoinghi/contracts';
import { conflict, invalid, notFound } from './errors';
import { keptReason, type ReasonRule } from './reasons';

export interface AgendaEntry {
  id: string;
  position: number;
  state: AgendaItemState;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** The result of a transition: the entries whose state or timing changed, already updated. */
export type AgendaChange<T extends AgendaEntry> = T[];

/**
 * An agenda item's state machine (rendered into docs/rules.md). Besides it: at most one item is active,
 * and "next" completes the active item and starts the first pending one.
 */
export const AGENDA_ITEM_TRANSITIONS = {
  start: { from: ['pending'], to: 'active' },
  complete: { from: ['active'], to: 'done' },
  skip: { from: ['pending', 'active'], to: 'skipped' },
  reopen: { from: ['done', 'skipped'], to: 'pending' },
} as const satisfies Record<string, { from: readonly AgendaItemState[]; to: AgendaItemState }>;

export type AgendaTransition = keyof typeof AGENDA_ITEM_TRANSITIONS;

/**
 * Transitions the minutes must explain (Hướng dẫn 16-HD/VPTW: every change of the order of business is
 * recorded): the chair gives a reason, kept in the audit line and on the item (`stateReason`).
 */
export const AGENDA_TRANSITION_REASON: Readonly<Record<AgendaTransition, ReasonRule>> = {
  start: 'none',
  complete: 'none',
  skip: 'required',
  reopen: 'required',
};

/** The reason an agenda transition keeps (null: none), or a 400 on `reason` (see `keptReason`). */
export const agendaReason = (transition: AgendaTransition, reason: string | null | undefined) =>
  keptReason(AGENDA_TRANSITION_REASON[transition], transition, reason);

const allows = (transition: AgendaTransition, state: AgendaItemState) =>
  (AGENDA_ITEM_TRANSITIONS[transition].from as readonly AgendaItemState[]).includes(state);

const byPosition = <T extends AgendaEntry>(items: T[]) => [...items].sort((a, b) => a.position - b.position);

function find<T extends AgendaEntry>(items: T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw notFound('AGENDA_ITEM_NOT_FOUND', `Agenda item ${id} is not part of this conference.`);
  return item;
}

/**
 * What a chair saw when pressing a control: the item in progress (for "next"), or one item's state
 * (for start, complete, skip). Two chairs pressing at once, or a double click, must not both act: the
 * second saw a state that is gone.
 */
export type AgendaExpectation = { activeItemId: string | null } | { itemId: string; state: AgendaItemState };

/** True when the agenda is still as the caller saw it (no expectation: nothing to check). */
export function agendaAsSeen<T extends AgendaEntry>(items: T[], expected: AgendaExpectation | null): boolean {
  if (!expected) return true;
  if ('activeItemId' in expected) return (activeItem(items)?.id ?? null) === expected.activeItemId;
  return items.find((i) => i.id === expected.itemId)?.state === expected.state;
}

export function activeItem<T extends AgendaEntry>(items: T[]): T | undefined {
  return items.find((i) => i.state === 'active');
}

/** Starts a pending item; only one item may be active at a time. */
export function startItem<T extends AgendaEntry>(items: T[], id: string, now: Date): AgendaChange<T> {
  const item = find(items, id);
  if (!allows('start', item.state)) {
    throw conflict('AGENDA_ITEM_NOT_PENDING', `Cannot start this item because it is already ${item.state}.`);
  }
  const active = activeItem(items);
  if (active) {
    throw conflict('AGENDA_ITEM_ALREADY_ACTIVE', 'Cannot start this item while another item is in progress; finish or skip it first.');
  }
  return [{ ...item, state: AGENDA_ITEM_TRANSITIONS.start.to, startedAt: now }];
}

/** Marks the active item done. */
export function completeItem<T extends AgendaEntry>(items: T[], id: string, now: Date): AgendaChange<T> {
  const item = find(items, id);
  if (!allows('complete', item.state)) {
    throw conflict('AGENDA_ITEM_NOT_ACTIVE', `Cannot finish this item because it is ${item.state}, not in progress.`);
  }
  return [{ ...item, state: AGENDA_ITEM_TRANSITIONS.complete.to, endedAt: now }];
}

/** Skips a pending item, or cuts short the active one. */
export function skipItem<T extends AgendaEntry>(items: T[], id: string, now: Date): AgendaChange<T> {
  const item = find(items, id);
  if (!allows('skip', item.state)) {
    throw conflict('AGENDA_ITEM_CLOSED', `Cannot skip this item because it is already ${item.state}.`);
  }
  return [{ ...item, state: AGENDA_ITEM_TRANSITIONS.skip.to, endedAt: item.state === 'active' ? now : null }];
}

/**
 * Reopens a done or skipped item: it is pending again (its times cleared), so the chair can start it, or
 * "next" reaches it in its place.
 */
export function reopenItem<T extends AgendaEntry>(items: T[], id: string): AgendaChange<T> {
  const item = find(items, id);
  if (!allows('reopen', item.state)) {
    throw conflict('AGENDA_ITEM_NOT_CLOSED', `Cannot reopen this item because it is ${item.state}, not done or skipped.`);
  }
  return [{ ...item, state: AGENDA_ITEM_TRANSITIONS.reopen.to, startedAt: null, endedAt: null }];
}

/** "Next": finishes the active item (if any) and starts the first pending one. */
export function advance<T extends AgendaEntry>(items: T[], now: Date): AgendaChange<T> {
  const changes: T[] = [];
  const active = activeItem(items);
  if (active) changes.push({ ...active, state: 'done', endedAt: now });
  const next = byPosition(items).find((i) => i.state === 'pending');
  if (next) changes.push({ ...next, state: 'active', startedAt: now });
  if (changes.length === 0) {
    throw conflict('AGENDA_FINISHED', 'There is no next item: every agenda item is done or skipped.');
  }
  return changes;
}

/**
 * Reorders the agenda. `orderedIds` lists every item once; items that have started
 * (active, done, skipped) must keep their place, because reordering is allowed only until an item starts.
 */
export function reorder<T extends AgendaEntry>(items: T[], orderedIds: string[]): AgendaChange<T> {
  const current = byPosition(items);
  const known = new Set(current.map((i) => i.id));
  if (orderedIds.length !== current.length || new Set(orderedIds).size !== orderedIds.length || !orderedIds.every((id) => known.has(id))) {
    throw invalid('AGENDA_ORDER_INVALID', 'must list every agenda item of the conference exactly once', 'itemIds');
  }
  const changes: T[] = [];
  orderedIds.forEach((id, index) => {
    const item = current.find((i) => i.id === id)!;
    if (item.position === index + 1) return;
    if (item.state !== 'pending' || current[index].state !== 'pending') {
      throw conflict('AGENDA_ITEM_STARTED', 'Only items that have not started can be moved.');
    }
    changes.push({ ...item, position: index + 1 });
  });
  return changes;
}
