import { Process, Processor } from '@nestjs/bull';
import { JobName, QueueName, type HeartbeatJob, type HeartbeatResult } from '@hoinghi/contracts';
import type { Job } from 'bull';
import { hostname } from 'node:os';

/** Later issues add the comment, ballot and document processors beside this one. */
@Processor(QueueName.Maintenance)
export class HeartbeatProcessor {
  @Process(JobName.Heartbeat)
  handle(_job: Job<HeartbeatJob>): HeartbeatResult {
    return { worker: `${hostname()}:${process.pid}`, receivedAt: new Date().toISOString() };
  }
}
