import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  consolidation, ConsolidationPointCommentEntity, ConsolidationPointEntity, DraftCommentEntity, DraftEntity, DraftSectionEntity,
  type ConferenceEntity,
} from '@hoinghi/database';
import {
  assertGrouping, assertNotAbsorbed, assertNotEmpty, assertResponse, foldVietnamese, invalid, notFound, POINT_AUDIENCES, sectionOfPoint,
} from '@hoinghi/domain';
import type {
  AuditAction,
  ConsolidationPointView, ConsolidationReportView, CreatePointRequest, DocumentJobReceipt, UpdatePointRequest, ViewerScope,
} from '@hoinghi/contracts';
import type { ChangeEvent } from '@hoinghi/change-log';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { DocumentsService } from '../documents/documents.service';

const pointChanged = (point: ConsolidationPointView): ChangeEvent[] =>
  POINT_AUDIENCES.map((audience) => ({ audience, type: 'point.changed', data: { point } }));

/**
 * Consolidation (tổng hợp, tiếp thu, giải trình): the secretariat groups the comments on a draft that
 * say the same thing into points and decides on each; the report counts who raised what. Only the
 * chairs and the secretariat see points (`point.changed`, `point.removed` to the leaders).
 */
@Injectable()
export class ConsolidationService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    private readonly access: AccessService,
    private readonly documents: DocumentsService,
    views: ConferenceViews,
  ) {
    views.register(this);
  }

  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ points: ConsolidationPointView[] }> {
    return { points: scope.leader ? await consolidation.views(em, await consolidation.points(em, conference.id)) : [] };
  }

  async list(user: AuthUser, conferenceId: string, draftId: string): Promise<ConsolidationPointView[]> {
    return this.dataSource.transaction(async (em) => {
      await this.access.authorize(em, user.id, conferenceId, 'consolidation.manage');
      await this.draft(em, conferenceId, draftId);
      return consolidation.views(em, await consolidation.points(em, conferenceId, draftId));
    });
  }

  create(user: AuthUser, conferenceId: string, draftId: string, dto: CreatePointRequest): Promise<ConsolidationPointView> {
    const response = dto.response?.trim() ?? '';
    assertResponse(dto.disposition ?? null, response);
    return this.changes.run({ user, conferenceId, permission: 'consolidation.manage' }, async (ctx) => {
      await this.draft(ctx.em, conferenceId, draftId);
      const comments = await this.comments(ctx.em, conferenceId, dto.commentIds);
      const sectionId = sectionOfPoint(dto.sectionId, comments.filter((c) => c.draftId === draftId));
      const sectionLabel = sectionId ? await this.sectionLabel(ctx.em, draftId, sectionId) : '';
      assertGrouping({ draftId, sectionId }, dto.commentIds, comments, await consolidation.pointOfComments(ctx.em, dto.commentIds), 'commentIds');
      const point = await ctx.em.save(ConsolidationPointEntity, ctx.em.create(ConsolidationPointEntity, {
        conferenceId, draftId, sectionId, sectionLabel, summary: dto.summary.trim(), disposition: dto.disposition ?? null, response,
        absorbedInVersion: null, createdBy: user.id,
      }));
      await ctx.em.insert(ConsolidationPointCommentEntity, [...new Set(dto.commentIds)].map((commentId) => ({ commentId, pointId: point.id })));
      return this.outcome(ctx, point, 'point.create', { comments: dto.commentIds.length });
    });
  }

  update(user: AuthUser, conferenceId: string, pointId: string, dto: UpdatePointRequest): Promise<ConsolidationPointView> {
    return this.changes.run({ user, conferenceId, permission: 'consolidation.manage' }, async (ctx) => {
      const point = await this.point(ctx.em, conferenceId, pointId);
      const adding = dto.addCommentIds ?? [];
      const removing = dto.removeCommentIds ?? [];
      if (adding.length || removing.length) {
        assertNotAbsorbed(point, 'regrouped');
        if (adding.length) {
          const comments = await this.comments(ctx.em, conferenceId, adding);
          assertGrouping(point, adding, comments, await consolidation.pointOfComments(ctx.em, adding), 'addCommentIds');
          await ctx.em.createQueryBuilder().insert().into(ConsolidationPointCommentEntity)
            .values([...new Set(adding)].map((commentId) => ({ commentId, pointId }))).orIgnore().execute();
        }
        if (removing.length) await ctx.em.delete(ConsolidationPointCommentEntity, { pointId, commentId: In(removing) });
        assertNotEmpty(await ctx.em.count(ConsolidationPointCommentEntity, { where: { pointId } }));
      }
      if (dto.summary !== undefined) point.summary = dto.summary.trim();
      if (dto.disposition !== undefined) point.disposition = dto.disposition;
      if (dto.response !== undefined) point.response = dto.response.trim();
      assertResponse(point.disposition, point.response);
      point.updatedAt = ctx.now;
      await ctx.em.update(ConsolidationPointEntity, { id: pointId }, {
        summary: point.summary, disposition: point.disposition, response: point.response, updatedAt: ctx.now,
      });
      return this.outcome(ctx, point, 'point.update', {
        disposition: point.disposition, added: adding.length, removed: removing.length,
      });
    });
  }

  remove(user: AuthUser, conferenceId: string, pointId: string): Promise<void> {
    return this.changes.run({ user, conferenceId, permission: 'consolidation.manage' }, async (ctx) => {
      const point = await this.point(ctx.em, conferenceId, pointId);
      assertNotAbsorbed(point, 'deleted');
      await ctx.em.delete(ConsolidationPointEntity, { id: pointId });
      return {
        result: undefined,
        events: POINT_AUDIENCES.map((audience) => ({ audience, type: 'point.removed' as const, data: { pointId, draftId: point.draftId } })),
        audit: { action: 'point.delete', details: { pointId, draftId: point.draftId, summary: point.summary } },
      };
    });
  }

  async report(user: AuthUser, conferenceId: string, draftId: string): Promise<ConsolidationReportView> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      await this.access.authorize(em, user.id, conferenceId, 'consolidation.manage');
      const report = await consolidation.report(em, conferenceId, draftId);
      if (!report) throw draftNotFound(draftId);
      return report;
    });
  }

  /** The .docx is rendered by the worker: a `documents` row and its job, in one transaction; poll the job id. */
  requestReport(user: AuthUser, conferenceId: string, draftId: string): Promise<DocumentJobReceipt> {
    return this.changes.run({ user, conferenceId, permission: 'consolidation.manage' }, async (ctx) => {
      const draft = await this.draft(ctx.em, conferenceId, draftId);
      return this.documents.queue(ctx, user, { kind: 'consolidation-report', subjectId: draftId, fileName: reportFileName(draft.title, ctx.now) });
    });
  }

  private async outcome(ctx: ChangeContext, point: ConsolidationPointEntity, action: AuditAction, details: Record<string, unknown>) {
    const [view] = await consolidation.views(ctx.em, [point]);
    return { result: view, events: pointChanged(view), audit: { action, details: { pointId: point.id, draftId: point.draftId, ...details } } };
  }

  private async comments(em: EntityManager, conferenceId: string, ids: string[]): Promise<DraftCommentEntity[]> {
    if (!ids.length) return [];
    return em.find(DraftCommentEntity, { where: { conferenceId, id: In(ids) }, select: ['id', 'draftId', 'sectionId', 'status'] });
  }

  private async sectionLabel(em: EntityManager, draftId: string, sectionId: string): Promise<string> {
    const [section] = await em.query(
      `SELECT s.label FROM draft_sections s JOIN draft_versions v ON v.id = s.version_id WHERE s.id = $1 AND v.draft_id = $2`,
      [sectionId, draftId],
    ) as Pick<DraftSectionEntity, 'label'>[];
    if (!section) throw invalid('POINT_COMMENTS_INVALID', 'names no section of this draft', 'sectionId');
    return section.label;
  }

  private async draft(em: EntityManager, conferenceId: string, draftId: string): Promise<DraftEntity> {
    const draft = await em.findOne(DraftEntity, { where: { id: draftId, conferenceId } });
    if (!draft) throw draftNotFound(draftId);
    return draft;
  }

  private async point(em: EntityManager, conferenceId: string, pointId: string): Promise<ConsolidationPointEntity> {
    const point = await em.findOne(ConsolidationPointEntity, { where: { id: pointId, conferenceId } });
    if (!point) throw notFound('POINT_NOT_FOUND', `Consolidation point ${pointId} does not exist in this conference.`);
    return point;
  }
}

const draftNotFound = (id: string) => notFound('DRAFT_NOT_FOUND', `Draft ${id} does not exist in this conference.`);

/** "Tong-hop-y-kien-du-thao-ket-luan-2026-12-01.docx": ASCII, so every browser and mail client keeps it. */
function reportFileName(title: string, now: Date): string {
  const ascii = foldVietnamese(title).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  return `Tong-hop-y-kien-${ascii || 'du-thao'}-${now.toISOString().slice(0, 10)}.docx`;
}
