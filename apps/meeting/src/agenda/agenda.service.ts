import { Injectable } from '@nestjs/common';
import { AgendaItemEntity, ConferenceEntity } from '@hoinghi/database';
import {
  advance, agendaAsSeen, AgendaExpectation, agendaReason, AgendaTransition, assertEditable, assertLive, assertRoomFor, completeItem, reopenItem, reorder,
  skipItem, stale, startItem,
} from '@hoinghi/domain';
import type { AuditAction, AgendaChangedBy, AgendaItemView } from '@hoinghi/contracts';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ConferenceChanges, ChangeOutcome } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { lastChangeBy } from '../change-log/last-change';
import { AgendaItemControlRequestDto, AgendaItemRequestDto } from './dto/agenda.dto';
import { isoOrNull } from '../common/dates';

const RULES = { start: startItem, complete: completeItem, skip: skipItem, reopen: (items: AgendaItemEntity[], id: string) => reopenItem(items, id) };

/** Runs the agenda: one item in progress at a time, reorderable until an item starts. */
@Injectable()
export class AgendaService implements ConferenceSection {
  constructor(
    private readonly changes: ConferenceChanges,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  async readSection(em: EntityManager, conference: ConferenceEntity): Promise<{ agenda: AgendaItemView[] }> {
    return { agenda: (await em.find(AgendaItemEntity, { where: { conferenceId: conference.id }, order: { position: 'ASC' } })).map(itemView) };
  }

  add(user: AuthUser, conferenceId: string, dto: AgendaItemRequestDto): Promise<AgendaItemView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'add an agenda item');
      assertRoomFor('agendaItems', await ctx.em.count(AgendaItemEntity, { where: { conferenceId } }));
      const last = (await ctx.em.maximum(AgendaItemEntity, 'position', { conferenceId })) ?? 0;
      const saved = await ctx.em.save(AgendaItemEntity, ctx.em.create(AgendaItemEntity, {
        conferenceId, position: last + 1, title: dto.title.trim(), kind: dto.kind, presenter: dto.presenter?.trim() ?? '',
        plannedMinutes: dto.plannedMinutes, state: 'pending',
      }));
      const item = itemView(saved);
      return { result: item, events: [changed([item])], audit: { action: 'agenda.add', details: { itemId: saved.id, title: saved.title } } };
    });
  }

  reorder(user: AuthUser, conferenceId: string, itemIds: string[]): Promise<AgendaItemView[]> {
    return this.changes.run({ user, conferenceId, permission: 'conference.manage' }, async (ctx) => {
      assertEditable(ctx.conference.status, 'reorder the agenda');
      return this.apply(ctx, reorder(await this.items(ctx), itemIds), 'agenda.reorder', { itemIds });
    });
  }

  next(user: AuthUser, conferenceId: string, expected: AgendaExpectation | null): Promise<AgendaItemView[]> {
    return this.changes.run({ user, conferenceId, permission: 'agenda.control' }, async (ctx) => {
      assertLive(ctx.conference.status, 'move to the next agenda item');
      const items = await this.asSeen(ctx, expected);
      return this.apply(ctx, advance(items, ctx.now), 'agenda.next', {});
    });
  }

  /** One item's transition, as the chair saw it (`expectedState`); skip and reopen keep their reason on the item. */
  transition(user: AuthUser, conferenceId: string, itemId: string, transition: AgendaTransition, dto: AgendaItemControlRequestDto = {}): Promise<AgendaItemView[]> {
    return this.changes.run({ user, conferenceId, permission: 'agenda.control' }, async (ctx) => {
      assertLive(ctx.conference.status, `${transition} an agenda item`);
      const items = await this.asSeen(ctx, dto.expectedState ? { itemId, state: dto.expectedState } : null);
      const changes = RULES[transition](items, itemId, ctx.now);
      const reason = agendaReason(transition, dto.reason);
      const withReason = reason ? changes.map((c) => ({ ...c, stateReason: reason })) : changes;
      return this.apply(ctx, withReason, `agenda.${transition}`, reason ? { itemId, reason } : { itemId });
    });
  }

  /**
   * The agenda, if it is still as the caller saw it; else 409 AGENDA_CHANGED naming who changed it
   * last and when (from the audit trail), with the agenda as it is now.
   */
  private async asSeen(ctx: ChangeContext, expected: AgendaExpectation | null): Promise<AgendaItemEntity[]> {
    const items = await this.items(ctx);
    if (agendaAsSeen(items, expected)) return items;
    const last = await lastChangeBy(ctx.em, ctx.conference.id, 'agenda.');
    const changedBy: AgendaChangedBy = { ...last, agenda: (await this.readSection(ctx.em, ctx.conference)).agenda };
    throw stale('AGENDA_CHANGED', `The agenda changed since you saw it${last.name ? ` (${last.name}, ${last.at})` : ''}; nothing was done. Look at it again and choose.`, changedBy);
  }

  private items(ctx: ChangeContext): Promise<AgendaItemEntity[]> {
    return ctx.em.find(AgendaItemEntity, { where: { conferenceId: ctx.conference.id } });
  }

  /** Answers with the whole agenda (the caller redraws it), but the change carries only the items that moved. */
  private async apply(ctx: ChangeContext, changes: AgendaItemEntity[], action: AuditAction, details: Record<string, unknown>): Promise<ChangeOutcome<AgendaItemView[]>> {
    // Items leaving 'active' are written before the one entering it (one active item: unique index).
    const ordered = [...changes].sort((a, b) => Number(a.state === 'active') - Number(b.state === 'active'));
    for (const item of ordered) {
      await ctx.em.update(AgendaItemEntity, { id: item.id }, {
        state: item.state, position: item.position, startedAt: item.startedAt, endedAt: item.endedAt, stateReason: item.stateReason,
      });
    }
    const agenda = (await this.readSection(ctx.em, ctx.conference)).agenda;
    const moved = new Set(changes.map((c) => c.id));
    return { result: agenda, events: [changed(agenda.filter((i) => moved.has(i.id)))], audit: { action, details } };
  }
}

const changed = (items: AgendaItemView[]) => ({ audience: { kind: 'conference' as const }, type: 'agenda.changed' as const, data: { items } });

function itemView(i: AgendaItemEntity): AgendaItemView {
  return {
    id: i.id, position: i.position, title: i.title, kind: i.kind, presenter: i.presenter, plannedMinutes: i.plannedMinutes,
    state: i.state, startedAt: isoOrNull(i.startedAt), endedAt: isoOrNull(i.endedAt), stateReason: i.stateReason,
  };
}
