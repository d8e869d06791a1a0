import type { Audience, CommentView, Disposition, ReportPoint, ReportSection, ReportTotals } from '@hoinghi/contracts';
import { conflict, invalid } from './errors';

// Consolidation (tổng hợp, tiếp thu, giải trình): which comments may be grouped into one point, what a
// disposition needs, which points a new version may absorb, and the report's numbers.

/** Points are the secretariat's working papers: the chairs and the secretariat see them, nobody else. */
export const POINT_AUDIENCES: readonly Audience[] = [{ kind: 'leaders' }];

/** What the rules need of a comment. */
export type GroupableComment = Pick<CommentView, 'id' | 'draftId' | 'sectionId' | 'status'>;

/**
 * The section a new point is tied to: the one asked for, else the one every grouped comment is on, else
 * (comments on several sections, or on the whole draft) the whole draft.
 */
export function sectionOfPoint(requested: string | undefined, comments: Pick<GroupableComment, 'sectionId'>[]): string | null {
  if (requested !== undefined) return requested;
  const sections = new Set(comments.map((c) => c.sectionId));
  return sections.size === 1 ? [...sections][0] : null;
}

/**
 * A valid grouping: at least one comment; every id an active comment of the point's draft; on the
 * point's section when it has one (a whole-draft point may gather comments from any section); and not
 * already in another point (a comment is answered once). `field` names the request field in a 400.
 */
export function assertGrouping(
  point: { id?: string; draftId: string; sectionId: string | null },
  requestedIds: string[],
  found: GroupableComment[],
  pointOfComment: ReadonlyMap<string, string>,
  field: string,
): void {
  if (!requestedIds.length) throw invalid('POINT_COMMENTS_INVALID', 'must list at least one comment', field);
  const byId = new Map(found.map((c) => [c.id, c]));
  requestedIds.forEach((id, i) => {
    const comment = byId.get(id);
    if (!comment || comment.draftId !== point.draftId) throw invalid('POINT_COMMENTS_INVALID', `names no comment on this draft (${id})`, `${field}.${i}`);
    if (comment.status !== 'active') throw invalid('POINT_COMMENTS_INVALID', `names a withdrawn comment (${id})`, `${field}.${i}`);
    if (point.sectionId !== null && comment.sectionId !== point.sectionId) {
      throw invalid('POINT_COMMENTS_INVALID', `names a comment on another section than the point's (${id})`, `${field}.${i}`);
    }
    const other = pointOfComment.get(id);
    if (other !== undefined && other !== point.id) {
      throw conflict('COMMENT_ALREADY_IN_POINT', `Comment ${id} is already grouped into another point; take it out of that point first.`);
    }
  });
}

/** Tiếp thu một phần and giải trình must say what was taken and why the rest was not. */
export function assertResponse(disposition: Disposition | null, response: string): void {
  if ((disposition === 'partly_accepted' || disposition === 'explained') && !response.trim()) {
    throw invalid('POINT_RESPONSE_REQUIRED', `is required when the disposition is ${disposition}`, 'response');
  }
}

/** What a new version absorbed stays as it was: such a point is no longer regrouped nor deleted. */
export function assertNotAbsorbed(point: { absorbedInVersion: number | null }, doing: string): void {
  if (point.absorbedInVersion !== null) {
    throw conflict('POINT_ABSORBED', `This point was absorbed into version ${point.absorbedInVersion} of the draft: it can no longer be ${doing}.`);
  }
}

/** A point kept after its comments are taken out must keep one. */
export function assertNotEmpty(remaining: number): void {
  if (remaining === 0) throw conflict('POINT_EMPTY', 'A point must keep at least one comment: delete the point instead.');
}

/**
 * A new version absorbs points of its own draft (400 naming the field otherwise) that were accepted or
 * partly accepted and not absorbed by an earlier version (409 with the reason).
 */
export function assertAbsorbable(
  draftId: string,
  requestedIds: string[],
  found: Array<{ id: string; draftId: string; summary: string; disposition: Disposition | null; absorbedInVersion: number | null }>,
): void {
  const byId = new Map(found.map((p) => [p.id, p]));
  requestedIds.forEach((id, i) => {
    const point = byId.get(id);
    if (!point || point.draftId !== draftId) throw invalid('ABSORBED_POINTS_INVALID', `names no consolidation point of this draft (${id})`, `absorbedPointIds.${i}`);
    if (point.disposition !== 'accepted' && point.disposition !== 'partly_accepted') {
      throw conflict('POINT_NOT_ABSORBABLE', `The point "${point.summary}" was ${point.disposition === null ? 'not decided yet' : 'explained, not accepted'}: a new version absorbs only accepted or partly accepted points.`);
    }
    if (point.absorbedInVersion !== null) {
      throw conflict('POINT_NOT_ABSORBABLE', `The point "${point.summary}" was already absorbed into version ${point.absorbedInVersion}.`);
    }
  });
}

