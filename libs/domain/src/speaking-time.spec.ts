import { agendaTimeAgainstPlan, formatClock, speakingClock } from './speaking-time';

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 8, 0, s));

describe('speaking time', () => {
  it('counts down from the limit and below zero once over it', () => {
    expect(speakingClock({ grantedAt: at(0), limitSeconds: 300 }, at(120))).toEqual({ spokenSeconds: 120, leftSeconds: 180, overrun: false });
    expect(speakingClock({ grantedAt: at(0), limitSeconds: 300 }, at(300))).toEqual({ spokenSeconds: 300, leftSeconds: 0, overrun: false });
    expect(speakingClock({ grantedAt: at(0).toISOString(), limitSeconds: 300 }, at(301))).toEqual({ spokenSeconds: 301, leftSeconds: -1, overrun: true });
  });

  it('without a limit only counts the time spoken; a clock behind the server never shows negative time spoken', () => {
    expect(speakingClock({ grantedAt: at(10), limitSeconds: null }, at(70))).toEqual({ spokenSeconds: 60, leftSeconds: null, overrun: false });
    expect(speakingClock({ grantedAt: at(10), limitSeconds: 60 }, at(5))).toEqual({ spokenSeconds: 0, leftSeconds: 60, overrun: false });
    expect(speakingClock({ grantedAt: null, limitSeconds: 60 }, at(5))).toEqual({ spokenSeconds: 0, leftSeconds: 60, overrun: false });
  });

  it("measures an agenda item's time against its plan: not started, running, finished over", () => {
    expect(agendaTimeAgainstPlan({ plannedMinutes: 15, startedAt: null, endedAt: null }, at(0)))
      .toEqual({ plannedSeconds: 900, elapsedSeconds: 0, overSeconds: 0, standing: 'not_started' });
    expect(agendaTimeAgainstPlan({ plannedMinutes: 15, startedAt: at(0), endedAt: null }, at(600)))
      .toEqual({ plannedSeconds: 900, elapsedSeconds: 600, overSeconds: 0, standing: 'within' });
    expect(agendaTimeAgainstPlan({ plannedMinutes: 15, startedAt: at(0).toISOString(), endedAt: at(1000).toISOString() }, at(5000)))
      .toEqual({ plannedSeconds: 900, elapsedSeconds: 1000, overSeconds: 100, standing: 'over' });
    expect(agendaTimeAgainstPlan({ plannedMinutes: 1, startedAt: at(0), endedAt: null }, at(60)).standing).toBe('within');
  });

  it('formats clocks as minutes and seconds, hours when needed, with a sign when over', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(75)).toBe('01:15');
    expect(formatClock(-5)).toBe('-00:05');
    expect(formatClock(3725)).toBe('1:02:05');
  });
});
