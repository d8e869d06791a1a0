import type { AttendanceCounts } from '@hoinghi/domain';
import { NO_ATTENDANCE } from '@hoinghi/domain';
import type { EntityManager } from 'typeorm';
import { ConferenceAttendanceEntity, SiteAttendanceEntity } from '../entities/attendance-count.entity';

const COUNT_COLUMNS = ['convened', 'present', 'late', 'absent'] as const;
const pick = (row: AttendanceCounts | null | undefined): AttendanceCounts =>
  row ? { convened: row.convened, present: row.present, late: row.late, absent: row.absent } : { ...NO_ATTENDANCE };

const RECOUNT_SITE = `
  WITH fresh AS (
    SELECT count(p.id)::int AS convened,
           count(*) FILTER (WHERE a.status IN ('present', 'late') AND a.checked_out_at IS NULL)::int AS present,
           count(*) FILTER (WHERE a.status = 'late' AND a.checked_out_at IS NULL)::int AS late,
           count(*) FILTER (WHERE a.status = 'absent')::int AS absent
      FROM participants p
      LEFT JOIN attendance_records a ON a.conference_id = p.conference_id AND a.participant_id = p.id
     WHERE p.conference_id = $1 AND p.site_id = $2 AND p.role = 'delegate'
  ), old AS (
    SELECT convened, present, late, absent FROM site_attendance WHERE site_id = $2
  ), site AS (
    INSERT INTO site_attendance (site_id, conference_id, convened, present, late, absent)
    SELECT $2, $1, f.convened, f.present, f.late, f.absent FROM fresh f
    ON CONFLICT (site_id) DO UPDATE
      SET convened = EXCLUDED.convened, present = EXCLUDED.present, late = EXCLUDED.late, absent = EXCLUDED.absent
    RETURNING convened, present, late, absent
  ), totals AS (
    UPDATE conference_attendance c
       SET convened = c.convened - COALESCE(o.convened, 0) + f.convened,
           present = c.present - COALESCE(o.present, 0) + f.present,
           late = c.late - COALESCE(o.late, 0) + f.late,
           absent = c.absent - COALESCE(o.absent, 0) + f.absent
      FROM fresh f LEFT JOIN old o ON true
     WHERE c.conference_id = $1
    RETURNING c.convened, c.present, c.late, c.absent
  )
  SELECT row_to_json(s) AS site, row_to_json(t) AS totals FROM site s, totals t`;

/** The head counts kept beside the attendance records (callers hold the conference's lock). */
export const attendanceCounts = {
  async sites(em: EntityManager, conferenceId: string, siteIds: string[] | 'all'): Promise<Array<AttendanceCounts & { siteId: string }>> {
    const query = em.createQueryBuilder(SiteAttendanceEntity, 's')
      .innerJoin('sites', 'site', 'site.id = s.site_id')
      .where('s.conference_id = :conferenceId', { conferenceId })
      .orderBy('site.position', 'ASC');
    if (siteIds !== 'all') query.andWhere('s.site_id IN (:...siteIds)', { siteIds: siteIds.length ? siteIds : [null] });
    return (await query.getMany()).map((row) => ({ siteId: row.siteId, ...pick(row) }));
  },

  async totals(em: EntityManager, conferenceId: string): Promise<AttendanceCounts> {
    return pick(await em.findOne(ConferenceAttendanceEntity, { where: { conferenceId } }));
  },

  /**
   * After a site's delegates changed: the site's counts again from its handful of records, and the
   * totals shifted by the difference (old counts out, new ones in) — one statement, because the caller
   * holds the conference's lock and every round trip under it delays every writer queued behind.
   */
  async recountSite(em: EntityManager, conferenceId: string, siteId: string): Promise<{ site: AttendanceCounts; totals: AttendanceCounts }> {
    const [row] = await em.query(RECOUNT_SITE, [conferenceId, siteId]) as { site: AttendanceCounts; totals: AttendanceCounts }[];
    if (!row) throw new Error(`conference ${conferenceId} has no attendance totals row`);
    return { site: pick(row.site), totals: pick(row.totals) };
  },

  /** Every site's counts and the totals from the records themselves (repairs drift; seeds). */
  async recount(em: EntityManager, conferenceId: string): Promise<{ sites: Array<AttendanceCounts & { siteId: string }>; totals: AttendanceCounts }> {
    const sites = await em.query(
      `SELECT s.id AS "siteId",
              count(p.id)::int AS convened,
              count(*) FILTER (WHERE a.status IN ('present', 'late') AND a.checked_out_at IS NULL)::int AS present,
              count(*) FILTER (WHERE a.status = 'late' AND a.checked_out_at IS NULL)::int AS late,
              count(*) FILTER (WHERE a.status = 'absent')::int AS absent
         FROM sites s
         LEFT JOIN participants p ON p.site_id = s.id AND p.role = 'delegate'
         LEFT JOIN attendance_records a ON a.conference_id = p.conference_id AND a.participant_id = p.id
        WHERE s.conference_id = $1
        GROUP BY s.id, s.position ORDER BY s.position`,
      [conferenceId],
    ) as Array<AttendanceCounts & { siteId: string }>;
    const totals = { ...NO_ATTENDANCE };
    for (const site of sites) for (const key of COUNT_COLUMNS) totals[key] += site[key];
    if (sites.length) await em.upsert(SiteAttendanceEntity, sites.map((s) => ({ ...s, conferenceId })), ['siteId']);
    await em.upsert(ConferenceAttendanceEntity, { conferenceId, ...totals }, ['conferenceId']);
    return { sites, totals };
  },
};
