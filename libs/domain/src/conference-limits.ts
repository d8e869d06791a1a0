import { CONFERENCE_LIMITS } from '@hoinghi/contracts';
import { conflict } from './errors';

export type LimitedPart = keyof typeof CONFERENCE_LIMITS;

const NAMES: Record<LimitedPart, string> = { sites: 'sites', agendaItems: 'agenda items', participants: 'participants' };

/** Refuses one more of `part` when the conference already holds its limit. */
export function assertRoomFor(part: LimitedPart, current: number): void {
  const limit = CONFERENCE_LIMITS[part];
  if (current >= limit) {
    throw conflict('CONFERENCE_LIMIT_REACHED', `A conference holds at most ${limit} ${NAMES[part]}; this one is full.`);
  }
}
