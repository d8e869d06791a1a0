import { Injectable } from '@nestjs/common';
import { FloorRequestEntity, ParticipantEntity, SiteEntity } from '@hoinghi/database';
import { assertLive, can, endFloor, enqueuePosition, forbidden, grant, holder, invalid, move, notFound, withdraw } from '@hoinghi/domain';
import type { FloorEvent, FloorRequestView, FloorState } from '@hoinghi/contracts';
import { EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { BusPublisher } from '../bus/bus-publisher';
import { ChangeContext, ConferenceChanges } from '../realtime/conference-changes.service';
import { SnapshotService } from '../realtime/snapshot.service';
import { FloorRequestRequestDto } from './dto/floor.dto';

const OPEN = In(['queued', 'speaking']);

/** Who has the floor and who waits: requests queue in order, the chair grants, moves and ends. */
@Injectable()
export class FloorService {
  constructor(
    private readonly changes: ConferenceChanges,
    private readonly snapshots: SnapshotService,
    private readonly bus: BusPublisher,
  ) {}

  request(user: AuthUser, conferenceId: string, dto: FloorRequestRequestDto): Promise<FloorRequestView> {
    return this.changes.run({ user, conferenceId, permission: 'floor.request', siteId: dto.siteId }, async (ctx) => {
      assertLive(ctx.conference.status, 'ask for the floor');
      await this.assertSpeaker(ctx, user, dto);
      const open = await ctx.em.find(FloorRequestEntity, { where: { conferenceId, status: OPEN } });
      const position = enqueuePosition(open, dto.siteId, dto.participantId ?? null);
      const saved = await ctx.em.save(FloorRequestEntity, {
        conferenceId, siteId: dto.siteId, participantId: dto.participantId ?? null, note: dto.note ?? null, status: 'queued',
        position, requestedBy: user.id, requestedAt: ctx.now, grantedAt: null, endedAt: null, spokenSeconds: null,
      });
      const floor = await this.snapshots.floor(ctx.em, conferenceId);
      return {
        result: floor.queue.find((r) => r.id === saved.id)!,
        changed: ['floor'],
        audit: { action: 'floor.request', details: { requestId: saved.id, siteId: dto.siteId, participantId: dto.participantId ?? null } },
      };
    });
  }

  withdraw(user: AuthUser, conferenceId: string, requestId: string): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'conference.view' }, async (ctx) => {
      const entry = await this.find(ctx.em, conferenceId, requestId);
      // The chair may withdraw any request; site staff and delegates only their site's.
      if (!can(ctx.roles, 'floor.control') && !can(ctx.roles, 'floor.request', entry.siteId)) {
        throw forbidden('ROLE_FORBIDDEN', 'Only the chair or the requesting site can withdraw this request.');
      }
      await this.save(ctx.em, withdraw([entry], requestId, ctx.now));
      return this.floorOutcome(ctx, 'floor.withdraw', { requestId });
    });
  }

  move(user: AuthUser, conferenceId: string, requestId: string, position: number): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, async (ctx) => {
      const open = await ctx.em.find(FloorRequestEntity, { where: { conferenceId, status: OPEN } });
      if (!open.some((r) => r.id === requestId)) await this.find(ctx.em, conferenceId, requestId); // 404 vs 409
      await this.save(ctx.em, move(open, requestId, position));
      return this.floorOutcome(ctx, 'floor.move', { requestId, position });
    });
  }

  grant(user: AuthUser, conferenceId: string, requestId: string): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, async (ctx) => {
      assertLive(ctx.conference.status, 'give the floor');
      const open = await ctx.em.find(FloorRequestEntity, { where: { conferenceId, status: OPEN } });
      if (!open.some((r) => r.id === requestId)) await this.find(ctx.em, conferenceId, requestId);
      const changes = grant(open, requestId, ctx.now);
      await this.save(ctx.em, changes); // the ended holder is saved first: one speaker at a time (unique index)
      const events = changes.map((c) => this.floorEvent(c.status === 'speaking' ? 'granted' : 'ended', c, ctx.now));
      return this.floorOutcome(ctx, 'floor.grant', { requestId }, events);
    });
  }

  end(user: AuthUser, conferenceId: string): Promise<FloorState> {
    return this.changes.run({ user, conferenceId, permission: 'floor.control' }, async (ctx) => {
      const open = await ctx.em.find(FloorRequestEntity, { where: { conferenceId, status: OPEN } });
      const changes = endFloor(open, ctx.now);
      await this.save(ctx.em, changes);
      return this.floorOutcome(ctx, 'floor.end', { requestId: changes[0].id }, [this.floorEvent('ended', changes[0], ctx.now)]);
    });
  }

  /** Ends the current turn, if any, inside another change (adjourning or ending the conference). */
  async closeTurn(ctx: ChangeContext): Promise<FloorEvent | null> {
    const open = await ctx.em.find(FloorRequestEntity, { where: { conferenceId: ctx.conference.id, status: OPEN } });
    if (!holder(open)) return null;
    const [ended] = endFloor(open, ctx.now);
    await this.save(ctx.em, [ended]);
    return this.floorEvent('ended', ended, ctx.now);
  }

  publish(events: FloorEvent[]): () => Promise<void> {
    return async () => {
      for (const event of events) await this.bus.publishFloor(event);
    };
  }

  private async floorOutcome(ctx: ChangeContext, action: string, details: Record<string, unknown>, events: FloorEvent[] = []) {
    return {
      result: await this.snapshots.floor(ctx.em, ctx.conference.id),
      changed: ['floor' as const],
      audit: { action, details },
      afterCommit: events.length ? this.publish(events) : undefined,
    };
  }

  private floorEvent(kind: FloorEvent['kind'], r: FloorRequestEntity, now: Date): FloorEvent {
    return { v: 1, kind, conferenceId: r.conferenceId, requestId: r.id, siteId: r.siteId, participantId: r.participantId, at: now.toISOString() };
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
