import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParticipantEntity, SiteEntity, UserEntity } from '@hoinghi/database';
import { assertEditable, conflict, invalid, notFound } from '@hoinghi/domain';
import type { ParticipantRole, ParticipantView } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { ConferenceChanges } from '../realtime/conference-changes.service';
import { AddParticipantRequestDto } from './dto/participant.dto';

/** Roles that belong to one site; the others act for the whole conference. */
const SITE_ROLES: ParticipantRole[] = ['site_chair', 'site_operator', 'delegate'];

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
  ) {}

  async list(user: AuthUser, conferenceId: string): Promise<ParticipantView[]> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'conference.view');
    return this.views(em, conferenceId);
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
      const saved = await ctx.em.save(ParticipantEntity, ctx.em.create(ParticipantEntity, {
        conferenceId, userId: dto.userId, role: dto.role, siteId: dto.siteId ?? null,
        votingRight: dto.role === 'delegate' ? (dto.votingRight ?? true) : false,
      }));
      const [view] = (await this.views(ctx.em, conferenceId)).filter((p) => p.id === saved.id);
      // A new delegate changes the convened count, hence the quorum.
      return {
        result: view,
        changed: dto.role === 'delegate' ? ['attendance'] : [],
        audit: { action: 'participant.add', details: { participantId: saved.id, userId: dto.userId, role: dto.role, siteId: dto.siteId ?? null } },
      };
    });
  }

  private async views(em: EntityManager, conferenceId: string): Promise<ParticipantView[]> {
    const rows = await em.find(ParticipantEntity, { where: { conferenceId }, relations: { user: true } });
    return rows
      .map((p) => ({ id: p.id, userId: p.userId, fullName: p.user!.fullName, role: p.role, siteId: p.siteId, votingRight: p.votingRight }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }
}
