import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@hoinghi/contracts';
import { dataSourceOptions } from '@hoinghi/database';
import { RecountAttendanceProcessor } from './attendance/recount-attendance.processor';
import { BallotSweep } from './ballots/ballot-sweep.service';
import { BallotsProcessor } from './ballots/ballots.processor';
import { PollCounter } from './ballots/poll-counter.service';
import { WorkerChanges } from './change-log/worker-changes.service';
import { CommentSweep } from './comments/comment-sweep.service';
import { StoreCommentProcessor } from './comments/store-comment.processor';
import { MinutesDocumentRenderer } from './documents/minutes-document.renderer';
import { PdfPrinter } from './documents/pdf/pdf-printer.service';
import { RenderDocumentProcessor } from './documents/render-document.processor';
import { WORKER_CONFIG, WorkerConfig } from './config/worker-config';
import { HeartbeatProcessor } from './heartbeat/heartbeat.processor';
import { MaintenanceQueueListener } from './queue-health/maintenance-queue.listener';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        // The meeting service creates the database and runs the migrations; the worker only uses them.
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.databaseUrl })),
        BullModule.forRoot({ redis: config.redisUrl }),
        BullModule.registerQueue({ name: QueueName.Maintenance }),
        // A worker killed mid-job: its jobs are taken up again within seconds of a restart, and a job
        // may stall a few times before it fails (the sweep stores whatever still slips through).
        BullModule.registerQueue({ name: QueueName.Comments, settings: { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 } }),
        BullModule.registerQueue({ name: QueueName.Documents }),
        // Ballot jobs only point at a poll; a stalled one is retried, a lost one made good by the sweep.
        BullModule.registerQueue({ name: QueueName.Ballots, settings: { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 } }),
      ],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, WorkerChanges, HeartbeatProcessor, RecountAttendanceProcessor, MaintenanceQueueListener,
        StoreCommentProcessor, CommentSweep, RenderDocumentProcessor, MinutesDocumentRenderer, PdfPrinter, PollCounter, BallotsProcessor, BallotSweep,
      ],
    };
  }
}
