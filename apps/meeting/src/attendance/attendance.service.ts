import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeEvent } from '@hoinghi/change-log';
import { attendanceCounts, AttendanceRecordEntity, ConferenceEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, conflict, notFound, quorumOf } from '@hoinghi/domain';
import type { AttendanceRecordView, AttendanceSummary, ConferenceSnapshot, ViewerScope } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { ChangeContext, ChangeOutcome, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { CheckInRequestDto } from './dto/attendance.dto';
import { isoOrNull } from '../common/dates';

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
  }

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

  checkIn(user: AuthUser, conferenceId: string, siteId: string, participantId: string, dto: CheckInRequestDto): Promise<AttendanceRecordView> {
    // The record is the delegate's own row: written before the conference's lock, which orders only the counts.
    const prepare = async (em: EntityManager) => {
      await this.delegateAt(em, conferenceId, siteId, participantId);
      const existing = await em.findOne(AttendanceRecordEntity, { where: { conferenceId, participantId } });
      const checkedIn = dto.status !== 'absent';
      await em.upsert(
        AttendanceRecordEntity,
        {
          conferenceId, participantId, siteId, status: dto.status, reason: dto.reason?.trim() ?? null,
          // Keep the first check-in time when only the status changes (e.g. present → late).
          checkedInAt: checkedIn ? (existing?.checkedInAt ?? new Date()) : null, checkedOutAt: null, updatedBy: user.id,
        },
        { conflictPaths: ['conferenceId', 'participantId'] },
      );
      return (await this.records(em, conferenceId, [siteId], participantId))[0];
    };
    return this.changes.run({ user, conferenceId, permission: 'attendance.check', siteId, prepare }, async (ctx, record) => {
      assertEditable(ctx.conference.status, 'take attendance');
      return this.recorded(ctx, record, 'attendance.check-in', { status: dto.status, reason: dto.reason ?? null });
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
   * After a site's delegates changed (a check-in, a newly convened delegate): its counts are counted
   * again from its handful of records and the totals shifted by the difference, in one statement, so
   * the cost does not grow with the conference. The counts go to the site (and the leaders), the totals
   * to everyone, coalesced.
   */
  async siteChanged(ctx: ChangeContext, siteId: string): Promise<ChangeEvent[]> {
    const { site, totals } = await attendanceCounts.recountSite(ctx.em, ctx.conference.id, siteId);
    const quorum = quorumOf(totals.convened, totals.present, rule(ctx.conference));
    const all = { siteId: 'all' as const, ...totals };
    return [
      { audience: { kind: 'site', siteId }, type: 'attendance.site', data: { site: { siteId, ...site }, totals: all, quorum } },
      { audience: { kind: 'conference' }, type: 'attendance.totals', data: { totals: all, quorum }, state: true },
    ];
  }

  /** The record goes to the site's staff only (reasons stay there), the counts as `siteChanged` says. */
  private async recorded(ctx: ChangeContext, record: AttendanceRecordView, action: string, details: Record<string, unknown>): Promise<ChangeOutcome<AttendanceRecordView>> {
    const { participantId, siteId } = record;
    return {
      result: record,
      events: [
        { audience: { kind: 'site-staff', siteId }, type: 'attendance.record', data: { record } },
        ...(await this.siteChanged(ctx, siteId)),
      ],
      audit: { action, details: { participantId, siteId, ...details } },
    };
  }

  /** The delegates of some sites with their attendance (delegates never checked have status null). */
  private async records(em: EntityManager, conferenceId: string, siteIds: string[], participantId?: string): Promise<AttendanceRecordView[]> {
    const query = em
      .createQueryBuilder(ParticipantEntity, 'p')
      .innerJoin('p.user', 'u')
      .leftJoin(AttendanceRecordEntity, 'a', 'a.conference_id = p.conference_id AND a.participant_id = p.id')
      .select([
        'p.id AS "participantId"', 'u.full_name AS "fullName"', 'p.site_id AS "siteId"', 'a.status AS "status"',
        'a.reason AS "reason"', 'a.checked_in_at AS "checkedInAt"', 'a.checked_out_at AS "checkedOutAt"',
      ])
      .where('p.conference_id = :conferenceId AND p.site_id IN (:...siteIds) AND p.role = :role', { conferenceId, siteIds, role: 'delegate' })
      .orderBy('u.full_name_search', 'ASC');
    if (participantId) query.andWhere('p.id = :participantId', { participantId });
    const rows = await query.getRawMany<AttendanceRecordView & { checkedInAt: Date | null; checkedOutAt: Date | null }>();
    return rows.map((r) => ({ ...r, checkedInAt: isoOrNull(r.checkedInAt), checkedOutAt: isoOrNull(r.checkedOutAt) }));
  }

  /** The participant must be a delegate convened at this very site. */
  private async delegateAt(em: EntityManager, conferenceId: string, siteId: string, participantId: string): Promise<void> {
    const delegate = await em.findOne(ParticipantEntity, { where: { id: participantId, conferenceId, role: 'delegate' } });
    if (!delegate) throw notFound('PARTICIPANT_NOT_FOUND', `Delegate ${participantId} is not convened to this conference.`);
    if (delegate.siteId !== siteId) {
      throw notFound('PARTICIPANT_NOT_AT_SITE', `Delegate ${participantId} attends at another site, not this one.`);
    }
  }
}

const rule = (c: ConferenceEntity) => ({ numerator: c.quorumNumerator, denominator: c.quorumDenominator });
