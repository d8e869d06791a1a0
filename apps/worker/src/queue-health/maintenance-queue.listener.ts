import { OnQueueError, OnQueueFailed, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { QueueName } from '@hoinghi/contracts';
import type { Job } from 'bull';

/**
 * The queue's own troubles: a Redis outage is logged (an 'error' nobody listens to would end the
 * worker), and a job that failed its last attempt says what was not done.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceQueueListener {
  private readonly log = new Logger('MaintenanceQueue');

  @OnQueueError()
  onError(error: Error): void {
    this.log.warn(`Redis: ${error.message}`);
  }

  @OnQueueFailed()
  onFailed(job: Job, error: Error): void {
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    const line = `${job.name} ${job.id} (${JSON.stringify(job.data)}) failed attempt ${job.attemptsMade}: ${error.message}`;
    if (final) this.log.error(`Not done, no attempt left: ${line}`);
    else this.log.warn(line);
  }
}