/** A comment as the report reads it. */
export type ReportComment = GroupableComment
  & Pick<CommentView, 'kind' | 'authorUserId' | 'authorName' | 'siteId' | 'speakerParticipantId' | 'speakerName' | 'text' | 'proposal'>;

export interface ReportInput {
  /** Sections the points are tied to (of whichever version), for their label, heading and order. */
  sections: Array<{ id: string; label: string; heading: string; position: number }>;
  points: Array<{
    id: string; sectionId: string | null; summary: string; disposition: Disposition | null; response: string;
    absorbedInVersion: number | null; commentIds: string[]; createdAt: string;
  }>;
  /** Every comment on the draft (withdrawn ones are left out of every count). */
  comments: ReportComment[];
  siteNames: ReadonlyMap<string, string>;
}

/**
 * Who a comment stands for: a site's opinion is its site's, not a delegate's; a delegate's comment is
 * theirs (and their site's, if they attend at one); a comment from the floor is its speaker's, or the
 * site's when a whole site had the floor.
 */
function raisedBy(c: ReportComment): { delegate: { key: string; name: string } | null; siteId: string | null } {
  if (c.kind === 'site') return { delegate: null, siteId: c.siteId };
  if (c.kind === 'delegate') return { delegate: { key: `user:${c.authorUserId}`, name: c.authorName }, siteId: c.siteId };
  return { delegate: c.speakerParticipantId ? { key: `participant:${c.speakerParticipantId}`, name: c.speakerName ?? '' } : null, siteId: c.siteId };
}

/**
 * The consolidation report: per section in document order (the whole draft first), each point with the
 * sites and delegates that raised it and the disposition; the totals over the draft's active comments.
 */
export function consolidationReport(input: ReportInput): { sections: ReportSection[]; totals: ReportTotals } {
  const active = input.comments.filter((c) => c.status === 'active');
  const byId = new Map(active.map((c) => [c.id, c]));
  const siteName = (id: string) => input.siteNames.get(id) ?? '';
  const sectionOf = new Map(input.sections.map((s) => [s.id, s]));

  const reportPoint = (p: ReportInput['points'][number]): ReportPoint => {
    const comments = p.commentIds.flatMap((id) => byId.get(id) ?? []).sort((a, b) => a.id.localeCompare(b.id));
    const sites = new Map<string, string>();
    const delegates = new Map<string, string>();
    for (const c of comments) {
      const by = raisedBy(c);
      if (by.siteId) sites.set(by.siteId, siteName(by.siteId));
      if (by.delegate) delegates.set(by.delegate.key, by.delegate.name);
    }
    return {
      pointId: p.id, summary: p.summary, disposition: p.disposition, response: p.response, absorbedInVersion: p.absorbedInVersion,
      commentCount: comments.length,
      sites: [...sites].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      delegates: [...delegates.values()].sort((a, b) => a.localeCompare(b, 'vi')),
      comments: comments.map((c) => ({
        id: c.id, who: c.kind === 'site' ? siteName(c.siteId ?? '') : (c.speakerName ?? c.authorName),
        siteName: c.siteId ? siteName(c.siteId) : null, text: c.text, proposal: c.proposal,
      })),
    };
  };

  const groups = new Map<string | null, ReportInput['points']>();
  for (const p of [...input.points].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))) {
    const key = p.sectionId !== null && sectionOf.has(p.sectionId) ? p.sectionId : null;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const order = (id: string | null) => (id === null ? -1 : sectionOf.get(id)!.position);
  const sections: ReportSection[] = [...groups.keys()].sort((a, b) => order(a) - order(b)).map((id) => ({
    sectionId: id, label: id === null ? '' : sectionOf.get(id)!.label, heading: id === null ? '' : sectionOf.get(id)!.heading,
    points: groups.get(id)!.map(reportPoint),
  }));

  const byDisposition: ReportTotals['byDisposition'] = { accepted: 0, partly_accepted: 0, explained: 0, pending: 0 };
  for (const p of input.points) byDisposition[p.disposition ?? 'pending'] += 1;
  const grouped = new Set(input.points.flatMap((p) => p.commentIds));
  const allSites = new Set<string>();
  const allDelegates = new Set<string>();
  for (const c of active) {
    const by = raisedBy(c);
    if (by.siteId) allSites.add(by.siteId);
    if (by.delegate) allDelegates.add(by.delegate.key);
  }
  return {
    sections,
    totals: {
      comments: active.length, consolidated: active.filter((c) => grouped.has(c.id)).length, points: input.points.length, byDisposition,
      sites: allSites.size, delegates: allDelegates.size,
    },
  };
}
