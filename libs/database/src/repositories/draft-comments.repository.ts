import type { CommentReceipt, CommentsSection, CommentView, ViewerScope } from '@hoinghi/contracts';
import { In, type EntityManager } from 'typeorm';
import { CommentSubmissionEntity, DraftCommentEntity } from '../entities/comment.entity';
import { UserEntity } from '../entities/user.entity';

type Receipt = CommentsSection['receipts'][number];

/** Comments on drafts as their viewers read them (the meeting service and the worker alike). */
export const draftComments = {
  async views(em: EntityManager, comments: DraftCommentEntity[]): Promise<CommentView[]> {
    if (!comments.length) return [];
    const authors = await em.find(UserEntity, { where: { id: In([...new Set(comments.map((c) => c.authorUserId))]) }, select: ['id', 'fullName'] });
    const names = new Map(authors.map((u) => [u.id, u.fullName]));
    return comments.map((c) => ({
      id: c.id, receiptId: c.submissionId, draftId: c.draftId, draftVersion: c.draftVersion, sectionId: c.sectionId, sectionLabel: c.sectionLabel,
      kind: c.kind, authorUserId: c.authorUserId, authorName: names.get(c.authorUserId) ?? '', siteId: c.siteId,
      speakerParticipantId: c.speakerParticipantId, speakerName: c.speakerName, floorRequestId: c.floorRequestId,
      text: c.text, proposal: c.proposal, status: c.status, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
    }));
  },

  /**
   * The comments a viewer may see, before the rule (`canSeeComment`) cuts them: every comment for the
   * leaders; otherwise their own and the opinions of the sites they run.
   */
  async candidates(em: EntityManager, conferenceId: string, scope: ViewerScope): Promise<DraftCommentEntity[]> {
    const query = em.createQueryBuilder(DraftCommentEntity, 'c').where('c.conference_id = :conferenceId', { conferenceId });
    if (!scope.leader) {
      query.andWhere(`(c.author_user_id = :userId OR (c.kind = 'site' AND c.site_id = ANY(:sites)))`, { userId: scope.userId, sites: scope.staffSiteIds });
    }
    return query.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  },

  /**
   * Stores an acknowledged submission as its comment, once: the unique index on the comment's submission
   * refuses a second copy, and the submission turns `received`. Call under the conference's lock.
   */
  async store(em: EntityManager, submission: CommentSubmissionEntity): Promise<{ comment: DraftCommentEntity; inserted: boolean }> {
    const c = submission.content;
    const inserted = await em.createQueryBuilder().insert().into(DraftCommentEntity).values({
      submissionId: submission.id, conferenceId: submission.conferenceId, draftId: submission.draftId, draftVersion: c.draftVersion,
      sectionId: c.sectionId, sectionLabel: c.sectionLabel, kind: c.kind, authorUserId: submission.authorUserId, siteId: c.siteId,
      speakerParticipantId: c.speakerParticipantId, speakerName: c.speakerName, floorRequestId: c.floorRequestId,
      text: c.text, proposal: c.proposal, status: 'active', createdAt: submission.createdAt, updatedAt: submission.createdAt,
    }).orIgnore().returning('id').execute();
    const comment = await em.findOneOrFail(DraftCommentEntity, { where: { submissionId: submission.id } });
    await em.update(CommentSubmissionEntity, { id: submission.id }, { status: 'received', commentId: comment.id });
    return { comment, inserted: inserted.identifiers.length > 0 };
  },

  /** The viewer's own submissions and what became of them. */
  async receipts(em: EntityManager, conferenceId: string, userId: string): Promise<Receipt[]> {
    const rows = await em.find(CommentSubmissionEntity, { where: { conferenceId, authorUserId: userId }, order: { createdAt: 'ASC' } });
    return rows.map(receiptOf);
  },
};

export function receiptOf(s: Pick<CommentSubmissionEntity, 'id' | 'status' | 'draftId' | 'commentId'>): CommentReceipt & { draftId: string; commentId: string | null } {
  return { receiptId: s.id, status: s.status, draftId: s.draftId, commentId: s.commentId };
}
