import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceRecordEntity, ConferenceEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, conflict, notFound } from '@hoinghi/domain';
import type { AttendanceRecordView, AttendanceSummary } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { ChangeContext, ConferenceChanges } from '../realtime/conference-changes.service';
import { SnapshotService } from '../realtime/snapshot.service';
import { CheckInRequestDto } from './dto/attendance.dto';

/** Attendance (điểm danh): each site's operator checks in its own delegates. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
    private readonly snapshots: SnapshotService,
  ) {}

  async summary(user: AuthUser, conferenceId: string): Promise<AttendanceSummary> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'conference.view');
    return this.snapshots.attendance(em, await em.findOneByOrFail(ConferenceEntity, { id: conferenceId }));
  }

  async siteRecords(user: AuthUser, conferenceId: string, siteId: string): Promise<AttendanceRecordView[]> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'attendance.check', siteId);
    if (!(await em.exists(SiteEntity, { where: { id: siteId, conferenceId } }))) {
      throw notFound('SITE_NOT_FOUND', `Site ${siteId} does not exist in this conference.`);
    }
    return this.snapshots.attendanceRecords(em, conferenceId, siteId);
  }

  checkIn(user: AuthUser, conferenceId: string, siteId: string, participantId: string, dto: CheckInRequestDto): Promise<AttendanceRecordView> {
    return this.changes.run({ user, conferenceId, permission: 'attendance.check', siteId }, async (ctx) => {
      assertEditable(ctx.conference.status, 'take attendance');
      await this.delegateAt(ctx, siteId, participantId);
      const checkedIn = dto.status !== 'absent';
      const existing = await ctx.em.findOne(AttendanceRecordEntity, { where: { conferenceId, participantId } });
      await ctx.em.upsert(
        AttendanceRecordEntity,
        {
          conferenceId, participantId, siteId, status: dto.status, reason: dto.reason?.trim() ?? null,
          // Keep the first check-in time when only the status changes (e.g. present → late).
          checkedInAt: checkedIn ? (existing?.checkedInAt ?? ctx.now) : null, checkedOutAt: null, updatedBy: user.id,
        },
        { conflictPaths: ['conferenceId', 'participantId'] },
      );
      return this.outcome(ctx, siteId, participantId, 'attendance.check-in', { status: dto.status, reason: dto.reason ?? null });
    });
  }

  checkOut(user: AuthUser, conferenceId: string, siteId: string, participantId: string): Promise<AttendanceRecordView> {
    return this.changes.run({ user, conferenceId, permission: 'attendance.check', siteId }, async (ctx) => {
      await this.delegateAt(ctx, siteId, participantId);
      const record = await ctx.em.findOne(AttendanceRecordEntity, { where: { conferenceId, participantId } });
      if (!record || record.checkedInAt === null || record.checkedOutAt !== null) {
        throw conflict('NOT_CHECKED_IN', 'Cannot check this delegate out because they are not checked in.');
      }
      await ctx.em.update(AttendanceRecordEntity, { id: record.id }, { checkedOutAt: ctx.now, updatedBy: user.id });
      return this.outcome(ctx, siteId, participantId, 'attendance.check-out', {});
    });
  }

  private async outcome(ctx: ChangeContext, siteId: string, participantId: string, action: string, details: Record<string, unknown>) {
    const [record] = await this.snapshots.attendanceRecords(ctx.em, ctx.conference.id, siteId, participantId);
    return { result: record, changed: ['attendance' as const], attendanceRecord: record, audit: { action, details: { participantId, siteId, ...details } } };
  }

  /** The participant must be a delegate convened at this very site. */
  private async delegateAt(ctx: ChangeContext, siteId: string, participantId: string): Promise<void> {
    const delegate = await ctx.em.findOne(ParticipantEntity, { where: { id: participantId, conferenceId: ctx.conference.id, role: 'delegate' } });
    if (!delegate) throw notFound('PARTICIPANT_NOT_FOUND', `Delegate ${participantId} is not convened to this conference.`);
    if (delegate.siteId !== siteId) {
      throw notFound('PARTICIPANT_NOT_AT_SITE', `Delegate ${participantId} attends at another site, not this one.`);
    }
  }
}
