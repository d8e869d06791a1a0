import type { ConferenceStatus, UpdateConferenceRequest } from '@hoinghi/contracts';
import { conflict, invalid } from './errors';
import { assertValidQuorumRule } from './quorum';
import { assertEditable } from './conference-status';

export interface ConferencePlan {
  title: string;
  plannedStart: Date;
  plannedEnd: Date;
  quorumNumerator: number;
  quorumDenominator: number;
}

/**
 * A conference's plan after an organiser's edit. Before it starts (draft, scheduled) everything may change;
 * once it has started (live, adjourned) the title and the planned end still may, but not the quorum rule
 * (the quorum reported at the opening must stay the one the meeting is held to) nor the planned start;
 * an ended or cancelled conference is a record and does not change.
 */
export function editedPlan(status: ConferenceStatus, current: ConferencePlan, change: UpdateConferenceRequest): ConferencePlan {
  assertEditable(status, 'edit the conference');
  if (change.title !== undefined && change.title.trim() === '') throw invalid('VALIDATION_FAILED', 'must not be empty', 'title');
  const next: ConferencePlan = {
    title: change.title?.trim() ?? current.title,
    plannedStart: change.plannedStart ? new Date(change.plannedStart) : current.plannedStart,
    plannedEnd: change.plannedEnd ? new Date(change.plannedEnd) : current.plannedEnd,
    quorumNumerator: change.quorumNumerator ?? current.quorumNumerator,
    quorumDenominator: change.quorumDenominator ?? current.quorumDenominator,
  };
  const started = status === 'live' || status === 'adjourned';
  if (started && (next.quorumNumerator !== current.quorumNumerator || next.quorumDenominator !== current.quorumDenominator)) {
    throw conflict('CONFERENCE_ALREADY_STARTED', 'The quorum rule cannot change once the conference has started.');
  }
  if (started && next.plannedStart.getTime() !== current.plannedStart.getTime()) {
    throw conflict('CONFERENCE_ALREADY_STARTED', 'The planned start cannot change once the conference has started.');
  }
  assertValidQuorumRule({ numerator: next.quorumNumerator, denominator: next.quorumDenominator });
  if (next.plannedEnd <= next.plannedStart) throw invalid('PLANNED_END_NOT_AFTER_START', 'must be after plannedStart', 'plannedEnd');
  return next;
}
