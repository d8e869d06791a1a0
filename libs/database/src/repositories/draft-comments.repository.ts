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
   * Stores an acknowledged submission as its comment, once (`storeAll` for one), and returns the comment.
   * Call under the conference's lock.
   */
  async store(em: EntityManager, submission: CommentSubmissionEntity): Promise<{ comment: DraftCommentEntity; inserted: boolean }> {
    const [row] = await draftComments.storeAll(em, submission.conferenceId, [submission.id]);
    return { comment: await em.findOneOrFail(DraftCommentEntity, { where: { submissionId: submission.id } }), inserted: row?.inserted ?? false };
  },

  /**
   * Stores the submissions among `receiptIds` still `accepted` as their comments, in one statement: the
   * unique index on the comment's submission refuses a second copy, and each turns `received`. Per
   * submission found: its comment, whether this call received it, and whether it inserted the comment.
   * Call under the conference's lock, which orders it with every other store of the conference.
   */
  async storeAll(em: EntityManager, conferenceId: string, receiptIds: string[]): Promise<StoredSubmission[]> {
    return await em.query(STORE_SUBMISSIONS, [conferenceId, receiptIds]) as StoredSubmission[];
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

export interface StoredSubmission {
  receiptId: string;
  commentId: string;
  /** It was `accepted` and turned `received` now. */
  received: boolean;
  /** Its comment was inserted now (false: an earlier run had). */
  inserted: boolean;
}

/**
 * A submission's comment carries what was checked when it was acknowledged (its `content`); it is
 * inserted unless one exists (ON CONFLICT on `UQ_draft_comments_submission`), and the submission points
 * to whichever comment is its own. The UPDATE runs whether or not the final SELECT reads it.
 */
const STORE_SUBMISSIONS = `
  WITH asked AS (
    SELECT * FROM comment_submissions WHERE conference_id = $1 AND id = ANY($2::uuid[])
  ), pending AS (
    SELECT * FROM asked WHERE status = 'accepted'
  ), inserted AS (
    INSERT INTO draft_comments (submission_id, conference_id, draft_id, draft_version, section_id, section_label, kind, author_user_id, site_id,
                                speaker_participant_id, speaker_name, floor_request_id, text, proposal, status, created_at, updated_at)
    SELECT p.id, p.conference_id, p.draft_id, (p.content->>'draftVersion')::int, (p.content->>'sectionId')::uuid, COALESCE(p.content->>'sectionLabel', ''),
           p.content->>'kind', p.author_user_id, (p.content->>'siteId')::uuid, (p.content->>'speakerParticipantId')::uuid, p.content->>'speakerName',
           (p.content->>'floorRequestId')::uuid, p.content->>'text', p.content->>'proposal', 'active', p.created_at, p.created_at
      FROM pending p
    ON CONFLICT (submission_id) DO NOTHING
    RETURNING id, submission_id
  ), stored AS (
    SELECT p.id AS submission_id, COALESCE(i.id, c.id) AS comment_id, i.id IS NOT NULL AS inserted
      FROM pending p LEFT JOIN inserted i ON i.submission_id = p.id LEFT JOIN draft_comments c ON c.submission_id = p.id
  ), marked AS (
    UPDATE comment_submissions s SET status = 'received', comment_id = st.comment_id FROM stored st WHERE s.id = st.submission_id
    RETURNING s.id
  )
  SELECT a.id AS "receiptId", COALESCE(st.comment_id, a.comment_id) AS "commentId", st.submission_id IS NOT NULL AS received,
         COALESCE(st.inserted, false) AS inserted
    FROM asked a LEFT JOIN stored st ON st.submission_id = a.id`;
