import type { FloorRequestStatus } from '@hoinghi/contracts';
import { conflict, invalid, notFound } from './errors';

export interface FloorEntry {
  id: string;
  siteId: string;
  participantId: string | null;
  status: FloorRequestStatus;
  position: number; // order in the queue; meaningful while queued
  grantedAt: Date | null;
  endedAt: Date | null;
  spokenSeconds: number | null;
}

export const queued = <T extends FloorEntry>(entries: T[]) =>
  entries.filter((e) => e.status === 'queued').sort((a, b) => a.position - b.position);

export const holder = <T extends FloorEntry>(entries: T[]) => entries.find((e) => e.status === 'speaking');

function find<T extends FloorEntry>(entries: T[], id: string): T {
  const entry = entries.find((e) => e.id === id);
  if (!entry) throw notFound('FLOOR_REQUEST_NOT_FOUND', `Floor request ${id} is not part of this conference.`);
  return entry;
}

const spoken = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** The place a new request takes: after everything queued. Refuses a second open request from the same speaker. */
export function enqueuePosition(entries: FloorEntry[], siteId: string, participantId: string | null): number {
  const duplicate = entries.find(
    (e) => (e.status === 'queued' || e.status === 'speaking') && e.siteId === siteId && e.participantId === participantId,
  );
  if (duplicate) {
    throw conflict(
      'FLOOR_ALREADY_REQUESTED',
      duplicate.status === 'speaking' ? 'This speaker already has the floor.' : 'This speaker is already in the queue.',
    );
  }
  return entries.reduce((max, e) => Math.max(max, e.position), 0) + 1;
}

/** Gives the floor to a queued request; whoever held it is ended first (at most one holder). */
export function grant<T extends FloorEntry>(entries: T[], id: string, now: Date): T[] {
  const entry = find(entries, id);
  if (entry.status !== 'queued') {
    throw conflict('FLOOR_REQUEST_NOT_QUEUED', `Cannot give the floor to this request because it is ${entry.status}, not waiting.`);
  }
  const current = holder(entries);
  const changes: T[] = current ? [endOf(current, now)] : [];
  changes.push({ ...entry, status: 'speaking', grantedAt: now });
  return changes;
}

function endOf<T extends FloorEntry>(entry: T, now: Date): T {
  return { ...entry, status: 'done', endedAt: now, spokenSeconds: spoken(entry.grantedAt ?? now, now) };
}

/** Ends the current holder's turn. */
export function endFloor<T extends FloorEntry>(entries: T[], now: Date): T[] {
  const current = holder(entries);
  if (!current) throw conflict('FLOOR_FREE', 'Nobody has the floor.');
  return [endOf(current, now)];
}

/** Withdraws a waiting request (by its speaker or the chair). */
export function withdraw<T extends FloorEntry>(entries: T[], id: string, now: Date): T[] {
  const entry = find(entries, id);
  if (entry.status !== 'queued') {
    throw conflict('FLOOR_REQUEST_NOT_QUEUED', `Cannot withdraw this request because it is ${entry.status}, not waiting.`);
  }
  return [{ ...entry, status: 'withdrawn', endedAt: now }];
}

/** Moves a waiting request to a 1-based place in the queue; returns every entry whose position changed. */
export function move<T extends FloorEntry>(entries: T[], id: string, place: number): T[] {
  const entry = find(entries, id);
  if (entry.status !== 'queued') {
    throw conflict('FLOOR_REQUEST_NOT_QUEUED', `Cannot move this request because it is ${entry.status}, not waiting.`);
  }
  const queue = queued(entries);
  if (!Number.isInteger(place) || place < 1 || place > queue.length) {
    throw invalid('FLOOR_PLACE_INVALID', `must be between 1 and ${queue.length} (the length of the queue)`, 'position');
  }
  const reordered = queue.filter((e) => e.id !== id);
  reordered.splice(place - 1, 0, entry);
  // The queue keeps its slots; only who stands in which slot changes.
  const positions = queue.map((e) => e.position);
  return reordered.flatMap((e, i) => (e.position === positions[i] ? [] : [{ ...e, position: positions[i] }]));
}
