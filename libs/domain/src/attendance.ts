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
