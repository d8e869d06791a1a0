import { OnQueueError, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type CountPollResult, type PollJob, type TallyPollResult } from '@hoinghi/contracts';
import type { Job } from 'bull';
import { PollCounter } from './poll-counter.service';

/** The ballots queue: doorbells that recount a poll's turnout, and the count of a closed poll. */
@Processor(QueueName.Ballots)
export class BallotsProcessor {
  private readonly log = new Logger(BallotsProcessor.name);

  constructor(private readonly counter: PollCounter) {}

  @Process(JobName.TallyPoll)
  tally(job: Job<PollJob>): Promise<TallyPollResult | null> {
    return this.counter.tally(...payload(job));
  }

  @Process(JobName.CountPoll)
  count(job: Job<PollJob>): Promise<CountPollResult | null> {
    return this.counter.count(...payload(job));
  }

  @OnQueueError()
  onError(error: Error): void {
    this.log.warn(`Redis: ${error.message}`);
  }

  @OnQueueFailed()
  failed(job: Job<PollJob>, error: Error): void {
    this.log.error(`${job.name} of poll ${job.data.pollId}: ${error.message} (the sweep retries it)`);
  }
}

function payload(job: Job<PollJob>): [string, string] {
  if (job.data.v !== 1) throw new Error(`unknown ${job.name} payload version ${String(job.data.v)}`);
  return [job.data.conferenceId, job.data.pollId];
}
