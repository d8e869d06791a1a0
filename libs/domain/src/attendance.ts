import type { AttendanceStatus, AttendanceSummary, SiteAttendance } from '@hoinghi/contracts';
import { quorumOf, QuorumRule } from './quorum';

export interface AttendanceFact {
  siteId: string;
  status: AttendanceStatus | null; // null: not yet checked
  checkedOut: boolean;
}

/** Head counts of a group of convened delegates (a site, or the whole conference). */
export type AttendanceCounts = Omit<SiteAttendance, 'siteId'>;

export const NO_ATTENDANCE: AttendanceCounts = { convened: 0, present: 0, late: 0, absent: 0 };

/** Present means checked in (on time or late) and not checked out. */
export const isPresent = (f: AttendanceFact) => (f.status === 'present' || f.status === 'late') && !f.checkedOut;

export function countAttendance(facts: AttendanceFact[]): AttendanceCounts {
  const counts = { ...NO_ATTENDANCE };
  for (const fact of facts) {
    counts.convened += 1;
    if (isPresent(fact)) counts.present += 1;
    if (fact.status === 'late' && !fact.checkedOut) counts.late += 1;
    if (fact.status === 'absent') counts.absent += 1;
  }
  return counts;
}

/** Totals per site and overall for the convened delegates, and the quorum. Sites with nobody convened still appear. */
export function summarizeAttendance(siteIds: string[], facts: AttendanceFact[], rule: QuorumRule): AttendanceSummary {
  const bySite = new Map<string, AttendanceFact[]>(siteIds.map((id) => [id, []]));
  for (const fact of facts) bySite.set(fact.siteId, [...(bySite.get(fact.siteId) ?? []), fact]);
  const totals = countAttendance(facts);
  return {
    perSite: [...bySite].map(([siteId, siteFacts]) => ({ siteId, ...countAttendance(siteFacts) })),
    totals: { siteId: 'all', ...totals },
    quorum: quorumOf(totals.convened, totals.present, rule),
  };
}

/**
 * A site's (or the totals') counts as columns that add up: every convened delegate is in exactly one of
 * on time, late, absent, and not present (not yet checked in, or left early). `present` is on time + late,
 * the figure the quorum counts; `late` is part of it, never counted twice.
 */
export interface AttendanceColumns {
  convened: number;
  onTime: number;
  late: number;
  absent: number;
  notPresent: number;
  present: number;
}

export function attendanceColumns(counts: AttendanceCounts): AttendanceColumns {
  const onTime = counts.present - counts.late;
  return {
    convened: counts.convened, onTime, late: counts.late, absent: counts.absent,
    notPresent: counts.convened - counts.present - counts.absent, present: counts.present,
  };
}

/** Who the chair asks after: absent (with a reason), not checked in yet, or gone (checked out). */
export const isAbsentee = (f: AttendanceFact) => !isPresent(f);
