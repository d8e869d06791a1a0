import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeRecord, ChangeRelay, lockConference, writeChanges } from '@hoinghi/change-log';
import type { ConferenceEntity } from '@hoinghi/database';
import { DataSource, EntityManager } from 'typeorm';
import { WORKER_CONFIG, WorkerConfig } from '../config/worker-config';

/**
 * How the worker changes a conference: the same change log as the meeting service, in the worker's
 * own transaction, published to the sockets through Redis without a socket server here.
 */
@Injectable()
export class WorkerChanges implements OnModuleInit, BeforeApplicationShutdown {
  private readonly relay: ChangeRelay;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Inject(WORKER_CONFIG) config: WorkerConfig) {
    this.relay = ChangeRelay.connect(dataSource, config.redisUrl, {
      coalesceMs: config.liveCoalesceMs, sweepMs: config.relaySweepMs, batchSize: 500,
    }, new Logger('ChangeRelay'));
  }

  onModuleInit(): void {
    this.relay.start();
  }

  /**
   * Runs `work` on the locked conference and records what it returns: one change, or several written
   * together (a group of stored comments); null or none: nothing to record.
   */
  async run<T>(
    conferenceId: string,
    work: (em: EntityManager, conference: ConferenceEntity) => Promise<{ result: T; change: ChangeRecord | ChangeRecord[] | null } | null>,
  ): Promise<T | null> {
    const result = await this.dataSource.transaction(async (em) => {
      const conference = await lockConference(em, conferenceId);
      if (!conference) return null;
      const outcome = await work(em, conference);
      const changes = outcome?.change ? [outcome.change].flat() : [];
      if (changes.length) await writeChanges(em, conference, changes, new Date());
      return outcome ? outcome.result : null;
    });
    this.relay.kick(conferenceId);
    return result;
  }

  /** Before the database closes: a sweep in flight finishes, nothing new starts. */
  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}
