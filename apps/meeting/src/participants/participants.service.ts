import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParticipantEntity, SiteEntity, UserEntity } from '@hoinghi/database';
import type { ParticipantRole, ParticipantView, ViewerScope } from '@hoinghi/contracts';
import {
  assertEditable, assertRemovable, assertRoomFor, conflict, editedEntry, invalid, notFound, seesSite, SITE_ROLES, votingRightFor,
} from '@hoinghi/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { AttendanceService } from '../attendance/attendance.service';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { NoticesService } from '../notices/notices.service';
import { AddParticipantRequestDto, UpdateParticipantRequestDto } from './dto/participant.dto';

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
    private readonly attendance: AttendanceService,
    private readonly notices: NoticesService,
  ) {}

  /** Leaders see everyone; a site sees its own people and those who act for the whole conference. */
  async list(user: AuthUser, conferenceId: string): Promise<ParticipantView[]> {
    const em = this.dataSource.manager;
    const scope = await this.access.scopeOf(em, user.id, conferenceId, await this.access.authorize(em, user.id, conferenceId, 'conference.view'));
    return (await this.views(em, conferenceId)).filter((p) => visible(scope, p));
  }

  add(user: AuthUser, conferenceId: string, dto: AddParticipantRequestDto): Promise<ParticipantView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'add a participant');
      if (SITE_ROLES.includes(dto.role) && !dto.siteId) {
        throw invalid('SITE_REQUIRED_FOR_ROLE', `is required for the role ${dto.role}`, 'siteId');
      }
      if (!(await ctx.em.exists(UserEntity, { where: { id: dto.userId } }))) {
        throw notFound('USER_NOT_FOUND', `User ${dto.userId} does not exist.`);
      }
      if (dto.siteId && !(await ctx.em.exists(SiteEntity, { where: { id: dto.siteId, conferenceId } }))) {
        throw notFound('SITE_NOT_FOUND', `Site ${dto.siteId} does not exist in this conference.`);
      }
      if (await ctx.em.exists(ParticipantEntity, { where: { conferenceId, userId: dto.userId, role: dto.role } })) {
        throw conflict('PARTICIPANT_EXISTS', `This person already has the role ${dto.role} in this conference.`);
      }
      assertRoomFor('participants', await ctx.em.count(ParticipantEntity, { where: { conferenceId } }));
      const newlyConvened = await this.notices.notConvened(ctx.em, conferenceId, [dto.userId]);
      const saved = await ctx.em.save(ParticipantEntity, ctx.em.create(ParticipantEntity, {
        conferenceId, userId: dto.userId, role: dto.role, siteId: dto.siteId ?? null,
        votingRight: votingRightFor(dto.role, dto.votingRight),
      }));
      const [view] = (await this.views(ctx.em, conferenceId, saved.id));
      // A new delegate changes the convened count, hence the quorum.
      return {
        result: view,
        events: dto.role === 'delegate' ? await this.attendance.sitesChanged(ctx, [saved.siteId!]) : [],
        audit: { action: 'participant.add', details: { participantId: saved.id, userId: dto.userId, role: dto.role, siteId: dto.siteId ?? null } },
        outbox: await this.notices.tellNewlyConvened(ctx.em, conferenceId, newlyConvened),
      };
    });
  }

  /** Another role, site or voting right; a delegate's move changes both sites' convened counts. */
  update(user: AuthUser, conferenceId: string, participantId: string, dto: UpdateParticipantRequestDto): Promise<ParticipantView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'change a participant');
      const current = await this.participant(ctx.em, conferenceId, participantId);
      const next = editedEntry(current, dto, await this.facts(ctx.em, conferenceId, current));
      if (next.siteId && next.siteId !== current.siteId && !(await ctx.em.exists(SiteEntity, { where: { id: next.siteId, conferenceId } }))) {
        throw notFound('SITE_NOT_FOUND', `Site ${next.siteId} does not exist in this conference.`);
      }
      if (next.role !== current.role && (await ctx.em.exists(ParticipantEntity, { where: { conferenceId, userId: current.userId, role: next.role } }))) {
        throw conflict('PARTICIPANT_EXISTS', `This person already has the role ${next.role} in this conference.`);
      }
      await ctx.em.update(ParticipantEntity, { id: current.id }, next);
      const [view] = await this.views(ctx.em, conferenceId, current.id);
      const moved = delegateSites(current, next);
      return {
        result: view,
        events: moved.length ? await this.attendance.sitesChanged(ctx, moved) : [],
        audit: { action: 'participant.update', details: { participantId: current.id, from: pick(current), to: next } },
      };
    });
  }

  remove(user: AuthUser, conferenceId: string, participantId: string): Promise<void> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'remove a participant');
      const current = await this.participant(ctx.em, conferenceId, participantId);
      assertRemovable(current, await this.facts(ctx.em, conferenceId, current));
      await ctx.em.delete(ParticipantEntity, { id: current.id });
      return {
        result: undefined,
        events: await this.attendance.sitesChanged(ctx, delegateSites(current, null)),
        audit: { action: 'participant.remove', details: { participantId: current.id, userId: current.userId, ...pick(current) } },
      };
    });
  }

  private async participant(em: EntityManager, conferenceId: string, id: string): Promise<ParticipantEntity> {
    const found = await em.findOne(ParticipantEntity, { where: { id, conferenceId } });
    if (!found) throw notFound('PARTICIPANT_NOT_FOUND', `Participant ${id} does not exist in this conference.`);
    return found;
  }

  /** What an edit must respect: the person's records (check-ins, floor requests) and the other chairs. */
  private async facts(em: EntityManager, conferenceId: string, p: ParticipantEntity) {
    const [row] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM attendance_records WHERE participant_id = $1)
           OR EXISTS (SELECT 1 FROM floor_requests WHERE participant_id = $1) AS "hasRecords",
              (SELECT COUNT(*)::int FROM participants WHERE conference_id = $2 AND role = 'chair' AND id <> $1) AS "otherChairs"`,
      [p.id, conferenceId],
    ) as Array<{ hasRecords: boolean; otherChairs: number }>;
    return row;
  }

  private async views(em: EntityManager, conferenceId: string, id?: string): Promise<ParticipantView[]> {
    const rows = await em.find(ParticipantEntity, { where: { conferenceId, ...(id ? { id } : {}) }, relations: { user: true } });
    return rows
      .map((p) => ({ id: p.id, userId: p.userId, fullName: p.user!.fullName, role: p.role, siteId: p.siteId, votingRight: p.votingRight }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }
}

const pick = (p: ParticipantEntity) => ({ role: p.role, siteId: p.siteId, votingRight: p.votingRight });

/** The sites whose convened delegates change when `before` becomes `after` (null: removed). */
function delegateSites(before: { role: ParticipantRole; siteId: string | null }, after: { role: ParticipantRole; siteId: string | null } | null): string[] {
  const sites = new Set<string>();
  if (before.role === 'delegate' && before.siteId) sites.add(before.siteId);
  if (after?.role === 'delegate' && after.siteId) sites.add(after.siteId);
  if (after && before.role === 'delegate' && after.role === 'delegate' && before.siteId === after.siteId) return [];
  return [...sites];
}

const visible = (scope: ViewerScope, p: ParticipantView) => scope.leader || p.siteId === null || !SITE_ROLES.includes(p.role) || seesSite(scope, p.siteId);
