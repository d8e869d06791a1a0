import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, OrgUnitEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import {
  assertValidQuorumRule, ConferenceAction, conferenceAsSeen, conferenceReason, DEFAULT_QUORUM, forbidden, invalid, notFound, orderSiteTree, stale,
  transitionConference, viewerScope,
} from '@hoinghi/domain';
import { OutboxItem } from '@hoinghi/change-log';
import {
  JobName, QueueName, RedisChannel, type ConferenceChangedBy, type ConferenceClosedEvent, type ConferenceSnapshot, type ConferenceSummary, type ConferenceView, type RecountAttendanceJob, type ViewerScope,
} from '@hoinghi/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { lastChangeBy } from '../change-log/last-change';
import { NOTICE_OF_ACTION, NoticesService } from '../notices/notices.service';
import { FloorService } from '../floor/floor.service';
import { ConferenceTransitionRequestDto } from './dto/conference-transition.dto';
import { CreateConferenceRequestDto } from './dto/create-conference.dto';
import { isoOrNull } from '../common/dates';
import { insertConference } from './conference-writer';

const recountJob = (conferenceId: string): OutboxItem => ({
  kind: 'job', queue: QueueName.Maintenance, name: JobName.RecountAttendance, payload: { v: 1, conferenceId } satisfies RecountAttendanceJob,
});

/** To the media gateway (through the outbox, so only once the change is committed): close the conference's video. */
const conferenceClosed = (conferenceId: string, status: 'ended' | 'cancelled', at: Date): OutboxItem => ({
  kind: 'redis', channel: RedisChannel.Conference,
  payload: { v: 1, kind: 'closed', conferenceId, status, at: at.toISOString() } satisfies ConferenceClosedEvent,
});

