import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommentSubmissionEntity, ConferenceEntity, DraftCommentEntity, DraftEntity, draftComments, receiptOf, type CommentSubmissionContent,
} from '@hoinghi/database';
import { assertConsultationOpen, canSeeComment, commentAudiences, conflict, forbidden, invalid, notFound } from '@hoinghi/domain';
import type {
  AuditAction,
  CommentReceipt, CommentsSection, CommentView, EditCommentRequest, SubmitCommentRequest, ViewerScope,
} from '@hoinghi/contracts';
import type { ChangeEvent } from '@hoinghi/change-log';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { ChangeGroup } from '../change-log/change-group';
import { ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';
import { commentSubmissions, draftNotFound, type Submission } from './comment-submissions';

/**
 * Comments on drafts (góp ý). A submission is validated and recorded with its outbox job in one
 * transaction, together with the others that arrived meanwhile (`commentSubmissions`), and
 * acknowledged with a receipt (202); the worker stores it as a comment and tells its audiences. The
 * author edits or withdraws it here while consultation is open.
 */
@Injectable()
export class CommentsService implements ConferenceSection {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ConferenceChanges,
    private readonly sync: ConferenceSyncService,
    views: ConferenceViews,
  ) {
    views.register(this);
    this.submissions = changes.group(commentSubmissions);
  }

  private readonly submissions: ChangeGroup<Submission, CommentSubmissionContent, CommentReceipt>;

  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ comments: CommentsSection }> {
    return { comments: { items: await this.visible(em, conference.id, scope), receipts: await draftComments.receipts(em, conference.id, scope.userId) } };
  }

  async submit(user: AuthUser, conferenceId: string, draftId: string, dto: SubmitCommentRequest): Promise<CommentReceipt> {
    if (!dto.text.trim()) throw invalid('VALIDATION_FAILED', 'must not be empty', 'text');
    if (dto.kind === 'site' && !dto.siteId) throw invalid('VALIDATION_FAILED', 'is required for a site\'s opinion', 'siteId');
    if (dto.kind === 'floor' && !dto.speakerParticipantId && !dto.floorRequestId) {
      throw invalid('VALIDATION_FAILED', 'is required for a comment from the floor (or floorRequestId)', 'speakerParticipantId');
    }
    return this.submissions.submit(conferenceId, { user, siteId: dto.kind === 'site' ? dto.siteId : undefined, request: { draftId, dto } });
  }

  async list(user: AuthUser, conferenceId: string, draftId?: string): Promise<CommentView[]> {
    const scope = await this.sync.scopeOf(user, conferenceId);
    const all = await this.visible(this.dataSource.manager, conferenceId, scope);
    return draftId ? all.filter((c) => c.draftId === draftId) : all;
  }

  async receipt(user: AuthUser, conferenceId: string, receiptId: string): Promise<CommentsSection['receipts'][number]> {
    await this.sync.scopeOf(user, conferenceId);
    const submission = await this.dataSource.manager.findOne(CommentSubmissionEntity, { where: { id: receiptId, conferenceId, authorUserId: user.id } });
    if (!submission) throw notFound('COMMENT_NOT_FOUND', `You have no comment with receipt ${receiptId} in this conference.`);
    return receiptOf(submission);
  }

  edit(user: AuthUser, conferenceId: string, commentId: string, dto: EditCommentRequest): Promise<CommentView> {
    if (!dto.text.trim()) throw invalid('VALIDATION_FAILED', 'must not be empty', 'text');
    return this.change(user, conferenceId, commentId, 'comment.edit', (comment) => {
      comment.text = dto.text.trim();
      comment.proposal = dto.proposal?.trim() || null;
    });
  }

  withdraw(user: AuthUser, conferenceId: string, commentId: string): Promise<CommentView> {
    return this.change(user, conferenceId, commentId, 'comment.withdraw', (comment) => {
      comment.status = 'withdrawn';
    });
  }

  private change(user: AuthUser, conferenceId: string, commentId: string, action: AuditAction, apply: (comment: DraftCommentEntity) => void): Promise<CommentView> {
    return this.changes.run({ user, conferenceId, permission: 'conference.view' }, async (ctx) => {
      const comment = await ctx.em.findOne(DraftCommentEntity, { where: { id: commentId, conferenceId } });
      if (!comment) throw notFound('COMMENT_NOT_FOUND', `Comment ${commentId} does not exist in this conference.`);
      if (comment.authorUserId !== user.id) throw forbidden('COMMENT_NOT_YOURS', 'Only the author of a comment may edit or withdraw it.');
      const draft = await this.draft(ctx.em, conferenceId, comment.draftId);
      assertConsultationOpen(draft.consultation, draft.title);
      if (comment.status === 'withdrawn') throw conflict('COMMENT_WITHDRAWN', 'This comment has been withdrawn.');
      apply(comment);
      comment.updatedAt = ctx.now;
      await ctx.em.update(DraftCommentEntity, { id: comment.id }, { text: comment.text, proposal: comment.proposal, status: comment.status, updatedAt: ctx.now });
      const [view] = await draftComments.views(ctx.em, [comment]);
      const events: ChangeEvent[] = commentAudiences(comment).map((audience) => ({ audience, type: 'comment.changed', data: { comment: view } }));
      return { result: view, events, audit: { action, details: { commentId, draftId: comment.draftId } } };
    });
  }

  private async visible(em: EntityManager, conferenceId: string, scope: ViewerScope): Promise<CommentView[]> {
    const comments = (await draftComments.candidates(em, conferenceId, scope)).filter((c) => canSeeComment(scope, c));
    return draftComments.views(em, comments);
  }

  private async draft(em: EntityManager, conferenceId: string, draftId: string): Promise<DraftEntity> {
    const draft = await em.findOne(DraftEntity, { where: { id: draftId, conferenceId } });
    if (!draft) throw draftNotFound(draftId);
    return draft;
  }
}
