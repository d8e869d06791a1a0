import { OnQueueError, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { GroupQueue, type ChangeEvent, type ChangeRecord } from '@hoinghi/change-log';
import { DraftCommentEntity, draftComments } from '@hoinghi/database';
import { commentAudiences } from '@hoinghi/domain';
import { JobName, QueueName, type StoreCommentJob, type StoreCommentResult } from '@hoinghi/contracts';
import type { Job } from 'bull';
import { In } from 'typeorm';
import { WorkerChanges } from '../change-log/worker-changes.service';

/**
 * Store jobs taken at once by this worker. They wait in the conference's `GroupQueue` while a group is
 * being stored, so under a burst each transaction stores up to this many comments (one lock, a fixed
 * number of statements) instead of one.
 */
const STORE_CONCURRENCY = 64;

/**
 * Stores acknowledged comment submissions as comments, once: each turns `received` in the same
 * transaction (under the conference's lock), and the unique index on the comment's submission refuses a
 * second copy whatever happens. Then its author (the receipt), the leaders and, for a site's opinion,
 * that site's staff see it. The audit line is the platform's: the author's own act — the submission,
 * with its time — is already in the trail as `comment.submit`.
 *
 * Jobs stay one per submission (their ids deduplicate deliveries, and a stalled one is retaken alone);
 * what is grouped is the transaction: the jobs of one conference that arrive while it runs go together.
 */
@Processor(QueueName.Comments)
export class StoreCommentProcessor {
  private readonly log = new Logger(StoreCommentProcessor.name);
  private readonly groups = new GroupQueue<string, StoreCommentResult | null>({
    keyOf: (receiptId) => receiptId,
    maxMembers: 200,
    run: (conferenceId, receiptIds) => this.storeGroup(conferenceId, receiptIds),
  });

  constructor(private readonly changes: WorkerChanges) {}

  @Process({ name: JobName.StoreComment, concurrency: STORE_CONCURRENCY })
  handle(job: Job<StoreCommentJob>): Promise<StoreCommentResult | null> {
    if (job.data.v !== 1) throw new Error(`unknown ${JobName.StoreComment} payload version ${String(job.data.v)}`);
    return this.store(job.data.conferenceId, job.data.receiptId);
  }

  /** Also called by the sweep for submissions whose job was lost. Null: no such submission in the conference. */
  store(conferenceId: string, receiptId: string): Promise<StoreCommentResult | null> {
    return this.groups.submit(conferenceId, receiptId);
  }

  private async storeGroup(conferenceId: string, receiptIds: string[]): Promise<Array<StoreCommentResult | null>> {
    const results = await this.changes.run(conferenceId, async (em) => {
      const rows = await draftComments.storeAll(em, conferenceId, receiptIds);
      const received = rows.filter((row) => row.received);
      const comments = received.length ? await em.find(DraftCommentEntity, { where: { id: In(received.map((r) => r.commentId)) } }) : [];
      const views = await draftComments.views(em, comments);
      const change = comments.map((comment, i): ChangeRecord => {
        const receipt = { receiptId: comment.submissionId, status: 'received' as const, draftId: comment.draftId, commentId: comment.id };
        const events: ChangeEvent[] = commentAudiences(comment).map((audience) => audience.kind === 'person'
          ? { audience, type: 'comment.received' as const, data: { receipt, comment: views[i] } }
          : { audience, type: 'comment.changed' as const, data: { comment: views[i] } });
        return {
          actor: { kind: 'platform' }, events,
          audit: { action: 'comment.store', details: { receiptId: comment.submissionId, commentId: comment.id, draftId: comment.draftId, authorUserId: comment.authorUserId } },
        };
      });
      const byReceipt = new Map(rows.map((row) => [row.receiptId, { commentId: row.commentId, stored: row.inserted }]));
      return { result: receiptIds.map((id) => byReceipt.get(id) ?? null), change };
    });
    // A conference that no longer exists: nothing to store.
    return results ?? receiptIds.map(() => null);
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
