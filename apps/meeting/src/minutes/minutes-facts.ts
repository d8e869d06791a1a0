import { Injectable } from '@nestjs/common';
import type { AuditAction, MinutesBusinessChange, MinutesBusinessChangeKind, MinutesFacts } from '@hoinghi/contracts';
import { quorumOf } from '@hoinghi/domain';
import type { EntityManager } from 'typeorm';

/** The audit actions that change the order of business, as the minutes name them. */
const BUSINESS_CHANGE_OF = {
  'agenda.skip': 'item-skipped', 'agenda.reopen': 'item-reopened', 'conference.adjourn': 'adjourned', 'conference.resume': 'resumed', 'conference.cancel': 'cancelled',
} as const satisfies Partial<Record<AuditAction, MinutesBusinessChangeKind>>;

/**
 * What the minutes cite that the platform already knows, read from the sources each time (so a
 * draft of the minutes follows a correction of its source, and a published one can tell it changed).
 */
@Injectable()
export class MinutesFactsReader {
  async read(em: EntityManager, conferenceId: string): Promise<MinutesFacts> {
    const [conference] = await em.query(
      `SELECT c.title, u.name AS "hostUnit", (SELECT name FROM org_units WHERE id = u.parent_id) AS "superiorBody", c.planned_start AS "plannedStart", c.started_at AS "startedAt", c.ended_at AS "endedAt",
              c.quorum_numerator AS numerator, c.quorum_denominator AS denominator,
              (SELECT name FROM sites WHERE conference_id = c.id AND is_main) AS place,
              (SELECT place FROM sites WHERE conference_id = c.id AND is_main) AS locality
         FROM conferences c JOIN org_units u ON u.id = c.host_unit_id WHERE c.id = $1`,
      [conferenceId],
    ) as Array<{ title: string; hostUnit: string; superiorBody: string | null; locality: string; plannedStart: Date; startedAt: Date | null; endedAt: Date | null; numerator: number; denominator: number; place: string }>;
    const people = await em.query(
      `SELECT p.role, u.full_name AS name FROM participants p JOIN users u ON u.id = p.user_id
        WHERE p.conference_id = $1 AND p.role IN ('chair', 'co_chair', 'secretary') ORDER BY p.role, u.full_name_search`,
      [conferenceId],
    ) as Array<{ role: string; name: string }>;
    return {
      conferenceTitle: conference.title,
      hostUnit: conference.hostUnit,
      superiorBody: conference.superiorBody,
      place: conference.place,
      locality: conference.locality,
      connectedSites: (await em.query('SELECT name FROM sites WHERE conference_id = $1 AND NOT is_main ORDER BY position', [conferenceId]) as { name: string }[]).map((s) => s.name),
      plannedStart: conference.plannedStart.toISOString(),
      startedAt: conference.startedAt?.toISOString() ?? null,
      endedAt: conference.endedAt?.toISOString() ?? null,
      chairs: people.filter((p) => p.role !== 'secretary').map((p) => p.name),
      recorders: people.filter((p) => p.role === 'secretary').map((p) => p.name),
      attendance: await this.attendance(em, conferenceId),
      quorumAtOpening: await this.quorumAtOpening(em, conferenceId, { numerator: conference.numerator, denominator: conference.denominator }),
      votes: await em.query(
        `SELECT p.id AS "pollId", p.agenda_item_id AS "agendaItemId", p.title, p.kind, p.kind <> 'open' AS secret, p.labels, r.result
           FROM polls p JOIN poll_results r ON r.poll_id = p.id
          WHERE p.conference_id = $1 ORDER BY r.published_at, p.title`,
        [conferenceId],
      ),
      drafts: await em.query(
        `SELECT d.title, d.current_version AS version,
                count(c.id) FILTER (WHERE c.status = 'active')::int AS comments,
                count(DISTINCT c.site_id) FILTER (WHERE c.status = 'active')::int AS sites,
                p.points, json_build_object('accepted', p.accepted, 'partly_accepted', p.partly, 'explained', p.explained, 'pending', p.pending) AS "byDisposition"
           FROM drafts d LEFT JOIN draft_comments c ON c.draft_id = d.id
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS points, count(*) FILTER (WHERE disposition = 'accepted')::int AS accepted,
                   count(*) FILTER (WHERE disposition = 'partly_accepted')::int AS partly, count(*) FILTER (WHERE disposition = 'explained')::int AS explained,
                   count(*) FILTER (WHERE disposition IS NULL)::int AS pending
              FROM consolidation_points WHERE draft_id = d.id) p
          WHERE d.conference_id = $1 GROUP BY d.id, p.points, p.accepted, p.partly, p.explained, p.pending ORDER BY d.created_at`,
        [conferenceId],
      ),
      businessChanges: await this.businessChanges(em, conferenceId),
    };
  }

