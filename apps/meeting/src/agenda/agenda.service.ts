import { Injectable } from '@nestjs/common';
import { AgendaItemEntity } from '@hoinghi/database';
import { advance, assertEditable, assertLive, completeItem, reorder, skipItem, startItem } from '@hoinghi/domain';
import type { AgendaItemView } from '@hoinghi/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ConferenceChanges } from '../realtime/conference-changes.service';
import { SnapshotService } from '../realtime/snapshot.service';
import { AgendaItemRequestDto } from './dto/agenda.dto';

type Transition = 'start' | 'complete' | 'skip';

/** Runs the agenda: one item in progress at a time, reorderable until an item starts. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly changes: ConferenceChanges,
    private readonly snapshots: SnapshotService,
  ) {}

  add(user: AuthUser, conferenceId: string, dto: AgendaItemRequestDto): Promise<AgendaItemView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'add an agenda item');
      const last = (await ctx.em.maximum(AgendaItemEntity, 'position', { conferenceId })) ?? 0;
      const saved = await ctx.em.save(AgendaItemEntity, ctx.em.create(AgendaItemEntity, {
        conferenceId, position: last + 1, title: dto.title.trim(), kind: dto.kind, presenter: dto.presenter?.trim() ?? '',
        plannedMinutes: dto.plannedMinutes, state: 'pending',
      }));
      const agenda = await this.snapshots.agenda(ctx.em, conferenceId);
      return { result: agenda.find((i) => i.id === saved.id)!, changed: ['agenda'], audit: { action: 'agenda.add', details: { itemId: saved.id, title: saved.title } } };
    });
  }

  reorder(user: AuthUser, conferenceId: string, itemIds: string[]): Promise<AgendaItemView[]> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'reorder the agenda');
      return this.apply(ctx, reorder(await this.items(ctx), itemIds), 'agenda.reorder', { itemIds });
    });
  }

  next(user: AuthUser, conferenceId: string): Promise<AgendaItemView[]> {
    return this.changes.run({ user, conferenceId, permission: 'agenda.control' }, async (ctx) => {
      assertLive(ctx.conference.status, 'move to the next agenda item');
      return this.apply(ctx, advance(await this.items(ctx), ctx.now), 'agenda.next', {});
    });
  }

  transition(user: AuthUser, conferenceId: string, itemId: string, transition: Transition): Promise<AgendaItemView[]> {
    return this.changes.run({ user, conferenceId, permission: 'agenda.control' }, async (ctx) => {
      assertLive(ctx.conference.status, `${transition} an agenda item`);
      const items = await this.items(ctx);
      const rule = { start: startItem, complete: completeItem, skip: skipItem }[transition];
      return this.apply(ctx, rule(items, itemId, ctx.now), `agenda.${transition}`, { itemId });
    });
  }

  private items(ctx: ChangeContext): Promise<AgendaItemEntity[]> {
    return ctx.em.find(AgendaItemEntity, { where: { conferenceId: ctx.conference.id } });
  }

  private async apply(ctx: ChangeContext, changes: AgendaItemEntity[], action: string, details: Record<string, unknown>) {
    // Items leaving 'active' are written before the one entering it (one active item: unique index).
    const ordered = [...changes].sort((a, b) => Number(a.state === 'active') - Number(b.state === 'active'));
    for (const item of ordered) {
      await ctx.em.update(AgendaItemEntity, { id: item.id }, {
        state: item.state, position: item.position, startedAt: item.startedAt, endedAt: item.endedAt,
      });
    }
    return { result: await this.snapshots.agenda(ctx.em, ctx.conference.id), changed: ['agenda' as const], audit: { action, details } };
  }
}
