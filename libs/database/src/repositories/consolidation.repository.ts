import type { ConsolidationPointView, ConsolidationReportView } from '@hoinghi/contracts';
import { consolidationReport } from '@hoinghi/domain';
import { In, type EntityManager } from 'typeorm';
import { DraftCommentEntity } from '../entities/comment.entity';
import { ConferenceEntity } from '../entities/conference.entity';
import { ConsolidationPointCommentEntity, ConsolidationPointEntity } from '../entities/consolidation.entity';
import { DraftEntity, DraftSectionEntity } from '../entities/draft.entity';
import { OrgUnitEntity } from '../entities/org-unit.entity';
import { SiteEntity } from '../entities/site.entity';
import { UserEntity } from '../entities/user.entity';

/** Consolidation points and the report, as the meeting service and the worker read them. */
export const consolidation = {
  async views(em: EntityManager, points: ConsolidationPointEntity[]): Promise<ConsolidationPointView[]> {
    if (!points.length) return [];
    const links = await em.find(ConsolidationPointCommentEntity, { where: { pointId: In(points.map((p) => p.id)) }, order: { commentId: 'ASC' } });
    return points.map((p) => ({
      id: p.id, draftId: p.draftId, sectionId: p.sectionId, sectionLabel: p.sectionLabel, summary: p.summary,
      commentIds: links.filter((l) => l.pointId === p.id).map((l) => l.commentId), disposition: p.disposition, response: p.response,
      absorbedInVersion: p.absorbedInVersion, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
    }));
  },

  /** A conference's points (or one draft's), oldest first. */
  async points(em: EntityManager, conferenceId: string, draftId?: string): Promise<ConsolidationPointEntity[]> {
    return em.find(ConsolidationPointEntity, {
      where: { conferenceId, ...(draftId ? { draftId } : {}) }, order: { createdAt: 'ASC', id: 'ASC' },
    });
  },

  /** The point each of these comments is grouped into, if any. */
  async pointOfComments(em: EntityManager, commentIds: string[]): Promise<Map<string, string>> {
    if (!commentIds.length) return new Map();
    const links = await em.find(ConsolidationPointCommentEntity, { where: { commentId: In(commentIds) } });
    return new Map(links.map((l) => [l.commentId, l.pointId]));
  },

  /** The consolidation report of one draft, from what is stored now (the meeting service's JSON, the worker's .docx). */
  async report(em: EntityManager, conferenceId: string, draftId: string, now = new Date()): Promise<ConsolidationReportView | null> {
    const draft = await em.findOne(DraftEntity, { where: { id: draftId, conferenceId } });
    if (!draft) return null;
    const conference = await em.findOneByOrFail(ConferenceEntity, { id: conferenceId });
    const host = await em.findOneBy(OrgUnitEntity, { id: conference.hostUnitId });
    const superior = host?.parentId ? await em.findOneBy(OrgUnitEntity, { id: host.parentId }) : null;
    const points = await this.points(em, conferenceId, draftId);
    const views = await this.views(em, points);
    const comments = await em.find(DraftCommentEntity, { where: { conferenceId, draftId } });
    const sectionIds = [...new Set(points.flatMap((p) => (p.sectionId ? [p.sectionId] : [])))];
    const sections = sectionIds.length ? await em.find(DraftSectionEntity, { where: { id: In(sectionIds) } }) : [];
    const sites = await em.find(SiteEntity, { where: { conferenceId }, select: ['id', 'name', 'place', 'isMain'] });
    const people = comments.length
      ? await em.find(UserEntity, { where: { id: In([...new Set(comments.map((c) => c.authorUserId))]) }, select: ['id', 'fullName'] })
      : [];
    const names = new Map(people.map((u) => [u.id, u.fullName]));
    const { sections: reportSections, totals } = consolidationReport({
      sections: sections.map((s) => ({ id: s.id, label: s.label, heading: s.heading, position: s.position })),
      points: views,
      comments: comments.map((c) => ({ ...c, authorName: names.get(c.authorUserId) ?? '' })),
      siteNames: new Map(sites.map((s) => [s.id, s.name])),
    });
    return {
      draftId, title: draft.title, version: draft.currentVersion, conferenceTitle: conference.title,
      issuingBody: host?.name ?? '', superiorBody: superior?.name ?? null,
      place: sites.find((s) => s.isMain)?.place ?? '', generatedAt: now.toISOString(), sections: reportSections, totals,
    };
  },
};
