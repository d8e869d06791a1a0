import { Injectable } from '@nestjs/common';
import { ConferenceEntity, OrgUnitEntity, SiteAttendanceEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, assertRoomFor, NO_ATTENDANCE, notFound } from '@hoinghi/domain';
import type { SiteView, ViewerScope } from '@hoinghi/contracts';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { AddSiteRequestDto } from './dto/site.dto';

@Injectable()
export class SitesService implements ConferenceSection {
  constructor(
    private readonly changes: ConferenceChanges,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  /** Leaders see every site; a site sees the main hall and itself, however many sites there are. */
  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ sites: SiteView[] }> {
    const query = em.createQueryBuilder(SiteEntity, 's')
      .innerJoinAndSelect('s.orgUnit', 'u')
      .where('s.conference_id = :id', { id: conference.id })
      .orderBy('s.position', 'ASC');
    if (!scope.leader) query.andWhere('(s.is_main OR s.id IN (:...own))', { own: scope.siteIds.length ? scope.siteIds : [null] });
    return { sites: (await query.getMany()).map((s) => siteView(s, s.orgUnit!.name)) };
  }

  add(user: AuthUser, conferenceId: string, dto: AddSiteRequestDto): Promise<SiteView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'add a site');
      const unit = await ctx.em.findOne(OrgUnitEntity, { where: { id: dto.orgUnitId } });
      if (!unit) throw notFound('ORG_UNIT_NOT_FOUND', `Organisation unit ${dto.orgUnitId} does not exist.`);
      const parent = dto.parentSiteId
        ? await ctx.em.findOne(SiteEntity, { where: { id: dto.parentSiteId, conferenceId } })
        : await ctx.em.findOne(SiteEntity, { where: { conferenceId, isMain: true } });
      if (!parent) throw notFound('SITE_NOT_FOUND', `Site ${dto.parentSiteId} does not exist in this conference.`);
      assertRoomFor('sites', await ctx.em.count(SiteEntity, { where: { conferenceId } }));
      const position = ((await ctx.em.maximum(SiteEntity, 'position', { conferenceId })) ?? 0) + 1;
      const saved = await ctx.em.save(SiteEntity, ctx.em.create(SiteEntity, {
        conferenceId, name: dto.name.trim(), place: dto.place?.trim() ?? '', orgUnitId: unit.id, parentSiteId: parent.id, isMain: false, position,
      }));
      await ctx.em.insert(SiteAttendanceEntity, { siteId: saved.id, conferenceId });
      const site = siteView(saved, unit.name);
      return {
        result: site,
        events: [{ audience: { kind: 'leaders' }, type: 'site.added', data: { site, attendance: { siteId: site.id, ...NO_ATTENDANCE } } }],
        audit: { action: 'site.add', details: { siteId: saved.id, name: saved.name } },
      };
    });
  }
}

export function siteView(s: SiteEntity, orgUnitName: string): SiteView {
  return { id: s.id, name: s.name, place: s.place, orgUnitId: s.orgUnitId, orgUnitName, parentSiteId: s.parentSiteId, isMain: s.isMain };
}
