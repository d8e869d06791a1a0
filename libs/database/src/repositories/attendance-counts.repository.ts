import type { AttendanceCounts } from '@hoinghi/domain';
import { NO_ATTENDANCE } from '@hoinghi/domain';
import type { EntityManager } from 'typeorm';
import { ConferenceAttendanceEntity, SiteAttendanceEntity } from '../entities/attendance-count.entity';

const COUNT_COLUMNS = ['convened', 'present', 'late', 'absent'] as const;
const pick = (row: AttendanceCounts | null | undefined): AttendanceCounts =>
  row ? { convened: row.convened, present: row.present, late: row.late, absent: row.absent } : { ...NO_ATTENDANCE };

/**
 * A site's counts from its delegates (`p`, participants) and their records (`a`, attendance_records):
 * the one definition every recount uses (late delegates are present too; a check-out is not present).
 */
export const SITE_COUNTS = `count(p.id)::int AS convened,
  count(*) FILTER (WHERE a.status IN ('present', 'late') AND a.checked_out_at IS NULL)::int AS present,
  count(*) FILTER (WHERE a.status = 'late' AND a.checked_out_at IS NULL)::int AS late,
  count(*) FILTER (WHERE a.status = 'absent')::int AS absent`;

const RECOUNT_SITES = `
  WITH fresh AS (
    SELECT s.site_id,
           ${SITE_COUNTS}
      FROM unnest($2::uuid[]) AS s(site_id)
      LEFT JOIN participants p ON p.conference_id = $1 AND p.site_id = s.site_id AND p.role = 'delegate'
      LEFT JOIN attendance_records a ON a.conference_id = p.conference_id AND a.participant_id = p.id
     GROUP BY s.site_id
  ), old AS (
    SELECT site_id, convened, present, late, absent FROM site_attendance WHERE site_id = ANY($2::uuid[])
  ), site AS (
    INSERT INTO site_attendance (site_id, conference_id, convened, present, late, absent)
    SELECT f.site_id, $1, f.convened, f.present, f.late, f.absent FROM fresh f
    ON CONFLICT (site_id) DO UPDATE
      SET convened = EXCLUDED.convened, present = EXCLUDED.present, late = EXCLUDED.late, absent = EXCLUDED.absent
    RETURNING site_id AS "siteId", convened, present, late, absent
  ), shift AS (
    SELECT COALESCE(sum(f.convened - COALESCE(o.convened, 0)), 0)::int AS convened, COALESCE(sum(f.present - COALESCE(o.present, 0)), 0)::int AS present,
           COALESCE(sum(f.late - COALESCE(o.late, 0)), 0)::int AS late, COALESCE(sum(f.absent - COALESCE(o.absent, 0)), 0)::int AS absent
      FROM fresh f LEFT JOIN old o ON o.site_id = f.site_id
  ), totals AS (
    UPDATE conference_attendance c
       SET convened = c.convened + d.convened, present = c.present + d.present, late = c.late + d.late, absent = c.absent + d.absent
      FROM shift d
     WHERE c.conference_id = $1
    RETURNING c.convened, c.present, c.late, c.absent
  )
  SELECT (SELECT json_agg(row_to_json(s)) FROM site s) AS sites, (SELECT row_to_json(t) FROM totals t) AS totals`;

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
   * After some sites' delegates changed: each site's counts again from its handful of records, and the
   * totals shifted by the differences (old counts out, new ones in) — one statement however many sites,
   * because the caller holds the conference's lock and every round trip under it delays every writer
   * queued behind.
   */
  async recountSites(em: EntityManager, conferenceId: string, siteIds: string[]): Promise<{ sites: Array<AttendanceCounts & { siteId: string }>; totals: AttendanceCounts }> {
    const [row] = await em.query(RECOUNT_SITES, [conferenceId, siteIds]) as { sites: Array<AttendanceCounts & { siteId: string }> | null; totals: AttendanceCounts | null }[];
    if (!row?.totals) throw new Error(`conference ${conferenceId} has no attendance totals row`);
    return { sites: (row.sites ?? []).map((s) => ({ siteId: s.siteId, ...pick(s) })), totals: pick(row.totals) };
  },

  /** Every site's counts and the totals from the records themselves (repairs drift; seeds). */
  async recount(em: EntityManager, conferenceId: string): Promise<{ sites: Array<AttendanceCounts & { siteId: string }>; totals: AttendanceCounts }> {
    const sites = await em.query(
      `SELECT s.id AS "siteId",
              ${SITE_COUNTS}
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
