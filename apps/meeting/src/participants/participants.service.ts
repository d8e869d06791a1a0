import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParticipantEntity, SiteEntity, UserEntity } from '@hoinghi/database';
import type { ParticipantRole, ParticipantView, ViewerScope } from '@hoinghi/contracts';
import { assertEditable, assertRoomFor, conflict, invalid, notFound, seesSite } from '@hoinghi/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { AttendanceService } from '../attendance/attendance.service';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { AddParticipantRequestDto } from './dto/participant.dto';

/** Roles that belong to one site; the others act for the whole conference. */
const SITE_ROLES: ParticipantRole[] = ['site_chair', 'site_operator', 'delegate'];

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
    private readonly attendance: AttendanceService,
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
      const saved = await ctx.em.save(ParticipantEntity, ctx.em.create(ParticipantEntity, {
        conferenceId, userId: dto.userId, role: dto.role, siteId: dto.siteId ?? null,
        votingRight: dto.role === 'delegate' ? (dto.votingRight ?? true) : false,
      }));
      const [view] = (await this.views(ctx.em, conferenceId, saved.id));
      // A new delegate changes the convened count, hence the quorum.
      return {
        result: view,
        events: dto.role === 'delegate' ? await this.attendance.sitesChanged(ctx, [saved.siteId!]) : [],
        audit: { action: 'participant.add', details: { participantId: saved.id, userId: dto.userId, role: dto.role, siteId: dto.siteId ?? null } },
      };
    });
  }

  private async views(em: EntityManager, conferenceId: string, id?: string): Promise<ParticipantView[]> {
    const rows = await em.find(ParticipantEntity, { where: { conferenceId, ...(id ? { id } : {}) }, relations: { user: true } });
    return rows
      .map((p) => ({ id: p.id, userId: p.userId, fullName: p.user!.fullName, role: p.role, siteId: p.siteId, votingRight: p.votingRight }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }
}

const visible = (scope: ViewerScope, p: ParticipantView) => scope.leader || p.siteId === null || !SITE_ROLES.includes(p.role) || seesSite(scope, p.siteId);
