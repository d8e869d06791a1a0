import { Injectable } from '@nestjs/common';
import { ParticipantEntity, SiteEntity } from '@hoinghi/database';
import { assertCan, DomainError, notFound, Permission, runsASite, viewerScope } from '@hoinghi/domain';
import type { RoleAssignment, ViewerScope } from '@hoinghi/contracts';
import { EntityManager } from 'typeorm';

/** Answers "may this user do that in this conference (at that site)?" from the participants table. */
@Injectable()
export class AccessService {
  async rolesOf(em: EntityManager, userId: string, conferenceId: string): Promise<RoleAssignment[]> {
    const rows = await em.find(ParticipantEntity, { where: { userId, conferenceId }, select: ['role', 'siteId'] });
    return rows.map((r) => ({ role: r.role, siteId: r.siteId }));
  }

  /** What the caller may see, from their roles; asks for the main site only of someone who runs a site (is it the main hall's desk?). */
  async scopeOf(em: EntityManager, userId: string, conferenceId: string, roles: RoleAssignment[]): Promise<ViewerScope> {
    if (!runsASite(roles)) return viewerScope(userId, roles);
    const main = await em.findOne(SiteEntity, { where: { conferenceId, isMain: true }, select: ['id'] });
    return viewerScope(userId, roles, main?.id ?? null);
  }

  /** 404 for an unknown conference, 403 for a caller without the permission; returns the caller's roles. */
  async authorize(
    em: EntityManager,
    userId: string,
    conferenceId: string,
    permission: Permission,
    siteId?: string,
  ): Promise<RoleAssignment[]> {
    const [verdict] = await this.authorizeAll(em, conferenceId, [{ user: { id: userId }, permission, siteId }]);
    if (verdict instanceof DomainError) throw verdict;
    return verdict;
  }

  /**
   * `authorize` for several callers of one conference in one query, each for its own permission: per
   * caller its roles, or the error that refuses it (the conference's 404 refuses them all).
   */
  async authorizeAll(
    em: EntityManager,
    conferenceId: string,
    callers: Array<{ user: { id: string }; permission: Permission; siteId?: string }>,
  ): Promise<Array<RoleAssignment[] | DomainError>> {
    const rows = await em.query(
      `SELECT p.user_id AS "userId", p.role, p.site_id AS "siteId"
         FROM conferences c LEFT JOIN participants p ON p.conference_id = c.id AND p.user_id = ANY($2::uuid[])
        WHERE c.id = $1`,
      [conferenceId, [...new Set(callers.map((c) => c.user.id))]],
    ) as Array<{ userId: string | null } & RoleAssignment>;
    if (!rows.length) return callers.map(() => conferenceNotFound(conferenceId));
    return callers.map(({ user, permission, siteId }) => {
      const roles = rows.filter((r) => r.userId === user.id).map((r) => ({ role: r.role, siteId: r.siteId }));
      try {
        assertCan(roles, permission, siteId);
        return roles;
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    });
  }
}

export const conferenceNotFound = (id: string) => notFound('CONFERENCE_NOT_FOUND', `Conference ${id} does not exist.`);
