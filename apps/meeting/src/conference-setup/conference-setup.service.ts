import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgendaItemEntity, attendanceCounts, ConferenceEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import { editedPlan, forbidden, invalid, planCopy, viewerScope } from '@hoinghi/domain';
import type { ConferenceSnapshot, ConferenceView } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AttendanceService } from '../attendance/attendance.service';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceViews } from '../change-log/conference-views';
import { insertConference } from '../conferences/conference-writer';
import { ConferencesService } from '../conferences/conferences.service';
import { NoticesService } from '../notices/notices.service';
import { CopyConferenceRequestDto, UpdateConferenceRequestDto } from './dto/conference-setup.dto';

/** An organiser edits a conference's plan before and during it, or starts a new one from a past one. */
@Injectable()
export class ConferenceSetupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ConferenceChanges,
    private readonly conferences: ConferencesService,
    private readonly attendance: AttendanceService,
    private readonly views: ConferenceViews,
    private readonly notices: NoticesService,
  ) {}

  /** Title, planned times, quorum rule (see `editedPlan` for when); every site sees it at once. */
  update(user: AuthUser, conferenceId: string, dto: UpdateConferenceRequestDto): Promise<ConferenceView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      const { conference } = ctx;
      const before = { title: conference.title, plannedStart: conference.plannedStart, plannedEnd: conference.plannedEnd, quorumNumerator: conference.quorumNumerator, quorumDenominator: conference.quorumDenominator };
      const next = editedPlan(conference.status, before, dto);
      Object.assign(conference, next);
      await ctx.em.update(ConferenceEntity, { id: conference.id }, next);
      const view = await this.conferences.view(ctx.em, conference);
      const quorumChanged = next.quorumNumerator !== before.quorumNumerator || next.quorumDenominator !== before.quorumDenominator;
      const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => String(value) !== String(before[key as keyof typeof before])));
      // A new time for a conference already announced is announced again to everyone convened.
      const notice = conference.status !== 'draft' && ('plannedStart' in changed || 'plannedEnd' in changed)
        ? await this.notices.announce(ctx.em, conference, 'changed', ctx.now)
        : null;
      return {
        result: view,
        events: [
          { audience: { kind: 'conference' }, type: 'conference.updated', data: { conference: view } },
          // A new rule moves the quorum line everyone sees.
          ...(quorumChanged ? await this.attendance.sitesChanged(ctx, []) : []),
        ],
        audit: { action: 'conference.update', details: { changed } },
        outbox: notice ? [notice] : [],
      };
    });
  }

  /** A new draft with the past one's site tree, agenda and people (roles, sites, voting rights); the copier chairs it. */
  async copy(user: AuthUser, conferenceId: string, dto: CopyConferenceRequestDto): Promise<ConferenceSnapshot> {
    if (!user.canConvene && !user.isAdmin) throw forbidden('ROLE_FORBIDDEN', 'Only organising staff of a host body can convene a conference.');
    if (new Date(dto.plannedEnd) <= new Date(dto.plannedStart)) throw invalid('PLANNED_END_NOT_AFTER_START', 'must be after plannedStart', 'plannedEnd');
    return this.dataSource.transaction(async (em) => {
      await this.access.authorize(em, user.id, conferenceId, 'conference.manage');
      const source = await em.findOneByOrFail(ConferenceEntity, { id: conferenceId });
      const plan = planCopy({
        sites: await em.find(SiteEntity, { where: { conferenceId } }),
        agenda: await em.find(AgendaItemEntity, { where: { conferenceId } }),
        participants: await em.find(ParticipantEntity, { where: { conferenceId } }),
      }, user.id);
      const { conference, mainSiteId } = await insertConference(em, {
        title: dto.title, kind: source.kind, hostUnitId: source.hostUnitId, plannedStart: new Date(dto.plannedStart), plannedEnd: new Date(dto.plannedEnd),
        quorum: { numerator: source.quorumNumerator, denominator: source.quorumDenominator }, createdBy: user.id, ...plan,
        audit: { action: 'conference.copy', details: { from: source.id, sites: plan.sites.length, participants: plan.participants.length } },
      });
      const siteIds = (await em.find(SiteEntity, { where: { conferenceId: conference.id }, select: ['id'] })).map((s) => s.id);
      await attendanceCounts.recountSites(em, conference.id, siteIds); // the copied delegates are convened
      const roles = plan.participants.filter((p) => p.userId === user.id).map((p) => ({ role: p.role, siteId: p.role === 'chair' ? mainSiteId : null }));
      return this.views.snapshot(em, conference, viewerScope(user.id, roles));
    });
  }
}
