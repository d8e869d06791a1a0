import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeEvent } from '@hoinghi/change-log';
import { attendanceCounts, AttendanceRecordEntity, ConferenceEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, attendanceReportSheet, can, conflict, DomainError, forbidden, isAbsentee, notFound, quorumOf } from '@hoinghi/domain';
import { type AuditAction, XLSX_CONTENT_TYPE, type AttendanceRecordView, type AttendanceStatus, type AttendanceSummary, type ConferenceSnapshot, type ViewerScope } from '@hoinghi/contracts';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { ChangeContext, ChangeOutcome, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import type { ChangeGroup } from '../change-log/change-group';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { CheckInRequestDto } from './dto/attendance.dto';
import { isoOrNull } from '../common/dates';
import { attendanceWorkbook } from './attendance-report.xlsx';

type SnapshotPart = Pick<ConferenceSnapshot, 'attendance' | 'totalsVersion' | 'records'>;

/** Attendance (điểm danh): each site's operator checks in its own delegates; head counts and quorum follow. */
@Injectable()
export class AttendanceService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    views: ConferenceViews,
  ) {
    views.register(this);
    this.checkIns = this.checkInGroup();
  }

  private readonly checkIns: ChangeGroup<CheckIn, AttendanceRecordView, AttendanceRecordView>;

  /** Counts of the sites the viewer sees, the totals and quorum, and the records of the sites they run. */
  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<SnapshotPart> {
    const perSite = await attendanceCounts.sites(em, conference.id, scope.leader ? 'all' : scope.siteIds);
    const totals = await attendanceCounts.totals(em, conference.id);
    const records = scope.staffSiteIds.length ? await this.records(em, conference.id, scope.staffSiteIds) : [];
    return {
      attendance: { perSite, totals: { siteId: 'all' as const, ...totals }, quorum: quorumOf(totals.convened, totals.present, rule(conference)) },
      totalsVersion: conference.version,
      records,
    };
  }

  async summary(user: AuthUser, conferenceId: string): Promise<AttendanceSummary> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    const em = this.dataSource.manager;
    const conference = await em.findOneByOrFail(ConferenceEntity, { id: conferenceId });
    return (await this.readSection(em, conference, { ...scope, staffSiteIds: [] })).attendance;
  }

  async siteRecords(user: AuthUser, conferenceId: string, siteId: string): Promise<AttendanceRecordView[]> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'attendance.check', siteId);
    if (!(await em.exists(SiteEntity, { where: { id: siteId, conferenceId } }))) {
      throw notFound('SITE_NOT_FOUND', `Site ${siteId} does not exist in this conference.`);
    }
    return this.records(em, conferenceId, [siteId]);
  }

  /**
   * Every delegate not present, at every site, with the reason the site's staff recorded: absent, not checked in
   * yet, or gone. For the leaders (attendance.absentees), read on request; the live records stay with each
   * site's staff (audiences).
   */
  async absentees(user: AuthUser, conferenceId: string): Promise<AttendanceRecordView[]> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'attendance.absentees');
    const all = await this.readRecords(this.recordQuery(em, conferenceId));
    return all.filter((r) => isAbsentee({ siteId: r.siteId, status: r.status, checkedOut: r.checkedOutAt !== null }));
  }

  /**
   * The attendance report (.xlsx) with names, states and reasons: every site for the chairs and the secretariat
   * (who may read absentees with their reasons), one site also for its own staff.
   */
  async report(user: AuthUser, conferenceId: string, siteId?: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const em = this.dataSource.manager;
    const roles = await this.access.authorize(em, user.id, conferenceId, siteId ? 'conference.view' : 'attendance.absentees');
    const conference = await em.findOneByOrFail(ConferenceEntity, { id: conferenceId });
    const sites = await em.find(SiteEntity, { where: { conferenceId }, order: { isMain: 'DESC', name: 'ASC' }, select: ['id', 'name', 'place', 'isMain'] });
    const wanted = siteId ? sites.filter((s) => s.id === siteId) : sites;
    if (siteId) {
      if (!wanted.length) throw notFound('SITE_NOT_FOUND', `Site ${siteId} does not exist in this conference.`);
      if (!can(roles, 'attendance.absentees') && !can(roles, 'attendance.check', siteId)) {
        throw forbidden('ROLE_FORBIDDEN', 'Only the staff of this site, the chairs and the secretariat can download its attendance report.');
      }
    }
    const records = await this.records(em, conferenceId, wanted.map((s) => s.id));
    const sheets = wanted.map((s) => attendanceReportSheet(s.name, records.filter((r) => r.siteId === s.id)));
    const place = sites.find((s) => s.isMain)?.place ?? '';
    const content = await attendanceWorkbook({ title: conference.title, place }, sheets, new Date());
    const fileName = `Báo cáo điểm danh - ${siteId ? wanted[0].name : conference.title}.xlsx`.replace(/[\\/:*?"<>|]/g, ' ');
    return { fileName, contentType: XLSX_CONTENT_TYPE, content };
  }

  checkIn(user: AuthUser, conferenceId: string, siteId: string, participantId: string, dto: CheckInRequestDto): Promise<AttendanceRecordView> {
    return this.checkIns.submit(conferenceId, { user, siteId, request: { participantId, status: dto.status, reason: dto.reason?.trim() ?? null } });
  }

  /**
   * Check-ins come in bursts (every site's operator at the opening), so they are committed in groups:
   * each group's callers authorised in one statement, its delegates checked and their records written
   * in another, then, under the conference's lock, the touched sites recounted in one.
   */
  private checkInGroup(): ChangeGroup<CheckIn, AttendanceRecordView, AttendanceRecordView> {
    return this.changes.group<CheckIn, AttendanceRecordView, AttendanceRecordView>({
      permission: 'attendance.check',
      keyOf: (member) => member.request.participantId,
      prepare: async (em, conferenceId, members) => {
        const rows = await em.query(CHECK_IN_DELEGATES, [
          conferenceId, new Date(), members.map((m) => m.request.participantId), members.map((m) => m.siteId),
          members.map((m) => m.request.status), members.map((m) => m.request.reason), members.map((m) => m.user.id),
        ]) as RecordRow[];
        const written = new Map(rows.map((row) => [row.participantId, recordView(row)]));
        // Only a refused member costs a second query, which says why.
        const refused = members.filter((m) => !written.has(m.request.participantId));
        const verdicts = await this.delegatesAt(em, conferenceId, refused.map((m) => ({ siteId: m.siteId!, participantId: m.request.participantId })));
        return members.map((m) => written.get(m.request.participantId)
          ?? verdicts[refused.indexOf(m)] ?? notFound('PARTICIPANT_NOT_FOUND', `Delegate ${m.request.participantId} is not convened to this conference.`));
      },
      commit: async (ctx, members) => {
        assertEditable(ctx.conference.status, 'take attendance');
        const sites = [...new Set(members.map((m) => m.prepared.siteId))];
        return {
          members: members.map(({ request, prepared }) => ({
            result: prepared,
            audit: { action: 'attendance.check-in', details: { participantId: prepared.participantId, siteId: prepared.siteId, status: request.status, reason: request.reason } },
          })),
          events: [
            ...members.map(({ prepared: record }) => ({ audience: { kind: 'site-staff', siteId: record.siteId }, type: 'attendance.record', data: { record } }) as ChangeEvent),
            ...(await this.sitesChanged(ctx, sites)),
          ],
        };
      },
    });
  }

  checkOut(user: AuthUser, conferenceId: string, siteId: string, participantId: string): Promise<AttendanceRecordView> {
    const prepare = async (em: EntityManager) => {
      await this.delegateAt(em, conferenceId, siteId, participantId);
      const record = await em.findOne(AttendanceRecordEntity, { where: { conferenceId, participantId } });
      if (!record || record.checkedInAt === null || record.checkedOutAt !== null) {
        throw conflict('NOT_CHECKED_IN', 'Cannot check this delegate out because they are not checked in.');
      }
      await em.update(AttendanceRecordEntity, { id: record.id }, { checkedOutAt: new Date(), updatedBy: user.id });
      return (await this.records(em, conferenceId, [siteId], participantId))[0];
    };
    return this.changes.run({ user, conferenceId, permission: 'attendance.check', siteId, prepare }, async (ctx, record) => {
      assertEditable(ctx.conference.status, 'check a delegate out');
      return this.recorded(ctx, record, 'attendance.check-out', {});
    });
  }

  /**
   * After some sites' delegates changed (check-ins, a newly convened delegate): their counts are
   * counted again from their records and the totals shifted by the differences, in one statement, so
   * the cost does not grow with the conference. Each site's counts go to the site (and the leaders),
   * the totals to everyone, coalesced.
   */
  async sitesChanged(ctx: Pick<ChangeContext, 'em' | 'conference'>, siteIds: string[]): Promise<ChangeEvent[]> {
    const { sites, totals } = await attendanceCounts.recountSites(ctx.em, ctx.conference.id, siteIds);
    const quorum = quorumOf(totals.convened, totals.present, rule(ctx.conference));
    const all = { siteId: 'all' as const, ...totals };
    return [
      ...sites.map((site): ChangeEvent => ({ audience: { kind: 'site', siteId: site.siteId }, type: 'attendance.site', data: { site, totals: all, quorum } })),
      { audience: { kind: 'conference' }, type: 'attendance.totals', data: { totals: all, quorum }, state: true },
    ];
  }

  /** The record goes to the site's staff only (reasons stay there), the counts as `siteChanged` says. */
  private async recorded(ctx: ChangeContext, record: AttendanceRecordView, action: AuditAction, details: Record<string, unknown>): Promise<ChangeOutcome<AttendanceRecordView>> {
    const { participantId, siteId } = record;
    return {
      result: record,
      events: [
        { audience: { kind: 'site-staff', siteId }, type: 'attendance.record', data: { record } },
        ...(await this.sitesChanged(ctx, [siteId])),
      ],
      audit: { action, details: { participantId, siteId, ...details } },
    };
  }

  /** The delegates of some sites with their attendance (delegates never checked have status null). */
  private records(em: EntityManager, conferenceId: string, siteIds: string[], participantId?: string): Promise<AttendanceRecordView[]> {
    const query = this.recordQuery(em, conferenceId).andWhere('p.site_id IN (:...siteIds)', { siteIds });
    if (participantId) query.andWhere('p.id = :participantId', { participantId });
    return this.readRecords(query);
  }

  private recordQuery(em: EntityManager, conferenceId: string) {
    return em
      .createQueryBuilder(ParticipantEntity, 'p')
      .innerJoin('p.user', 'u')
      .leftJoin(AttendanceRecordEntity, 'a', 'a.conference_id = p.conference_id AND a.participant_id = p.id')
      .select([
        'p.id AS "participantId"', 'u.full_name AS "fullName"', 'p.site_id AS "siteId"', 'a.status AS "status"',
        'a.reason AS "reason"', 'a.checked_in_at AS "checkedInAt"', 'a.checked_out_at AS "checkedOutAt"',
      ])
      .where('p.conference_id = :conferenceId AND p.role = :role', { conferenceId, role: 'delegate' })
      .orderBy('u.full_name_search', 'ASC');
  }

  private async readRecords(query: SelectQueryBuilder<ParticipantEntity>): Promise<AttendanceRecordView[]> {
    return (await query.getRawMany<RecordRow>()).map(recordView);
  }

  /** Each participant must be a delegate convened at the given site: per pair, null or the 404 saying why (one query). */
  private async delegatesAt(em: EntityManager, conferenceId: string, pairs: Array<{ siteId: string; participantId: string }>): Promise<Array<DomainError | null>> {
    const ids = [...new Set(pairs.map((p) => p.participantId))];
    const rows = await em.find(ParticipantEntity, { where: { id: In(ids), conferenceId, role: 'delegate' }, select: ['id', 'siteId'] });
    const siteOf = new Map(rows.map((r) => [r.id, r.siteId]));
    return pairs.map(({ siteId, participantId }) => {
      if (!siteOf.has(participantId)) return notFound('PARTICIPANT_NOT_FOUND', `Delegate ${participantId} is not convened to this conference.`);
      if (siteOf.get(participantId) !== siteId) return notFound('PARTICIPANT_NOT_AT_SITE', `Delegate ${participantId} attends at another site, not this one.`);
      return null;
    });
  }

  /** The participant must be a delegate convened at this very site. */
  private async delegateAt(em: EntityManager, conferenceId: string, siteId: string, participantId: string): Promise<void> {
    const [refusal] = await this.delegatesAt(em, conferenceId, [{ siteId, participantId }]);
    if (refusal) throw refusal;
  }
}

interface CheckIn {
  participantId: string;
  status: AttendanceStatus;
  reason: string | null;
}

type RecordRow = AttendanceRecordView & { checkedInAt: Date | null; checkedOutAt: Date | null };
const recordView = (row: RecordRow): AttendanceRecordView => ({ ...row, checkedInAt: isoOrNull(row.checkedInAt), checkedOutAt: isoOrNull(row.checkedOutAt) });

/**
 * A group's check-ins in one statement: the records of the delegates convened at the site each names
 * are written and returned as views; a check-in that names anyone else writes nothing. A delegate's
 * first check-in time is kept when only the status changes (present → late); absent clears it.
 */
const CHECK_IN_DELEGATES = `
  WITH asked AS (
    SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[], $7::uuid[]) AS r(participant_id, site_id, status, reason, updated_by)
  ), written AS (
    INSERT INTO attendance_records (conference_id, participant_id, site_id, status, reason, checked_in_at, checked_out_at, updated_by, updated_at)
    SELECT $1, r.participant_id, r.site_id, r.status, r.reason, CASE WHEN r.status <> 'absent' THEN $2::timestamptz END, NULL, r.updated_by, $2
      FROM asked r
      JOIN participants p ON p.id = r.participant_id AND p.conference_id = $1 AND p.role = 'delegate' AND p.site_id = r.site_id
    ON CONFLICT (conference_id, participant_id) DO UPDATE SET
      site_id = EXCLUDED.site_id, status = EXCLUDED.status, reason = EXCLUDED.reason,
      checked_in_at = CASE WHEN EXCLUDED.status <> 'absent' THEN COALESCE(attendance_records.checked_in_at, EXCLUDED.checked_in_at) END,
      checked_out_at = NULL, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
    RETURNING participant_id, site_id, status, reason, checked_in_at, checked_out_at
  )
  SELECT w.participant_id AS "participantId", u.full_name AS "fullName", w.site_id AS "siteId", w.status, w.reason,
         w.checked_in_at AS "checkedInAt", w.checked_out_at AS "checkedOutAt"
    FROM written w JOIN participants p ON p.id = w.participant_id JOIN users u ON u.id = p.user_id`;

const rule = (c: ConferenceEntity) => ({ numerator: c.quorumNumerator, denominator: c.quorumDenominator });
