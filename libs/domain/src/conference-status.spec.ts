import { CONFERENCE_STATUSES, type ConferenceStatus } from '@hoinghi/contracts';
import {
  allowedActions, assertEditable, assertLive, CONFERENCE_ACTIONS, ConferenceAction, conferenceAsSeen, conferenceReason, transitionConference,
} from './conference-status';
import { DomainError } from './errors';
import { caught } from './testing/caught';

const STATUSES: ConferenceStatus[] = ['draft', 'scheduled', 'live', 'adjourned', 'ended', 'cancelled'];
const ACTIONS: ConferenceAction[] = ['schedule', 'start', 'adjourn', 'resume', 'end', 'cancel'];

/** The whole state machine, written out: status → action → next status (null: refused). */
const MACHINE: Record<ConferenceStatus, Record<ConferenceAction, ConferenceStatus | null>> = {
  draft: { schedule: 'scheduled', start: 'live', adjourn: null, resume: null, end: null, cancel: 'cancelled' },
  scheduled: { schedule: null, start: 'live', adjourn: null, resume: null, end: null, cancel: 'cancelled' },
  live: { schedule: null, start: null, adjourn: 'adjourned', resume: null, end: 'ended', cancel: null },
  adjourned: { schedule: null, start: null, adjourn: null, resume: 'live', end: 'ended', cancel: null },
  ended: { schedule: null, start: null, adjourn: null, resume: null, end: null, cancel: null },
  cancelled: { schedule: null, start: null, adjourn: null, resume: null, end: null, cancel: null },
};

/** How the messages describe each status. */
const WORDS: Record<ConferenceStatus, string> = {
  draft: 'a draft',
  scheduled: 'scheduled',
  live: 'live',
  adjourned: 'adjourned',
  ended: 'over',
  cancelled: 'cancelled',
};

const cases = STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action, to: MACHINE[status][action] })));
const allowed = cases.filter((c) => c.to !== null);
const refused = cases.filter((c) => c.to === null);

describe('transitionConference', () => {
  it('covers every status the contracts define', () => {
    expect([...CONFERENCE_STATUSES].sort()).toEqual([...STATUSES].sort());
  });

  it('allows exactly nine transitions', () => {
    expect(allowed).toHaveLength(9);
    expect(refused).toHaveLength(27);
  });

  it.each(allowed.map((c) => [c.status, c.action, c.to] as const))('%s --%s--> %s', (status, action, to) => {
    expect(transitionConference(status, action)).toBe(to);
  });

  it.each(refused.map((c) => [c.action, c.status] as const))('refuses to %s a conference that is %s', (action, status) => {
    const error = caught(() => transitionConference(status, action));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('CONFERENCE_WRONG_STATE');
    expect(error.message).toBe(`Cannot ${action} the conference because it is ${WORDS[status]}.`);
    expect(error.message).toMatch(/^[A-Z][^.]*\.$/);
  });

  it.each(['ended', 'cancelled'] as const)('treats %s as final: no action leaves it', (status) => {
    for (const action of ACTIONS) {
      expect(() => transitionConference(status, action)).toThrow(DomainError);
    }
  });

  it('spells out readable examples', () => {
    expect(caught(() => transitionConference('ended', 'start')).message).toBe('Cannot start the conference because it is over.');
    expect(caught(() => transitionConference('draft', 'adjourn')).message).toBe('Cannot adjourn the conference because it is a draft.');
    expect(caught(() => transitionConference('live', 'cancel')).message).toBe('Cannot cancel the conference because it is live.');
  });

  it('runs a whole meeting: draft → scheduled → live → adjourned → live → ended', () => {
    let status: ConferenceStatus = 'draft';
    for (const action of ['schedule', 'start', 'adjourn', 'resume', 'end'] as ConferenceAction[]) {
      status = transitionConference(status, action);
    }
    expect(status).toBe('ended');
  });
});

describe('assertLive', () => {
  it('lets live business happen while live', () => {
    expect(() => assertLive('live', 'give the floor')).not.toThrow();
  });

  it.each(STATUSES.filter((s) => s !== 'live'))('refuses while the conference is %s', (status) => {
    const error = caught(() => assertLive(status, 'give the floor'));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('CONFERENCE_NOT_LIVE');
    expect(error.message).toBe(`Cannot give the floor because the conference is ${WORDS[status]}, not live.`);
  });
});

describe('assertEditable', () => {
  it.each(['draft', 'scheduled', 'live', 'adjourned'] as const)('allows structural changes while %s', (status) => {
    expect(() => assertEditable(status, 'add a site')).not.toThrow();
  });

  it.each(['ended', 'cancelled'] as const)('refuses structural changes once %s', (status) => {
    const error = caught(() => assertEditable(status, 'add a site'));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('CONFERENCE_CLOSED');
    expect(error.message).toBe(`Cannot add a site because the conference is ${WORDS[status]}.`);
  });
});

describe('allowedActions', () => {
  it.each([
    ['draft', ['schedule', 'start', 'cancel']],
    ['scheduled', ['start', 'cancel']],
    ['live', ['adjourn', 'end']],
    ['adjourned', ['resume', 'end']],
    ['ended', []],
    ['cancelled', []],
  ] as Array<[ConferenceStatus, ConferenceAction[]]>)('from %s offers %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it('offers exactly the actions transitionConference accepts', () => {
    for (const status of CONFERENCE_STATUSES) {
      for (const action of CONFERENCE_ACTIONS) {
        const accepted = (() => {
          try {
            transitionConference(status, action);
            return true;
          } catch {
            return false;
          }
        })();
        expect(allowedActions(status).includes(action)).toBe(accepted);
      }
    }
  });
});

describe('conferenceReason', () => {
  it('cancelling needs a reason', () => {
    const error = caught(() => conferenceReason('cancel', ''));
    expect(error.code).toBe('REASON_REQUIRED');
    expect(error.fields).toEqual({ reason: ['is required'] });
    expect(conferenceReason('cancel', ' Hoãn theo chỉ đạo của Thường trực ')).toBe('Hoãn theo chỉ đạo của Thường trực');
  });

  it('a pause may say why', () => {
    expect(conferenceReason('adjourn', undefined)).toBeNull();
    expect(conferenceReason('adjourn', 'Nghỉ giải lao 15 phút')).toBe('Nghỉ giải lao 15 phút');
  });

  it.each(['schedule', 'start', 'resume', 'end'] as const)('%s takes none', (action) => {
    expect(conferenceReason(action, null)).toBeNull();
    expect(caught(() => conferenceReason(action, 'x')).code).toBe('VALIDATION_FAILED');
  });
});

describe('conferenceAsSeen', () => {
  it('holds when nothing is expected or the status is the one seen', () => {
    expect(conferenceAsSeen('live', undefined)).toBe(true);
    expect(conferenceAsSeen('live', 'live')).toBe(true);
  });

  it('fails when the status moved on (a double click of "end")', () => {
    expect(conferenceAsSeen('ended', 'live')).toBe(false);
  });
});