@Injectable()
export class ConferencesService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    private readonly views: ConferenceViews,
    private readonly floor: FloorService,
    private readonly notices: NoticesService,
  ) {
    views.register(this);
  }

  async readSection(em: EntityManager, conference: ConferenceEntity): Promise<{ conference: ConferenceView }> {
    return { conference: await this.view(em, conference) };
  }

  /** Creates a conference with its site tree and agenda in one transaction; the creator chairs it. */
  async create(user: AuthUser, dto: CreateConferenceRequestDto): Promise<ConferenceSnapshot> {
    if (!user.canConvene && !user.isAdmin) {
      throw forbidden('ROLE_FORBIDDEN', 'Only organising staff of a host body can convene a conference.');
    }
    const quorum = { numerator: dto.quorumNumerator ?? DEFAULT_QUORUM.numerator, denominator: dto.quorumDenominator ?? DEFAULT_QUORUM.denominator };
    assertValidQuorumRule(quorum);
    if (new Date(dto.plannedEnd) <= new Date(dto.plannedStart)) {
      throw invalid('PLANNED_END_NOT_AFTER_START', 'must be after plannedStart', 'plannedEnd');
    }
    const sites = orderSiteTree(dto.sites);
    const mainKey = sites[0].key; // orderSiteTree puts the main site first
    return this.dataSource.transaction(async (em) => {
      await this.assertUnitsExist(em, [dto.hostUnitId, ...dto.sites.map((s) => s.orgUnitId)]);
      const { conference, mainSiteId } = await insertConference(em, {
        title: dto.title, kind: dto.kind, hostUnitId: dto.hostUnitId, plannedStart: new Date(dto.plannedStart), plannedEnd: new Date(dto.plannedEnd),
        quorum, createdBy: user.id, sites, agenda: dto.agenda,
        participants: [{ userId: user.id, role: 'chair', siteKey: mainKey, votingRight: true }],
        audit: { action: 'conference.create', details: { sites: sites.length, agendaItems: dto.agenda.length } },
      });
      const chair: ViewerScope = viewerScope(user.id, [{ role: 'chair', siteId: mainSiteId }]);
      return this.views.snapshot(em, conference, chair);
    });
  }

  /** The caller's conferences, newest planned first, with the caller's roles in each. */
  async list(user: AuthUser): Promise<ConferenceSummary[]> {
    const em = this.dataSource.manager;
    const roles = await em.find(ParticipantEntity, { where: { userId: user.id } });
    const ids = [...new Set(roles.map((r) => r.conferenceId))];
    if (ids.length === 0) return [];
    const conferences = await em.find(ConferenceEntity, { where: { id: In(ids) }, order: { plannedStart: 'DESC' } });
    const siteCounts = await em
      .createQueryBuilder(SiteEntity, 's')
      .select('s.conference_id', 'conferenceId')
      .addSelect('COUNT(*)::int', 'count')
      .where('s.conference_id IN (:...ids)', { ids })
      .groupBy('s.conference_id')
      .getRawMany<{ conferenceId: string; count: number }>();
    const summaries: ConferenceSummary[] = [];
    for (const c of conferences) {
      summaries.push({
        ...(await this.view(em, c)),
        siteCount: siteCounts.find((s) => s.conferenceId === c.id)?.count ?? 0,
        myRoles: roles.filter((r) => r.conferenceId === c.id).map((r) => ({ role: r.role, siteId: r.siteId })),
      });
    }
    return summaries;
  }

  get(user: AuthUser, conferenceId: string): Promise<ConferenceSnapshot> {
    return this.sync.snapshot(user, conferenceId);
  }

  /** A status change as the chair saw it (`expectedStatus`), with the reason it needs or may have. */
  transition(user: AuthUser, conferenceId: string, action: ConferenceAction, dto: ConferenceTransitionRequestDto = {}): Promise<ConferenceView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      const { conference, now } = ctx;
      const from = conference.status;
      if (!conferenceAsSeen(from, dto.expectedStatus)) await this.changedSinceSeen(ctx);
      conference.status = transitionConference(from, action);
      const reason = conferenceReason(action, dto.reason);
      conference.statusReason = reason;
      if (action === 'start') conference.startedAt = now;
      if (action === 'end') conference.endedAt = now;
      await ctx.em.update(ConferenceEntity, { id: conference.id }, {
        status: conference.status, statusReason: conference.statusReason, startedAt: conference.startedAt, endedAt: conference.endedAt,
      });
      // Adjourning or ending closes the current speaker's turn, so the programme goes back to the main hall.
      const closed = action === 'adjourn' || action === 'end' ? await this.floor.closeTurn(ctx) : { events: [], outbox: [] };
      // Everyone convened is told in the app (their notices across conferences).
      const notice = await this.notices.announce(ctx.em, conference, NOTICE_OF_ACTION[action], now, reason);
      const view = await this.view(ctx.em, conference);
      return {
        result: view,
        events: [{ audience: { kind: 'conference' }, type: 'conference.updated', data: { conference: view } }, ...closed.events],
        audit: { action: `conference.${action}`, details: reason ? { from, to: conference.status, reason } : { from, to: conference.status } },
        // At the start, the worker counts attendance again from the records, as a check on the kept counts;
        // at the end, the media gateway closes the conference's video and recording.
        outbox: [
          notice,
          ...closed.outbox,
          ...(action === 'start' ? [recountJob(conference.id)] : []),
          ...(conference.status === 'ended' || conference.status === 'cancelled' ? [conferenceClosed(conference.id, conference.status, now)] : []),
        ],
      };
    });
  }

  /** 409 CONFERENCE_CHANGED naming who changed the status last and when (the audit trail), with the conference now. */
  private async changedSinceSeen(ctx: ChangeContext): Promise<never> {
    const last = await lastChangeBy(ctx.em, ctx.conference.id, 'conference.');
    const changedBy: ConferenceChangedBy = { ...last, conference: await this.view(ctx.em, ctx.conference) };
    throw stale(
      'CONFERENCE_CHANGED',
      `The conference is ${ctx.conference.status} now, no longer as you saw it${last.name ? ` (${last.name}, ${last.at})` : ''}; nothing was done.`,
      changedBy,
    );
  }

  async view(em: EntityManager, c: ConferenceEntity): Promise<ConferenceView> {
    const host = await em.findOneByOrFail(OrgUnitEntity, { id: c.hostUnitId });
    return {
      id: c.id, title: c.title, kind: c.kind, status: c.status, hostUnitId: c.hostUnitId, hostUnitName: host.name,
      plannedStart: c.plannedStart.toISOString(), plannedEnd: c.plannedEnd.toISOString(),
      quorumNumerator: c.quorumNumerator, quorumDenominator: c.quorumDenominator, startedAt: isoOrNull(c.startedAt), endedAt: isoOrNull(c.endedAt),
      statusReason: c.statusReason,
    };
  }

  private async assertUnitsExist(em: EntityManager, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const found = await em.count(OrgUnitEntity, { where: { id: In(unique) } });
    if (found !== unique.length) {
      const known = new Set((await em.find(OrgUnitEntity, { where: { id: In(unique) }, select: ['id'] })).map((u) => u.id));
      throw notFound('ORG_UNIT_NOT_FOUND', `Organisation unit ${unique.find((id) => !known.has(id))} does not exist.`);
    }
  }
}
