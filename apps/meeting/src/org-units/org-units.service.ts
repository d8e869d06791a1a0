import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditEntryEntity, OrgUnitEntity } from '@hoinghi/database';
import { assertMovable, containsPattern, foldVietnamese, forbidden, notFound } from '@hoinghi/domain';
import type { OrgUnitView } from '@hoinghi/contracts';
import { IsNull, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CreateOrgUnitRequestDto, SearchOrgUnitsQueryDto, UpdateOrgUnitRequestDto } from './dto/org-unit.dto';

const SEARCH_LIMIT = 50;
const view = (u: OrgUnitEntity): OrgUnitView => ({
  id: u.id, name: u.name, level: u.level, parentId: u.parentId, termStartedAt: u.termStartedAt ? new Date(u.termStartedAt).toISOString() : null,
});

@Injectable()
export class OrgUnitsService {
  constructor(@InjectRepository(OrgUnitEntity) private readonly units: Repository<OrgUnitEntity>) {}

  async search(query: SearchOrgUnitsQueryDto): Promise<OrgUnitView[]> {
    const qb = this.units.createQueryBuilder('u').orderBy('u.name_search', 'ASC').limit(SEARCH_LIMIT);
    if (query.q?.trim()) qb.andWhere('u.name_search LIKE :q', { q: containsPattern(query.q) });
    if (query.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: query.parentId });
    else if (!query.q?.trim()) qb.andWhere({ parentId: IsNull() });
    return (await qb.getMany()).map(view);
  }

  async create(user: AuthUser, dto: CreateOrgUnitRequestDto): Promise<OrgUnitView> {
    if (!user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only an administrator can change the organisation tree.');
    if (dto.parentId && !(await this.units.exist({ where: { id: dto.parentId } }))) {
      throw notFound('ORG_UNIT_NOT_FOUND', `Organisation unit ${dto.parentId} does not exist.`);
    }
    return this.units.manager.transaction(async (em) => {
      const saved = await em.save(OrgUnitEntity, em.create(OrgUnitEntity, {
        name: dto.name.trim(), nameSearch: foldVietnamese(dto.name), level: dto.level, parentId: dto.parentId ?? null,
        termStartedAt: dto.termStartedAt ? new Date(dto.termStartedAt) : null,
      }));
      await em.insert(AuditEntryEntity, { conferenceId: null, actorUserId: user.id, action: 'org-unit.create', details: { orgUnitId: saved.id, name: saved.name } });
      return view(saved);
    });
  }

  /** Rename, relabel or move a unit, or record a new term (administrators); a move never puts a unit under itself. */
  async update(user: AuthUser, unitId: string, dto: UpdateOrgUnitRequestDto): Promise<OrgUnitView> {
    if (!user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only an administrator can change the organisation tree.');
    return this.units.manager.transaction(async (em) => {
      const unit = await em.findOne(OrgUnitEntity, { where: { id: unitId }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw notFound('ORG_UNIT_NOT_FOUND', `Organisation unit ${unitId} does not exist.`);
      if (dto.parentId) {
        const line = await em.query(
          `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM org_units WHERE id = $1
             UNION SELECT u.id, u.parent_id FROM org_units u JOIN up ON u.id = up.parent_id) SELECT id FROM up`,
          [dto.parentId],
        ) as Array<{ id: string }>;
        if (!line.length) throw notFound('ORG_UNIT_NOT_FOUND', `Organisation unit ${dto.parentId} does not exist.`);
        assertMovable(unit.id, line.map((u) => u.id));
      }
      const before = view(unit);
      if (dto.name !== undefined) Object.assign(unit, { name: dto.name.trim(), nameSearch: foldVietnamese(dto.name) });
      if (dto.level !== undefined) unit.level = dto.level;
      if (dto.parentId !== undefined) unit.parentId = dto.parentId;
      if (dto.termStartedAt !== undefined) unit.termStartedAt = dto.termStartedAt === null ? null : new Date(dto.termStartedAt);
      await em.update(OrgUnitEntity, { id: unit.id }, {
        name: unit.name, nameSearch: unit.nameSearch, level: unit.level, parentId: unit.parentId, termStartedAt: unit.termStartedAt,
      });
      await em.save(AuditEntryEntity, em.create(AuditEntryEntity, { conferenceId: null, actorUserId: user.id, action: 'org-unit.update', details: { orgUnitId: unit.id, before, after: view(unit) } }));
      return view(unit);
    });
  }
}