  /**
   * Every change of the order of business with the chair's reason, in order, from the audit trail (an
   * item keeps only its last reason; the trail keeps each, and nobody can rewrite it).
   */
  private async businessChanges(em: EntityManager, conferenceId: string): Promise<MinutesBusinessChange[]> {
    const rows = await em.query(
      `SELECT action, at, details->>'itemId' AS "agendaItemId", NULLIF(details->>'reason', '') AS reason FROM audit_entries
        WHERE conference_id = $1 AND action = ANY($2::text[]) ORDER BY at, id`,
      [conferenceId, Object.keys(BUSINESS_CHANGE_OF)],
    ) as Array<{ action: keyof typeof BUSINESS_CHANGE_OF; at: Date; agendaItemId: string | null; reason: string | null }>;
    return rows.map((r) => ({ kind: BUSINESS_CHANGE_OF[r.action], at: r.at.toISOString(), agendaItemId: r.agendaItemId, reason: r.reason }));
  }

  /** Totals, and per site the delegates who were not there: absent with their reason, or never checked in. */
  private async attendance(em: EntityManager, conferenceId: string): Promise<MinutesFacts['attendance']> {
    const [totals] = await em.query('SELECT convened, present, late, absent FROM conference_attendance WHERE conference_id = $1', [conferenceId]);
    const sites = await em.query(
      `SELECT s.name AS "siteName", COALESCE(a.convened, 0) AS convened, COALESCE(a.present, 0) AS present,
              COALESCE((SELECT json_agg(json_build_object('fullName', u.full_name, 'reason', r.reason) ORDER BY u.full_name_search)
                          FROM participants p JOIN users u ON u.id = p.user_id
                          LEFT JOIN attendance_records r ON r.conference_id = p.conference_id AND r.participant_id = p.id
                         WHERE p.site_id = s.id AND p.role = 'delegate'
                           AND (r.id IS NULL OR r.status = 'absent' OR r.checked_out_at IS NOT NULL)), '[]') AS absentees
         FROM sites s LEFT JOIN site_attendance a ON a.site_id = s.id
        WHERE s.conference_id = $1 ORDER BY s.position`,
      [conferenceId],
    );
    // Invited guests: the observers, wherever they attend.
    const guests = await em.query(
      `SELECT u.full_name AS "fullName", s.name AS "siteName" FROM participants p JOIN users u ON u.id = p.user_id LEFT JOIN sites s ON s.id = p.site_id
        WHERE p.conference_id = $1 AND p.role = 'observer' ORDER BY s.position NULLS FIRST, u.full_name_search`,
      [conferenceId],
    );
    return { convened: totals?.convened ?? 0, present: totals?.present ?? 0, late: totals?.late ?? 0, absent: totals?.absent ?? 0, perSite: sites, guests };
  }

  /**
   * The head count when the conference was opened: the totals of the last attendance change the log
   * holds before the change that made it live.
   */
  private async quorumAtOpening(em: EntityManager, conferenceId: string, rule: { numerator: number; denominator: number }): Promise<MinutesFacts['quorumAtOpening']> {
    const [row] = await em.query(
      `WITH opened AS (
         SELECT min(version) AS version FROM conference_events
          WHERE conference_id = $1 AND type = 'conference.updated' AND data->'conference'->>'status' = 'live'
       )
       SELECT o.version AS opened,
              (SELECT e.data->'totals' FROM conference_events e
                WHERE e.conference_id = $1 AND e.type IN ('attendance.totals', 'attendance.site') AND e.version < o.version
                ORDER BY e.version DESC LIMIT 1) AS totals
         FROM opened o`,
      [conferenceId],
    ) as Array<{ opened: number | null; totals: { convened: number; present: number } | null }>;
    if (!row?.opened) return null;
    const convened = row.totals?.convened ?? 0;
    const present = row.totals?.present ?? 0;
    return { convened, present, met: quorumOf(convened, present, rule).reached };
  }
}
