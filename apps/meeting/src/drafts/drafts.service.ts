import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AgendaItemEntity, ConferenceEntity, consolidation, ConsolidationPointEntity, DraftEntity, DraftSectionEntity, DraftVersionEntity, UserEntity,
} from '@hoinghi/database';
import {
  assertAbsorbable, diffSections, invalid, nextConsultationState, notFound, POINT_AUDIENCES, splitIntoSections, type DraftBlock,
  type DraftSectionPart,
} from '@hoinghi/domain';
import type { ChangeEvent } from '@hoinghi/change-log';
import {
  type AuditAction,
  DRAFT_LIMITS, type DraftDiffView, type DraftSectionView, type DraftSource, type DraftSummary, type DraftVersionView,
} from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ChangeOutcome, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';

/** A version's content as the secretariat hands it over: a .docx already read, or pasted text. */
export interface DraftContent {
  source: DraftSource;
  fileName: string | null;
  blocks: DraftBlock[];
  note?: string;
  /** Consolidation points of the draft this version absorbs (the version records them). */
  absorbedPointIds?: string[];
}

/** Drafts (dự thảo): the secretariat puts them to the conference as numbered sections, version after version. */
@Injectable()
export class DraftsService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  async readSection(em: EntityManager, conference: ConferenceEntity): Promise<{ drafts: DraftSummary[] }> {
    const drafts = await em.find(DraftEntity, { where: { conferenceId: conference.id }, order: { createdAt: 'ASC' } });
    return { drafts: await this.summaries(em, drafts) };
  }

  create(user: AuthUser, conferenceId: string, meta: { title: string; agendaItemId?: string }, content: DraftContent): Promise<DraftVersionView> {
    const sections = sectionsOf(content.blocks);
    return this.changes.run({ user, conferenceId, permission: 'drafts.manage' }, async (ctx) => {
      if (meta.agendaItemId && !(await ctx.em.exists(AgendaItemEntity, { where: { id: meta.agendaItemId, conferenceId } }))) {
        throw notFound('AGENDA_ITEM_NOT_FOUND', `Agenda item ${meta.agendaItemId} does not exist in this conference.`);
      }
      const draft = await ctx.em.save(DraftEntity, ctx.em.create(DraftEntity, {
        conferenceId, agendaItemId: meta.agendaItemId ?? null, title: meta.title.trim(), currentVersion: 1, consultation: 'not_open',
      }));
      return this.publish(ctx, user, draft, content, sections, 'draft.create');
    });
  }

  newVersion(user: AuthUser, conferenceId: string, draftId: string, content: DraftContent): Promise<DraftVersionView> {
    const sections = sectionsOf(content.blocks);
    return this.changes.run({ user, conferenceId, permission: 'drafts.manage' }, async (ctx) => {
      const draft = await this.draft(ctx.em, conferenceId, draftId);
      draft.currentVersion += 1;
      await ctx.em.update(DraftEntity, { id: draft.id }, { currentVersion: draft.currentVersion });
      const absorbed = await this.absorb(ctx, draft, content.absorbedPointIds ?? []);
      const outcome = await this.publish(ctx, user, draft, content, sections, 'draft.version');
      return { ...outcome, events: [...outcome.events, ...absorbed], audit: { ...outcome.audit, details: { ...outcome.audit.details, absorbedPointIds: content.absorbedPointIds ?? [] } } };
    });
  }

  /** The points the new version absorbs record it; the leaders see them change (`point.changed`). */
  private async absorb(ctx: ChangeContext, draft: DraftEntity, pointIds: string[]): Promise<ChangeEvent[]> {
    if (!pointIds.length) return [];
    const ids = [...new Set(pointIds)];
    const points = await ctx.em.find(ConsolidationPointEntity, { where: { id: In(ids), conferenceId: draft.conferenceId } });
    assertAbsorbable(draft.id, ids, points);
    await ctx.em.update(ConsolidationPointEntity, { id: In(ids) }, { absorbedInVersion: draft.currentVersion, updatedAt: ctx.now });
    const views = await consolidation.views(ctx.em, points.map((p) => ({ ...p, absorbedInVersion: draft.currentVersion, updatedAt: ctx.now })));
    return views.flatMap((point) => POINT_AUDIENCES.map((audience): ChangeEvent => ({ audience, type: 'point.changed', data: { point } })));
  }

  /** The chair opens or closes the consultation on a draft; every site sees its state (`draft.updated`). */
  consultation(user: AuthUser, conferenceId: string, draftId: string, action: 'open' | 'close'): Promise<DraftSummary> {
    return this.changes.run({ user, conferenceId, permission: 'consultation.control' }, async (ctx) => {
      const draft = await this.draft(ctx.em, conferenceId, draftId);
      const from = draft.consultation;
      draft.consultation = nextConsultationState(from, action);
      await ctx.em.update(DraftEntity, { id: draft.id }, { consultation: draft.consultation, updatedAt: ctx.now });
      const [summary] = await this.summaries(ctx.em, [{ ...draft, updatedAt: ctx.now }]);
      return {
        result: summary,
        events: [{ audience: { kind: 'conference' }, type: 'draft.updated', data: { draft: summary } }],
        audit: { action: `consultation.${action}`, details: { draftId, from, to: draft.consultation } },
      };
    });
  }

  async list(user: AuthUser, conferenceId: string): Promise<DraftSummary[]> {
    await this.sync.scopeOf(user, conferenceId);
    const em = this.dataSource.manager;
    return this.summaries(em, await em.find(DraftEntity, { where: { conferenceId }, order: { createdAt: 'ASC' } }));
  }

  async version(user: AuthUser, conferenceId: string, draftId: string, version?: number): Promise<DraftVersionView> {
    await this.sync.scopeOf(user, conferenceId);
    const em = this.dataSource.manager;
    const draft = await this.draft(em, conferenceId, draftId);
    return this.versionView(em, draft, version ?? draft.currentVersion);
  }

  async diff(user: AuthUser, conferenceId: string, draftId: string, from: number, to: number): Promise<DraftDiffView> {
    await this.sync.scopeOf(user, conferenceId);
    const em = this.dataSource.manager;
    const draft = await this.draft(em, conferenceId, draftId);
    const [before, after] = [await this.versionView(em, draft, from), await this.versionView(em, draft, to)];
    // The domain compares outlines; the sections' ids come back by position.
    const part = (s: DraftSectionView, all: DraftSectionView[]): DraftSectionPart => ({
      ...s, parentPosition: s.parentId ? all.find((p) => p.id === s.parentId)!.position : null,
    });
    const byPosition = (all: DraftSectionView[]) => new Map(all.map((s) => [s.position, s]));
    const [old, fresh] = [byPosition(before.sections), byPosition(after.sections)];
    const changes = diffSections(before.sections.map((s) => part(s, before.sections)), after.sections.map((s) => part(s, after.sections)))
      .map((c) => {
        if (c.change === 'added') return { change: c.change, after: fresh.get(c.after.position)! };
        if (c.change === 'removed') return { change: c.change, before: old.get(c.before.position)! };
        return { change: c.change, before: old.get(c.before.position)!, after: fresh.get(c.after.position)! };
      });
    return { draftId, from, to, changes };
  }

  private async publish(
    ctx: ChangeContext, user: AuthUser, draft: DraftEntity, content: DraftContent, sections: DraftSectionPart[], action: AuditAction,
  ): Promise<ChangeOutcome<DraftVersionView>> {
    const version = await ctx.em.save(DraftVersionEntity, ctx.em.create(DraftVersionEntity, {
      draftId: draft.id, version: draft.currentVersion, source: content.source, fileName: content.fileName, note: content.note?.trim() ?? '',
      createdBy: user.id,
    }));
    const ids = new Map(sections.map((s) => [s.position, randomUUID()]));
    await ctx.em.insert(DraftSectionEntity, sections.map((s) => ({
      id: ids.get(s.position), versionId: version.id, position: s.position, label: s.label.slice(0, 60), heading: s.heading.slice(0, 1000),
      text: s.text, level: s.level, parentId: s.parentPosition === null ? null : ids.get(s.parentPosition)!,
    })));
    const [summary] = await this.summaries(ctx.em, [{ ...draft, updatedAt: ctx.now }]);
    return {
      result: await this.versionView(ctx.em, draft, draft.currentVersion),
      events: [{ audience: { kind: 'conference' }, type: 'draft.published', data: { draft: summary } }],
      audit: { action, details: { draftId: draft.id, version: draft.currentVersion, sections: sections.length, source: content.source, fileName: content.fileName } },
    };
  }

  private async draft(em: EntityManager, conferenceId: string, draftId: string): Promise<DraftEntity> {
    const draft = await em.findOne(DraftEntity, { where: { id: draftId, conferenceId } });
    if (!draft) throw notFound('DRAFT_NOT_FOUND', `Draft ${draftId} does not exist in this conference.`);
    return draft;
  }

  private async versionView(em: EntityManager, draft: DraftEntity, number: number): Promise<DraftVersionView> {
    const version = await em.findOne(DraftVersionEntity, { where: { draftId: draft.id, version: number } });
    if (!version) throw notFound('DRAFT_VERSION_NOT_FOUND', `Draft ${draft.id} has no version ${number}.`);
    const [sections, author, absorbed] = [
      await em.find(DraftSectionEntity, { where: { versionId: version.id }, order: { position: 'ASC' } }),
      await em.findOneBy(UserEntity, { id: version.createdBy }),
      await em.find(ConsolidationPointEntity, { where: { draftId: draft.id, absorbedInVersion: number }, order: { createdAt: 'ASC' } }),
    ];
    return {
      draftId: draft.id, title: draft.title, agendaItemId: draft.agendaItemId, version: version.version, source: version.source,
      fileName: version.fileName, note: version.note, createdAt: version.createdAt.toISOString(), createdByName: author?.fullName ?? '',
      sections: sections.map((s) => ({ id: s.id, position: s.position, label: s.label, heading: s.heading, text: s.text, level: s.level, parentId: s.parentId })),
      absorbedPoints: absorbed.map((p) => ({ id: p.id, summary: p.summary, sectionLabel: p.sectionLabel, disposition: p.disposition })),
    };
  }

  private async summaries(em: EntityManager, drafts: Array<Pick<DraftEntity, 'id' | 'agendaItemId' | 'title' | 'currentVersion' | 'consultation' | 'updatedAt'>>): Promise<DraftSummary[]> {
    if (!drafts.length) return [];
    const counts = await em.query(
      `SELECT v.draft_id AS "draftId", count(s.id)::int AS n FROM draft_versions v JOIN drafts d ON d.id = v.draft_id AND d.current_version = v.version
         LEFT JOIN draft_sections s ON s.version_id = v.id WHERE v.draft_id = ANY($1) GROUP BY v.draft_id`,
      [drafts.map((d) => d.id)],
    ) as { draftId: string; n: number }[];
    return drafts.map((d) => ({
      id: d.id, agendaItemId: d.agendaItemId, title: d.title, currentVersion: d.currentVersion,
      sectionCount: counts.find((c) => c.draftId === d.id)?.n ?? 0, consultation: d.consultation, updatedAt: d.updatedAt.toISOString(),
    }));
  }
}

/** The sections of a version, refused when there is nothing to comment on or too much. */
function sectionsOf(blocks: DraftBlock[]): DraftSectionPart[] {
  const sections = splitIntoSections(blocks);
  if (!sections.length) throw invalid('DRAFT_EMPTY', 'has no text', 'text');
  const chars = sections.reduce((n, s) => n + s.heading.length + s.text.length, 0);
  if (sections.length > DRAFT_LIMITS.sections || chars > DRAFT_LIMITS.textChars) {
    throw invalid('DRAFT_TOO_LONG', `must have at most ${DRAFT_LIMITS.sections} sections and ${DRAFT_LIMITS.textChars} characters`, 'text');
  }
  return sections;
}
