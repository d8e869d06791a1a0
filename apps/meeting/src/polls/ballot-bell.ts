import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { JobName, QueueName, type PollJob } from '@hoinghi/contracts';
import Queue from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Ballots of one poll within this long ring the worker once. A tally recounts the poll (its cost grows
 * with the electorate), and sites get turnouts at most every LIVE_COALESCE_MS (250 ms) anyway.
 */
const BELL_DELAY_MS = 200;
const ADD_TIMEOUT_MS = 2000;

/**
 * Tells the worker that a poll has new ballots, so its turnout (and an open vote's tally) goes out
 * within a moment. Only a doorbell: the ballots are already committed, the job names the poll and
 * nothing else, and a ring that Redis never takes is made good by the worker's sweep. Jobs are
 * removed once done, so Redis keeps no trace of when a poll's ballots came.
 */
@Injectable()
export class BallotBell implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(BallotBell.name);
  private queue?: Queue.Queue<PollJob>;
  private readonly ringing = new Set<string>();
  private warned = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.open(); // connected before the first ballot
  }

  ring(conferenceId: string, pollId: string): void {
    if (this.ringing.has(pollId)) return;
    this.ringing.add(pollId);
    setTimeout(() => void this.send({ v: 1, conferenceId, pollId }), BELL_DELAY_MS).unref();
  }

  private async send(job: PollJob): Promise<void> {
    this.ringing.delete(job.pollId);
    const queue = this.open();
    // Redis away: do not pile up commands; the sweep tallies what the bell did not announce.
    if (queue.client.status !== 'ready') return this.warnOnce(`Redis is ${queue.client.status}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        queue.add(JobName.TallyPoll, job, { removeOnComplete: true, removeOnFail: true, attempts: 1 }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer from the queue')), ADD_TIMEOUT_MS))),
      ]);
      this.warned = false;
    } catch (error) {
      this.warnOnce((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private open(): Queue.Queue<PollJob> {
    if (!this.queue) {
      this.queue = new Queue<PollJob>(QueueName.Ballots, this.config.redisUrl, { redis: { maxRetriesPerRequest: null, enableReadyCheck: false } });
      this.queue.on('error', (error) => this.warnOnce(error.message));
    }
    return this.queue;
  }

  private warnOnce(why: string): void {
    if (this.warned) return;
    this.warned = true;
    this.log.warn(`poll tallies wait for the worker's sweep: ${why}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([queue.close(), new Promise((r) => (timer = setTimeout(r, ADD_TIMEOUT_MS)))]).catch(() => undefined);
    clearTimeout(timer);
    queue.clients.forEach((client) => client.disconnect());
  }
}
