import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommentSubmissionEntity, ConferenceEntity, DraftCommentEntity, DraftEntity, draftComments, FloorRequestEntity, ParticipantEntity, receiptOf,
  SiteEntity, UserEntity, type CommentSubmissionContent,
} from '@hoinghi/database';
import {
  assertConsultationOpen, canSeeComment, commentAudiences, conflict, forbidden, invalid, notFound, type Permission,
} from '@hoinghi/domain';
import {
  JobName, QueueName, type CommentReceipt, type CommentsSection, type CommentView, type EditCommentRequest, type StoreCommentJob,
  type SubmitCommentRequest, type ViewerScope,
} from '@hoinghi/contracts';
import type { ChangeEvent } from '@hoinghi/change-log';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ChangeContext, ConferenceChanges } from '../change-log/conference-changes.service';
import { ConferenceSyncService } from '../change-log/conference-sync.service';
import { ConferenceSection, ConferenceViews } from '../change-log/conference-views';

/** Thrown inside the locked transaction when the key was used meanwhile: nothing is written, the first receipt is the answer. */
class AlreadySubmitted {
  constructor(readonly receipt: CommentReceipt) {}
}

const PERMISSION_OF: Record<SubmitCommentRequest['kind'], Permission> = {
  delegate: 'comments.submit',
  site: 'comments.site',
  floor: 'comments.floor',
};

