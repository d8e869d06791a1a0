import type { ParticipantRole } from '@hoinghi/contracts';
import { conflict, invalid } from './errors';
import { CHAIRS } from './roles';
import { SITE_ROLES } from './participant-import';

// Who holds which role where: the rules an organiser's edits of the participant list follow.

export interface RosterEntry {
  role: ParticipantRole;
  siteId: string | null;
  votingRight: boolean;
}

/** A voting right means something for delegates only; everyone else has none. */
export const votingRightFor = (role: ParticipantRole, requested: boolean | undefined, current = true): boolean =>
  role === 'delegate' ? (requested ?? current) : false;

/**
 * A participant's role, site and voting right after an edit. A site role needs a site; a person already
 * checked in or heard from the floor (`hasRecords`) keeps their role and site (the records name them), only
 * their voting right can change; the conference keeps at least one chair (`otherChairs`: chairs besides this one).
 */
export function editedEntry(
  current: RosterEntry,
  change: { role?: ParticipantRole; siteId?: string | null; votingRight?: boolean },
  facts: { hasRecords: boolean; otherChairs: number },
): RosterEntry {
  const role = change.role ?? current.role;
  const siteId = change.siteId === undefined ? current.siteId : change.siteId;
  if (SITE_ROLES.includes(role) && !siteId) throw invalid('SITE_REQUIRED_FOR_ROLE', `is required for the role ${role}`, 'siteId');
  if (facts.hasRecords && (role !== current.role || siteId !== current.siteId)) {
    throw conflict('PARTICIPANT_HAS_RECORDS', 'This person has been checked in or has asked for the floor: their role and site stay; only the voting right can change.');
  }
  assertKeepsChair(current.role, role, facts.otherChairs);
  return { role, siteId, votingRight: votingRightFor(role, change.votingRight, current.votingRight) };
}

/** Removing a participant: not one with records, not the last chair. */
export function assertRemovable(current: RosterEntry, facts: { hasRecords: boolean; otherChairs: number }): void {
  if (facts.hasRecords) {
    throw conflict('PARTICIPANT_HAS_RECORDS', 'This person has been checked in or has asked for the floor, so they stay in the conference\'s records.');
  }
  assertKeepsChair(current.role, null, facts.otherChairs);
}

function assertKeepsChair(from: ParticipantRole, to: ParticipantRole | null, otherChairs: number): void {
  if (from === 'chair' && to !== 'chair' && otherChairs === 0) {
    throw conflict('LAST_CHAIR', 'A conference keeps at least one chair: name another chair first.');
  }
}

export const isChairRole = (role: ParticipantRole) => CHAIRS.includes(role);
