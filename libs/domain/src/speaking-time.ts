// The clocks a chair watches: a speaker's time left against the limit the chair set, and each agenda
// item's time against the plan. Pure: every site computes the same answer from the same facts.

const secondsBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 1000);
const asDate = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at);

/** The shortest and longest limit a chair may set for one turn (30 s … 1 h). */
export const SPEAKING_LIMIT_SECONDS = { min: 30, max: 3600 } as const;

export interface SpeakingClock {
  /** Seconds spoken so far in this turn (never negative). */
  spokenSeconds: number;
  /** Seconds left before the limit; negative once over it; null without a limit. */
  leftSeconds: number | null;
  /** Past the limit the chair set. */
  overrun: boolean;
}

/** The holder's clock: spoken time and, with a limit, the time left (counting below zero once over). */
export function speakingClock(turn: { grantedAt: Date | string | null; limitSeconds: number | null }, now: Date): SpeakingClock {
  const spoken = turn.grantedAt ? Math.max(0, secondsBetween(asDate(turn.grantedAt), now)) : 0;
  if (turn.limitSeconds === null) return { spokenSeconds: spoken, leftSeconds: null, overrun: false };
  const left = turn.limitSeconds - spoken;
  return { spokenSeconds: spoken, leftSeconds: left, overrun: left < 0 };
}

export type PlanStanding = 'not_started' | 'within' | 'over';

export interface AgendaTime {
  plannedSeconds: number;
  /** From its start to its end, or to now while it runs; 0 before it starts. */
  elapsedSeconds: number;
  /** Seconds beyond the plan (0 while within it). */
  overSeconds: number;
  standing: PlanStanding;
}

/** An agenda item's time against its planned minutes. */
export function agendaTimeAgainstPlan(
  item: { plannedMinutes: number; startedAt: Date | string | null; endedAt: Date | string | null },
  now: Date,
): AgendaTime {
  const plannedSeconds = item.plannedMinutes * 60;
  if (!item.startedAt) return { plannedSeconds, elapsedSeconds: 0, overSeconds: 0, standing: 'not_started' };
  const end = item.endedAt ? asDate(item.endedAt) : now;
  const elapsedSeconds = Math.max(0, secondsBetween(asDate(item.startedAt), end));
  const overSeconds = Math.max(0, elapsedSeconds - plannedSeconds);
  return { plannedSeconds, elapsedSeconds, overSeconds, standing: overSeconds > 0 ? 'over' : 'within' };
}

/** mm:ss (or h:mm:ss), with a minus sign for time past a limit. */
export function formatClock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.abs(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}` : `${sign}${pad(m)}:${pad(s)}`;
}
