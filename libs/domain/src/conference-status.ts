import type { ConferenceStatus } from '@hoinghi/contracts';
import { conflict } from './errors';
import { keptReason } from './reasons';

export const CONFERENCE_ACTIONS = ['schedule', 'start', 'adjourn', 'resume', 'end', 'cancel'] as const;
export type ConferenceAction = (typeof CONFERENCE_ACTIONS)[number];

/** The conference's state machine (rendered into docs/rules.md). */
export const CONFERENCE_TRANSITIONS: Readonly<Record<ConferenceAction, { from: readonly ConferenceStatus[]; to: ConferenceStatus }>> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  start: { from: ['draft', 'scheduled'], to: 'live' },
  adjourn: { from: ['live'], to: 'adjourned' },
  resume: { from: ['adjourned'], to: 'live' },
  end: { from: ['live', 'adjourned'], to: 'ended' },
  cancel: { from: ['draft', 'scheduled'], to: 'cancelled' },
};

/**
 * Whether an action takes a reason (kept in the audit line and shown as the conference's `statusReason`):
 * cancelling must say why (the bodies convened are told); a pause may say why and for how long.
 */
export const CONFERENCE_ACTION_REASON: Readonly<Record<ConferenceAction, 'required' | 'optional' | 'none'>> = {
  schedule: 'none',
  start: 'none',
  adjourn: 'optional',
  resume: 'none',
  end: 'none',
  cancel: 'required',
};

/** The reason a conference action keeps (null: none), or a 400 on `reason` (see `keptReason`). */
export const conferenceReason = (action: ConferenceAction, reason: string | null | undefined) =>
  keptReason(CONFERENCE_ACTION_REASON[action], action, reason);

/**
 * True when the conference is still in the status the chair saw when pressing (no expectation: nothing to
 * check). A double click of "end", or two chairs, must get a clear 409 rather than "already over".
 */
export const conferenceAsSeen = (status: ConferenceStatus, expected: ConferenceStatus | null | undefined) => !expected || status === expected;

const STATUS_WORDS: Record<ConferenceStatus, string> = {
  draft: 'a draft',
  scheduled: 'scheduled',
  live: 'live',
  adjourned: 'adjourned',
  ended: 'over',
  cancelled: 'cancelled',
};

/** The status after `action`, or a 409 that says why the action is not possible now. */
export function transitionConference(status: ConferenceStatus, action: ConferenceAction): ConferenceStatus {
  const rule = CONFERENCE_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw conflict('CONFERENCE_WRONG_STATE', `Cannot ${action} the conference because it is ${STATUS_WORDS[status]}.`);
  }
  return rule.to;
}

/** The actions possible from `status`, in display order (the chair console offers only these). */
export function allowedActions(status: ConferenceStatus): ConferenceAction[] {
  return CONFERENCE_ACTIONS.filter((action) => CONFERENCE_TRANSITIONS[action].from.includes(status));
}

/** Live business (agenda, floor) happens only while the conference is live. */
export function assertLive(status: ConferenceStatus, what: string): void {
  if (status !== 'live') {
    throw conflict('CONFERENCE_NOT_LIVE', `Cannot ${what} because the conference is ${STATUS_WORDS[status]}, not live.`);
  }
}

/** Structure (sites, agenda items, people) may change until the conference is over. */
export function assertEditable(status: ConferenceStatus, what: string): void {
  if (status === 'ended' || status === 'cancelled') {
    throw conflict('CONFERENCE_CLOSED', `Cannot ${what} because the conference is ${STATUS_WORDS[status]}.`);
  }
}
