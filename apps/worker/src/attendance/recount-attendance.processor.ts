import { Process, Processor } from '@nestjs/bull';
import { attendanceCounts } from '@hoinghi/database';
import { quorumOf } from '@hoinghi/domain';
import { JobName, QueueName, type RecountAttendanceJob, type RecountAttendanceResult } from '@hoinghi/contracts';
import type { Job } from 'bull';
import { WorkerChanges } from '../change-log/worker-changes.service';

/**
 * Counts a conference's attendance again from the records (when it starts): repairs any site whose
 * kept counts drifted and publishes the totals, as the platform. Running it twice changes nothing more.
 */
@Processor(QueueName.Maintenance)
export class RecountAttendanceProcessor {
  constructor(private readonly changes: WorkerChanges) {}

  @Process(JobName.RecountAttendance)
  async handle(job: Job<RecountAttendanceJob>): Promise<RecountAttendanceResult | null> {
    if (job.data.v !== 1) throw new Error(`unknown ${JobName.RecountAttendance} payload version ${String(job.data.v)}`);
    return this.changes.run(job.data.conferenceId, async (em, conference) => {
      const kept = new Map((await attendanceCounts.sites(em, conference.id, 'all')).map((s) => [s.siteId, JSON.stringify(s)]));
      const { sites, totals } = await attendanceCounts.recount(em, conference.id);
      const repaired = sites.filter((s) => kept.get(s.siteId) !== JSON.stringify({ siteId: s.siteId, convened: s.convened, present: s.present, late: s.late, absent: s.absent }));
      const all = { siteId: 'all' as const, ...totals };
      const quorum = quorumOf(totals.convened, totals.present, { numerator: conference.quorumNumerator, denominator: conference.quorumDenominator });
      return {
        result: { repairedSites: repaired.length },
        change: {
          actor: { kind: 'platform' },
          audit: { action: 'attendance.recount', details: { repairedSites: repaired.map((s) => s.siteId) } },
          events: [
            ...repaired.map((s) => ({ audience: { kind: 'site' as const, siteId: s.siteId }, type: 'attendance.site' as const, data: { site: s, totals: all, quorum } })),
            { audience: { kind: 'conference' }, type: 'attendance.totals', data: { totals: all, quorum }, state: true },
          ],
        },
      };
    });
  }
}
