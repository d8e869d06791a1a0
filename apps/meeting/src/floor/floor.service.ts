import { Injectable } from '@nestjs/common';
import { ChangeEvent, OutboxItem } from '@hoinghi/change-log';
import { ConferenceEntity, DraftEntity, DraftSectionEntity, DraftVersionEntity, FloorRequestEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import {
  assertLive, can, conflict, endFloor, enqueuePosition, forbidden, grant, holder, invalid, move, notFound, queued, seesSite, withdraw,
} from '@hoinghi/domain';
import {
  type AuditAction, FLOOR_QUEUE_HEAD, RedisChannel, type FloorEvent, type FloorQueueEvent, type FloorRequestView, type FloorState, type ViewerScope,
} from '@hoinghi/contracts';
import { EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ChangeOutcome, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { FloorLimitRequestDto, FloorRequestRequestDto } from './dto/floor.dto';
import { isoOrNull } from '../common/dates';

const OPEN = In(['queued', 'speaking']);
type Views = Map<string, FloorRequestView>;

/** Who has the floor and who waits: requests queue in order, the chair grants, moves and ends. */
@Injectable()
export class FloorService implements ConferenceSection {
  constructor(
    private readonly changes: ConferenceChanges,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  /** The holder for everyone; the queue whole for the leaders, a site's own requests for a site. */
  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ floor: FloorState }> {
    return { floor: stateFor(await this.views(em, conference.id), scope) };
  }

  request(user: AuthUser, conferenceId: string, dto: FloorRequestRequestDto): Promise<FloorRequestView> {
    return this.changes.run({ user, conferenceId, permission: 'floor.request', siteId: dto.siteId }, async (ctx) => {
      assertLive(ctx.conference.status, 'ask for the floor');
      await this.assertSpeaker(ctx, user, dto);
      if (dto.sectionId) await this.assertSection(ctx.em, conferenceId, dto.sectionId);
      let requestId = '';
      const outcome = await this.change(ctx, 'floor.request', async (open) => {
        const saved = await ctx.em.save(FloorRequestEntity, {
          conferenceId, siteId: dto.siteId, participantId: dto.participantId ?? null, note: dto.note ?? null, status: 'queued',
          position: enqueuePosition(open, dto.siteId, dto.participantId ?? null), requestedBy: user.id, requestedAt: ctx.now,
          grantedAt: null, endedAt: null, spokenSeconds: null, sectionId: dto.sectionId ?? null, limitSeconds: null,
        });
        requestId = saved.id;
        return { details: { requestId, siteId: dto.siteId, participantId: dto.participantId ?? null, sectionId: dto.sectionId ?? null } };
      });
      const view = outcome.events.flatMap((e) => (e.type === 'floor.requests' ? e.data.requests : [])).find((r) => r.id === requestId)!;
      return { ...outcome, result: view };
    });
  }

  withdraw(user: AuthUser, conferenceId: string, requestId: string): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'conference.view' }, (ctx) =>
      this.change(ctx, 'floor.withdraw', async (open) => {
        const entry = open.find((r) => r.id === requestId) ?? (await this.find(ctx.em, conferenceId, requestId));
        // The chair may withdraw any request; site staff only their site's; a delegate only their own.
        const own = entry.participantId !== null && (await this.isUser(ctx.em, entry.participantId, user.id));
        if (!can(ctx.roles, 'floor.control') && !can(ctx.roles, 'attendance.check', entry.siteId) && !own) {
          throw forbidden('ROLE_FORBIDDEN', 'Only the chair, the staff of the requesting site or the speaker can withdraw this request.');
        }
        await this.save(ctx.em, withdraw([entry], requestId, ctx.now));
        return { details: { requestId } };
      }),
    );
  }

  move(user: AuthUser, conferenceId: string, requestId: string, position: number): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, (ctx) =>
      this.change(ctx, 'floor.move', async (open) => {
        if (!open.some((r) => r.id === requestId)) await this.find(ctx.em, conferenceId, requestId); // 404 vs 409
        await this.save(ctx.em, move(open, requestId, position));
        return { details: { requestId, position } };
      }),
    );
  }

  grant(user: AuthUser, conferenceId: string, requestId: string): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, (ctx) =>
      this.change(ctx, 'floor.grant', async (open) => {
        assertLive(ctx.conference.status, 'give the floor');
        if (!open.some((r) => r.id === requestId)) await this.find(ctx.em, conferenceId, requestId);
        const changes = grant(open, requestId, ctx.now);
        await this.save(ctx.em, changes); // the ended holder is saved first: one speaker at a time (unique index)
        return { details: { requestId }, floorEvents: changes.map((c) => floorEvent(c.status === 'speaking' ? 'granted' : 'ended', c, ctx.now)) };
      }),
    );
  }

  /** The chair sets (or clears) a waiting or speaking request's speaking-time limit; every site sees the holder's countdown. */
  setLimit(user: AuthUser, conferenceId: string, requestId: string, dto: FloorLimitRequestDto): Promise<FloorState> {
    const limitSeconds = dto.limitSeconds ?? null;
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, (ctx) =>
      this.change(ctx, 'floor.limit', async (open) => {
        const entry = open.find((r) => r.id === requestId) ?? (await this.find(ctx.em, conferenceId, requestId));
        if (entry.status !== 'queued' && entry.status !== 'speaking') {
          throw conflict('FLOOR_REQUEST_CLOSED', `Cannot set a time limit for this request because it is ${entry.status}.`);
        }
        await ctx.em.update(FloorRequestEntity, { id: entry.id }, { limitSeconds });
        return { details: { requestId, limitSeconds } };
      }),
    );
  }

  end(user: AuthUser, conferenceId: string): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, (ctx) =>
      this.change(ctx, 'floor.end', async (open) => {
        const [ended] = endFloor(open, ctx.now);
        await this.save(ctx.em, [ended]);
        return { details: { requestId: ended.id }, floorEvents: [floorEvent('ended', ended, ctx.now)] };
      }),
    );
  }

  /** Ends the current turn, if any, inside another change (adjourning or ending the conference). */
  async closeTurn(ctx: ChangeContext): Promise<{ events: ChangeEvent[]; outbox: OutboxItem[] }> {
    const open = await ctx.em.find(FloorRequestEntity, { where: { conferenceId: ctx.conference.id, status: OPEN } });
    if (!holder(open)) return { events: [], outbox: [] };
    const { events, outbox } = await this.change(ctx, 'floor.end', async () => {
      const [ended] = endFloor(open, ctx.now);
      await this.save(ctx.em, [ended]);
      return { details: {}, floorEvents: [floorEvent('ended', ended, ctx.now)] };
    });
    return { events, outbox: outbox ?? [] };
  }

  /**
   * Runs one floor change and says what changed, request by request: each site hears of its own
   * requests (their status and place), everyone of the holder, the media gateway of grants and ends.
   */
  private async change(
    ctx: ChangeContext,
    action: AuditAction,
    work: (open: FloorRequestEntity[]) => Promise<{ details: Record<string, unknown>; floorEvents?: FloorEvent[] }>,
  ): Promise<ChangeOutcome<FloorState>> {
    const conferenceId = ctx.conference.id;
    const before = await this.views(ctx.em, conferenceId);
    const { details, floorEvents = [] } = await work(await ctx.em.find(FloorRequestEntity, { where: { conferenceId, status: OPEN } }));
    const after = await this.views(ctx.em, conferenceId);
    const closedIds = [...before.keys()].filter((id) => !after.has(id));
    const closed = closedIds.length ? await this.views(ctx.em, conferenceId, closedIds) : new Map();
    const changed = [...after.values(), ...closed.values()].filter((v) => JSON.stringify(before.get(v.id)) !== JSON.stringify(v));
    const bySite = new Map<string, FloorRequestView[]>();
    for (const view of changed) bySite.set(view.siteId, [...(bySite.get(view.siteId) ?? []), view]);
    const events: ChangeEvent[] = [...bySite].map(([siteId, requests]) => ({
      audience: { kind: 'site', siteId }, type: 'floor.requests', data: { requests },
    }));
    const holderBefore = [...before.values()].find((v) => v.status === 'speaking') ?? null;
    const holderAfter = [...after.values()].find((v) => v.status === 'speaking') ?? null;
    if (JSON.stringify(holderBefore) !== JSON.stringify(holderAfter)) events.push({ audience: { kind: 'conference' }, type: 'floor.holder', data: { holder: holderAfter } });
    // The media gateway keeps the next speakers' video warm: tell it when they change.
    const next = nextSites(after);
    const payloads: Array<FloorEvent | FloorQueueEvent> = [...floorEvents];
    if (next.join() !== nextSites(before).join()) payloads.push({ v: 1, kind: 'queue', conferenceId, next, at: ctx.now.toISOString() });
    return {
      result: stateFor(after, ctx.scope),
      events,
      audit: { action, details },
      // Immediate: published at commit (a floor switch waits for it), the outbox being the retry.
      outbox: payloads.map((payload) => ({ kind: 'redis', channel: RedisChannel.Floor, payload, immediate: true })),
    };
  }

  /** The open requests (or the given ones), with the speaker's and the site's names and the place in the queue. */
  private async views(em: EntityManager, conferenceId: string, ids?: string[]): Promise<Views> {
    const query = em.createQueryBuilder(FloorRequestEntity, 'r')
      .innerJoin(SiteEntity, 's', 's.id = r.site_id')
      .leftJoin(ParticipantEntity, 'p', 'p.id = r.participant_id')
      .leftJoin('users', 'u', 'u.id = p.user_id')
      .leftJoin(DraftSectionEntity, 'ds', 'ds.id = r.section_id')
      .leftJoin(DraftVersionEntity, 'dv', 'dv.id = ds.version_id')
      .leftJoin(DraftEntity, 'd', 'd.id = dv.draft_id')
      .addSelect(['s.name AS "siteName"', 'COALESCE(u.full_name, s.name) AS "speakerName"'])
      .addSelect(['d.id AS "draftId"', 'd.title AS "draftTitle"', 'ds.label AS "sectionLabel"', 'ds.heading AS "sectionHeading"'])
      .where('r.conference_id = :conferenceId', { conferenceId });
    if (ids) query.andWhere('r.id IN (:...ids)', { ids });
    else query.andWhere("r.status IN ('queued', 'speaking')");
    const { entities, raw } = await query.getRawAndEntities<{
      r_id: string; siteName: string; speakerName: string; draftId: string | null; draftTitle: string; sectionLabel: string; sectionHeading: string;
    }>();
    const names = new Map(raw.map((row) => [row.r_id, row]));
    const places = new Map(queued(entities).map((e, i) => [e.id, i + 1]));
    return new Map(entities.map((r) => {
      const row = names.get(r.id)!;
      const section = r.sectionId && row.draftId
        ? { id: r.sectionId, draftId: row.draftId, draftTitle: row.draftTitle, label: row.sectionLabel, heading: row.sectionHeading }
        : null;
      return [r.id, {
        id: r.id, siteId: r.siteId, siteName: row.siteName, participantId: r.participantId, speakerName: row.speakerName, note: r.note,
        status: r.status, requestedAt: r.requestedAt.toISOString(), grantedAt: isoOrNull(r.grantedAt), endedAt: isoOrNull(r.endedAt),
        spokenSeconds: r.spokenSeconds, place: ids ? null : (places.get(r.id) ?? null), section, limitSeconds: r.limitSeconds,
      }];
    }));
  }

  private async save(em: EntityManager, entries: FloorRequestEntity[]): Promise<void> {
    for (const e of entries) {
      await em.update(FloorRequestEntity, { id: e.id }, {
        status: e.status, position: e.position, grantedAt: e.grantedAt, endedAt: e.endedAt, spokenSeconds: e.spokenSeconds,
      });
    }
  }

  private async find(em: EntityManager, conferenceId: string, requestId: string): Promise<FloorRequestEntity> {
    const entry = await em.findOne(FloorRequestEntity, { where: { id: requestId, conferenceId } });
    if (!entry) throw notFound('FLOOR_REQUEST_NOT_FOUND', `Floor request ${requestId} does not exist in this conference.`);
    return entry;
  }

  /** A topic section must be in the current version of a draft put to this conference. */
  private async assertSection(em: EntityManager, conferenceId: string, sectionId: string): Promise<void> {
    const current = await em.createQueryBuilder(DraftSectionEntity, 'ds')
      .innerJoin(DraftVersionEntity, 'dv', 'dv.id = ds.version_id')
      .innerJoin(DraftEntity, 'd', 'd.id = dv.draft_id AND d.current_version = dv.version')
      .where('ds.id = :sectionId AND d.conference_id = :conferenceId', { sectionId, conferenceId })
      .getExists();
    if (!current) throw invalid('FLOOR_SECTION_UNKNOWN', 'names no section of a current draft of this conference', 'sectionId');
  }

  private isUser(em: EntityManager, participantId: string, userId: string): Promise<boolean> {
    return em.exists(ParticipantEntity, { where: { id: participantId, userId } });
  }

  /** The site must be this conference's; a named speaker must be a delegate of that site. */
  private async assertSpeaker(ctx: ChangeContext, user: AuthUser, dto: FloorRequestRequestDto): Promise<void> {
    const conferenceId = ctx.conference.id;
    if (!(await ctx.em.exists(SiteEntity, { where: { id: dto.siteId, conferenceId } }))) {
      throw notFound('SITE_NOT_FOUND', `Site ${dto.siteId} does not exist in this conference.`);
    }
    if (!dto.participantId) return;
    const delegate = await ctx.em.findOne(ParticipantEntity, { where: { id: dto.participantId, conferenceId } });
    if (!delegate) throw notFound('PARTICIPANT_NOT_FOUND', `Participant ${dto.participantId} does not exist in this conference.`);
    if (delegate.siteId !== dto.siteId || delegate.role !== 'delegate') {
      throw invalid('SPEAKER_NOT_AT_SITE', 'must be a delegate attending at siteId', 'participantId');
    }
    // A delegate asks only for themself; site staff and chairs ask for anyone at the site.
    if (!can(ctx.roles, 'attendance.check', dto.siteId) && delegate.userId !== user.id) {
      throw forbidden('ROLE_FORBIDDEN', 'A delegate can ask for the floor only for themself.');
    }
  }
}

function stateFor(views: Views, scope: ViewerScope): FloorState {
  const open = [...views.values()];
  return {
    holder: open.find((r) => r.status === 'speaking') ?? null,
    queue: open.filter((r) => r.status === 'queued' && seesSite(scope, r.siteId)).sort((a, b) => a.place! - b.place!),
  };
}

/** The first FLOOR_QUEUE_HEAD sites waiting for the floor, each once, in queue order. */
function nextSites(views: Views): string[] {
  const waiting = [...views.values()].filter((r) => r.status === 'queued').sort((a, b) => a.place! - b.place!);
  return [...new Set(waiting.map((r) => r.siteId))].slice(0, FLOOR_QUEUE_HEAD);
}

function floorEvent(kind: FloorEvent['kind'], r: FloorRequestEntity, now: Date): FloorEvent {
  return { v: 1, kind, conferenceId: r.conferenceId, requestId: r.id, siteId: r.siteId, participantId: r.participantId, at: now.toISOString() };
}
