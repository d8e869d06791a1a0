import { Injectable } from '@nestjs/common';
import { OrgUnitEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, notFound } from '@hoinghi/domain';
import type { SiteView } from '@hoinghi/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ConferenceChanges } from '../realtime/conference-changes.service';
import { SnapshotService } from '../realtime/snapshot.service';
import { AddSiteRequestDto } from './dto/site.dto';

@Injectable()
export class SitesService {
  constructor(
    private readonly changes: ConferenceChanges,
    private readonly snapshots: SnapshotService,
  ) {}

  add(user: AuthUser, conferenceId: string, dto: AddSiteRequestDto): Promise<SiteView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'add a site');
      const unit = await ctx.em.findOne(OrgUnitEntity, { where: { id: dto.orgUnitId } });
      if (!unit) throw notFound('ORG_UNIT_NOT_FOUND', `Organisation unit ${dto.orgUnitId} does not exist.`);
      const parent = dto.parentSiteId
        ? await ctx.em.findOne(SiteEntity, { where: { id: dto.parentSiteId, conferenceId } })
        : await ctx.em.findOne(SiteEntity, { where: { conferenceId, isMain: true } });
      if (!parent) throw notFound('SITE_NOT_FOUND', `Site ${dto.parentSiteId} does not exist in this conference.`);
      const position = ((await ctx.em.maximum(SiteEntity, 'position', { conferenceId })) ?? 0) + 1;
      const saved = await ctx.em.save(SiteEntity, ctx.em.create(SiteEntity, {
        conferenceId, name: dto.name.trim(), place: dto.place?.trim() ?? '', orgUnitId: unit.id, parentSiteId: parent.id, isMain: false, position,
      }));
      return {
        result: this.snapshots.site(saved, unit.name),
        changed: ['sites', 'attendance'],
        audit: { action: 'site.add', details: { siteId: saved.id, name: saved.name } },
      };
    });
  }
}
