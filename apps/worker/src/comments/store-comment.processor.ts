import { OnQueueError, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { ChangeEvent } from '@hoinghi/change-log';
import { CommentSubmissionEntity, draftComments, receiptOf } from '@hoinghi/database';
import { commentAudiences } from '@hoinghi/domain';
import { JobName, QueueName, type StoreCommentJob, type StoreCommentResult } from '@hoinghi/contracts';
import type { Job } from 'bull';
import { WorkerChanges } from '../change-log/worker-changes.service';

/**
 * Stores an acknowledged comment submission as a comment, once: the submission turns `received` in the
 * same transaction (under the conference's lock), and the unique index on the comment's submission
 * refuses a second copy whatever happens. Then its author (the receipt), the leaders and, for a site's
 * opinion, that site's staff see it. The audit line is the platform's: the author's own act — the
 * submission, with its time — is already in the trail as `comment.submit`.
 */
@Processor(QueueName.Comments)
export class StoreCommentProcessor {
  private readonly log = new Logger(StoreCommentProcessor.name);

  constructor(private readonly changes: WorkerChanges) {}

  @Process(JobName.StoreComment)
  handle(job: Job<StoreCommentJob>): Promise<StoreCommentResult | null> {
    if (job.data.v !== 1) throw new Error(`unknown ${JobName.StoreComment} payload version ${String(job.data.v)}`);
    return this.store(job.data.conferenceId, job.data.receiptId);
  }

  /** Also called by the sweep for submissions whose job was lost. */
  store(conferenceId: string, receiptId: string): Promise<StoreCommentResult | null> {
    return this.changes.run(conferenceId, async (em) => {
      const submission = await em.findOne(CommentSubmissionEntity, { where: { id: receiptId, conferenceId } });
      if (!submission) return null;
      if (submission.status === 'received') return { result: { commentId: submission.commentId!, stored: false }, change: null };
      const { comment, inserted } = await draftComments.store(em, submission);
      const [view] = await draftComments.views(em, [comment]);
      const receipt = { ...receiptOf({ ...submission, status: 'received', commentId: comment.id }), commentId: comment.id };
      const events: ChangeEvent[] = commentAudiences(comment).map((audience) => audience.kind === 'person'
        ? { audience, type: 'comment.received' as const, data: { receipt, comment: view } }
        : { audience, type: 'comment.changed' as const, data: { comment: view } });
      return {
        result: { commentId: comment.id, stored: inserted },
        change: {
          actor: { kind: 'platform' },
          audit: { action: 'comment.store', details: { receiptId: submission.id, commentId: comment.id, draftId: submission.draftId, authorUserId: submission.authorUserId } },
          events,
        },
      };
    });
  }

  @OnQueueError()
  onError(error: Error): void {
    this.log.warn(`Redis: ${error.message}`);
  }

  @OnQueueFailed()
  failed(job: Job<StoreCommentJob>, error: Error): void {
    const last = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.log.error(`${JobName.StoreComment} ${job.data.receiptId}: ${error.message}${last ? ' — last attempt; the sweep will store it' : ''}`);
  }
}
