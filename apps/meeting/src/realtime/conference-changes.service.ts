import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntryEntity, ConferenceEntity, ConferenceEventEntity } from '@hoinghi/database';
import { Permission } from '@hoinghi/domain';
import type { AttendanceRecordView, ConferenceDelta, RoleAssignment } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService, conferenceNotFound } from '../access/access.service';
import { ConferencePublisher } from './conference-publisher';
import { SnapshotService } from './snapshot.service';

export type Section = 'conference' | 'sites' | 'agenda' | 'attendance' | 'floor';

export interface ChangeContext {
  em: EntityManager;
  conference: ConferenceEntity; // locked for this transaction
  roles: RoleAssignment[];
  now: Date;
}

export interface ChangeOutcome<T> {
  result: T;
  /** The snapshot sections this change touched; each becomes one delta. */
  changed: Section[];
  audit: { action: string; details: Record<string, unknown> };
  /** The attendance record that changed, sent along with the attendance delta. */
  attendanceRecord?: AttendanceRecordView;
  /** Runs once the transaction has committed (e.g. telling the media gateway). */
  afterCommit?: () => Promise<void>;
}

export interface ChangeRequest {
  user: AuthUser;
  conferenceId: string;
  permission: Permission;
  siteId?: string;
}

/**
 * The one way to change a conference: lock its row, check the caller's role, do the work,
 * then in the same transaction bump the version once per touched section, store those deltas
 * and an audit entry. Deltas go out only after commit, so nobody sees a change that was rolled back.
 */
@Injectable()
export class ConferenceChanges {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly snapshots: SnapshotService,
    private readonly publisher: ConferencePublisher,
  ) {}

  async run<T>(request: ChangeRequest, work: (ctx: ChangeContext) => Promise<ChangeOutcome<T>>): Promise<T> {
    const { user, conferenceId, permission, siteId } = request;
    const { outcome, deltas } = await this.dataSource.transaction(async (em) => {
      const conference = await em.findOne(ConferenceEntity, { where: { id: conferenceId }, lock: { mode: 'pessimistic_write' } });
      if (!conference) throw conferenceNotFound(conferenceId);
      const roles = await this.access.authorize(em, user.id, conferenceId, permission, siteId);
      const now = new Date();
      const outcome = await work({ em, conference, roles, now });
      const deltas: ConferenceDelta[] = [];
      for (const section of outcome.changed) {
        conference.version += 1;
        const delta = await this.delta(em, conference, section, now, outcome.attendanceRecord ?? null);
        deltas.push(delta);
        await em.insert(ConferenceEventEntity, { conferenceId, version: delta.version, type: delta.type, data: delta.data as never });
      }
      await em.update(ConferenceEntity, { id: conferenceId }, { version: conference.version });
      await em.save(AuditEntryEntity, em.create(AuditEntryEntity, {
        conferenceId, actorUserId: user.id, action: outcome.audit.action, details: outcome.audit.details,
      }));
      return { outcome, deltas };
    });
    this.publisher.publish(conferenceId, deltas);
    await outcome.afterCommit?.();
    return outcome.result;
  }

  private async delta(
    em: EntityManager,
    conference: ConferenceEntity,
    section: Section,
    now: Date,
    record: AttendanceRecordView | null,
  ): Promise<ConferenceDelta> {
    const head = { version: conference.version, at: now.toISOString() };
    switch (section) {
      case 'conference':
        return { ...head, type: 'conference.updated', data: { conference: await this.snapshots.conference(em, conference) } };
      case 'sites':
        return { ...head, type: 'sites.updated', data: { sites: await this.snapshots.sites(em, conference.id) } };
      case 'agenda':
        return { ...head, type: 'agenda.updated', data: { agenda: await this.snapshots.agenda(em, conference.id) } };
      case 'attendance':
        return { ...head, type: 'attendance.updated', data: { attendance: await this.snapshots.attendance(em, conference), record } };
      case 'floor':
        return { ...head, type: 'floor.updated', data: { floor: await this.snapshots.floor(em, conference.id) } };
    }
  }
}
