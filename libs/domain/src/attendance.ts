import type { AttendanceStatus, AttendanceSummary, SiteAttendance } from '@hoinghi/contracts';
import { quorumOf, QuorumRule } from './quorum';

export interface AttendanceFact {
  siteId: string;
  status: AttendanceStatus | null; // null: not yet checked
  checkedOut: boolean;
}

/** Present means checked in (on time or late) and not checked out. */
export const isPresent = (f: AttendanceFact) => (f.status === 'present' || f.status === 'late') && !f.checkedOut;

/** Totals per site and overall for the convened delegates, and the quorum. Sites with nobody convened still appear. */
export function summarizeAttendance(siteIds: string[], facts: AttendanceFact[], rule: QuorumRule): AttendanceSummary {
  const empty = (siteId: string): SiteAttendance => ({ siteId, convened: 0, present: 0, late: 0, absent: 0 });
  const perSite = new Map(siteIds.map((id) => [id, empty(id)]));
  const totals = { ...empty('all'), siteId: 'all' as const };
  for (const fact of facts) {
    const site = perSite.get(fact.siteId) ?? perSite.set(fact.siteId, empty(fact.siteId)).get(fact.siteId)!;
    for (const bucket of [site, totals]) {
      bucket.convened += 1;
      if (isPresent(fact)) bucket.present += 1;
      if (fact.status === 'late' && !fact.checkedOut) bucket.late += 1;
      if (fact.status === 'absent') bucket.absent += 1;
    }
  }
  return { perSite: [...perSite.values()], totals, quorum: quorumOf(totals.convened, totals.present, rule) };
}
