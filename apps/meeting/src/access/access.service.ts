import { Injectable } from '@nestjs/common';
import { ConferenceEntity, ParticipantEntity } from '@hoinghi/database';
import { assertCan, notFound, Permission } from '@hoinghi/domain';
import type { RoleAssignment } from '@hoinghi/contracts';
import { EntityManager } from 'typeorm';

/** Answers "may this user do that in this conference (at that site)?" from the participants table. */
@Injectable()
export class AccessService {
  async rolesOf(em: EntityManager, userId: string, conferenceId: string): Promise<RoleAssignment[]> {
    const rows = await em.find(ParticipantEntity, { where: { userId, conferenceId }, select: ['role', 'siteId'] });
    return rows.map((r) => ({ role: r.role, siteId: r.siteId }));
  }

  /** 404 for an unknown conference, 403 for a caller without the permission; returns the caller's roles. */
  async authorize(
    em: EntityManager,
    userId: string,
    conferenceId: string,
    permission: Permission,
    siteId?: string,
  ): Promise<RoleAssignment[]> {
    if (!(await em.exists(ConferenceEntity, { where: { id: conferenceId } }))) throw conferenceNotFound(conferenceId);
    const roles = await this.rolesOf(em, userId, conferenceId);
    assertCan(roles, permission, siteId);
    return roles;
  }
}

export const conferenceNotFound = (id: string) => notFound('CONFERENCE_NOT_FOUND', `Conference ${id} does not exist.`);
