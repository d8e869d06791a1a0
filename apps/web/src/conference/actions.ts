import type { ConferenceStatus } from '@hoinghi/contracts';

export const CONFERENCE_ACTIONS = ['schedule', 'start', 'adjourn', 'resume', 'end', 'cancel'] as const;
export type ConferenceAction = (typeof CONFERENCE_ACTIONS)[number];

// Mirrors the server's transition table (libs/domain conference-status) so the console offers only
// the buttons that can succeed; the server still decides and answers 409 otherwise.
const ALLOWED_FROM: Record<ConferenceAction, ConferenceStatus[]> = {
  schedule: ['draft'],
  start: ['draft', 'scheduled'],
  adjourn: ['live'],
  resume: ['adjourned'],
  end: ['live', 'adjourned'],
  cancel: ['draft', 'scheduled'],
};

export function allowedActions(status: ConferenceStatus): ConferenceAction[] {
  return CONFERENCE_ACTIONS.filter((action) => ALLOWED_FROM[action].includes(status));
}