/**
 * Comments on drafts (góp ý). A submission is validated and recorded with its outbox job in one
 * transaction and acknowledged with a receipt (202); the worker stores it as a comment and tells its
 * audiences. The author edits or withdraws it here while consultation is open.
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
  }

  async readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<{ comments: CommentsSection }> {
    return { comments: { items: await this.visible(em, conference.id, scope), receipts: await draftComments.receipts(em, conference.id, scope.userId) } };
  }

  async submit(user: AuthUser, conferenceId: string, draftId: string, dto: SubmitCommentRequest): Promise<CommentReceipt> {
    // A resend answers the first receipt, whatever has happened since (even a closed consultation).
    const known = await this.submitted(this.dataSource.manager, conferenceId, user.id, dto.idempotencyKey);
    if (known) {
      await this.sync.scopeOf(user, conferenceId);
      return known;
    }
    if (!dto.text.trim()) throw invalid('VALIDATION_FAILED', 'must not be empty', 'text');
    if (dto.kind === 'site' && !dto.siteId) throw invalid('VALIDATION_FAILED', 'is required for a site\'s opinion', 'siteId');
    if (dto.kind === 'floor' && !dto.speakerParticipantId && !dto.floorRequestId) {
      throw invalid('VALIDATION_FAILED', 'is required for a comment from the floor (or floorRequestId)', 'speakerParticipantId');
    }
    try {
      return await this.changes.run({ user, conferenceId, permission: PERMISSION_OF[dto.kind], siteId: dto.kind === 'site' ? dto.siteId : undefined }, async (ctx) => {
        const again = await this.submitted(ctx.em, conferenceId, user.id, dto.idempotencyKey);
        if (again) throw new AlreadySubmitted(again);
        const draft = await this.draft(ctx.em, conferenceId, draftId);
        assertConsultationOpen(draft.consultation, draft.title);
        const content = await this.content(ctx, draft, dto);
        const submission = await ctx.em.save(CommentSubmissionEntity, ctx.em.create(CommentSubmissionEntity, {
          conferenceId, draftId, authorUserId: user.id, idempotencyKey: dto.idempotencyKey, content, status: 'accepted', commentId: null,
        }));
        const job: StoreCommentJob = { v: 1, conferenceId, receiptId: submission.id };
        return {
          result: { receiptId: submission.id, status: 'accepted' as const },
          events: [],
          audit: { action: 'comment.submit', details: { receiptId: submission.id, draftId, kind: dto.kind, sectionId: content.sectionId, siteId: content.siteId } },
          outbox: [{ kind: 'job', queue: QueueName.Comments, name: JobName.StoreComment, payload: job }],
        };
      });
    } catch (error) {
      if (error instanceof AlreadySubmitted) return error.receipt;
      throw error;
    }
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

  private change(user: AuthUser, conferenceId: string, commentId: string, action: string, apply: (comment: DraftCommentEntity) => void): Promise<CommentView> {
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

  private async submitted(em: EntityManager, conferenceId: string, authorUserId: string, idempotencyKey: string): Promise<CommentReceipt | null> {
    const row = await em.findOne(CommentSubmissionEntity, { where: { conferenceId, authorUserId, idempotencyKey }, select: ['id', 'status'] });
    return row ? { receiptId: row.id, status: row.status } : null;
  }

  private async draft(em: EntityManager, conferenceId: string, draftId: string): Promise<DraftEntity> {
    const draft = await em.findOne(DraftEntity, { where: { id: draftId, conferenceId } });
    if (!draft) throw notFound('DRAFT_NOT_FOUND', `Draft ${draftId} does not exist in this conference.`);
    return draft;
  }

  /** What the worker will store: checked now, so that an acknowledged comment can always be stored. */
  private async content(ctx: ChangeContext, draft: DraftEntity, dto: SubmitCommentRequest): Promise<CommentSubmissionContent> {
    const { em, conference } = ctx;
    let sectionLabel = '';
    if (dto.sectionId) {
      const [section] = await em.query(
        `SELECT s.label FROM draft_sections s JOIN draft_versions v ON v.id = s.version_id
          WHERE s.id = $1 AND v.draft_id = $2 AND v.version = $3`,
        [dto.sectionId, draft.id, draft.currentVersion],
      ) as { label: string }[];
      if (!section) throw invalid('COMMENT_SECTION_UNKNOWN', 'names no section of the draft\'s current version', 'sectionId');
      sectionLabel = section.label;
    }
    let siteId: string | null = null;
    let speaker: { participantId: string | null; name: string } | null = null;
    if (dto.kind === 'site') {
      if (!(await em.exists(SiteEntity, { where: { id: dto.siteId, conferenceId: conference.id } }))) {
        throw notFound('SITE_NOT_FOUND', `Site ${dto.siteId} does not exist in this conference.`);
      }
      siteId = dto.siteId!;
    } else if (dto.kind === 'delegate') {
      siteId = ctx.roles.find((r) => r.role === 'delegate')?.siteId ?? null;
    } else {
      // From the floor log in one click: the floor request names the speaker (or their site), or the secretary names them.
      const request = dto.floorRequestId ? await em.findOne(FloorRequestEntity, { where: { id: dto.floorRequestId, conferenceId: conference.id } }) : null;
      if (dto.floorRequestId && !request) throw notFound('FLOOR_REQUEST_NOT_FOUND', `Floor request ${dto.floorRequestId} does not exist in this conference.`);
      const participantId = dto.speakerParticipantId ?? request?.participantId ?? null;
      if (participantId) {
        const participant = await em.findOne(ParticipantEntity, { where: { id: participantId, conferenceId: conference.id } });
        if (!participant) throw notFound('PARTICIPANT_NOT_FOUND', `Participant ${participantId} does not exist in this conference.`);
        const person = await em.findOne(UserEntity, { where: { id: participant.userId }, select: ['id', 'fullName'] });
        speaker = { participantId: participant.id, name: person?.fullName ?? '' };
        siteId = participant.siteId ?? request?.siteId ?? null;
      } else {
        // A site asked for the floor as a whole: its site speaks.
        const site = await em.findOne(SiteEntity, { where: { id: request!.siteId }, select: ['id', 'name'] });
        speaker = { participantId: null, name: site?.name ?? '' };
        siteId = request!.siteId;
      }
    }
    return {
      kind: dto.kind, draftVersion: draft.currentVersion, sectionId: dto.sectionId ?? null, sectionLabel, text: dto.text.trim(),
      proposal: dto.proposal?.trim() || null, siteId, speakerParticipantId: speaker?.participantId ?? null, speakerName: speaker?.name ?? null,
      floorRequestId: dto.kind === 'floor' ? dto.floorRequestId ?? null : null,
    };
  }
}
