import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicSweep } from '../common/periodic-sweep';
import { WORKER_CONFIG, WorkerConfig } from '../config/worker-config';
import { StoreCommentProcessor } from './store-comment.processor';

/**
 * The last wall behind the queue: an acknowledged submission still not stored after
 * `commentSweepAfterMs` (its job failed every attempt, or stalled too often) is stored from here.
 * Storing is idempotent, so racing the job is harmless.
 */
@Injectable()
export class CommentSweep implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(CommentSweep.name);
  private readonly sweeper: PeriodicSweep;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly processor: StoreCommentProcessor,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    this.sweeper = new PeriodicSweep('comment sweep', config.commentSweepMs, () => this.storeOverdue(), this.log);
  }

  onModuleInit(): void {
    this.sweeper.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweeper.stop();
  }

  /** Stores what is overdue (one sweep at a time). */
  private async storeOverdue(): Promise<void> {
    const overdue = await this.dataSource.query(
      `SELECT id, conference_id AS "conferenceId" FROM comment_submissions
        WHERE status = 'accepted' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT 200`,
      [this.config.commentSweepAfterMs / 1000],
    ) as { id: string; conferenceId: string }[];
    // All at once: the processor stores each conference's in one transaction.
    await Promise.all(overdue.map((row) => this.processor.store(row.conferenceId, row.id)));
    if (overdue.length) this.log.warn(`stored ${overdue.length} overdue comment submission(s) whose job had not`);
  }
}
