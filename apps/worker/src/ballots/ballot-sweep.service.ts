import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicSweep } from '../common/periodic-sweep';
import { WORKER_CONFIG, WorkerConfig } from '../config/worker-config';
import { PollCounter } from './poll-counter.service';

/**
 * What the doorbells missed (Redis away, a job lost with a killed worker): every `ballotSweepMs`, an
 * open poll whose tallied turnout is behind its voters is tallied, and a closed poll is counted.
 * Both are idempotent, so racing a job is harmless.
 */
@Injectable()
export class BallotSweep implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(BallotSweep.name);
  private readonly sweeper: PeriodicSweep;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counter: PollCounter,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
  ) {
    this.sweeper = new PeriodicSweep('ballot sweep', config.ballotSweepMs, () => this.catchUp(), this.log);
  }

  onModuleInit(): void {
    this.sweeper.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweeper.stop();
  }

  private async catchUp(): Promise<void> {
    const due = await this.dataSource.query(
      `SELECT p.id, p.conference_id AS "conferenceId", p.status FROM polls p
        WHERE p.status = 'closed' OR (p.status = 'open' AND p.voted <> (SELECT count(*) FROM poll_voters v WHERE v.poll_id = p.id))`,
    ) as { id: string; conferenceId: string; status: 'open' | 'closed' }[];
    for (const poll of due) {
      if (poll.status === 'open') await this.counter.tally(poll.conferenceId, poll.id);
      else if ((await this.counter.count(poll.conferenceId, poll.id))?.published) this.log.warn(`counted poll ${poll.id}, whose job had not`);
    }
  }
}
