import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeRelay } from '@hoinghi/change-log';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The meeting service's change relay: publishes committed changes and delivers the outbox. */
@Injectable()
export class ChangeRelayService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly relay: ChangeRelay;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.relay = ChangeRelay.connect(dataSource, config.redisUrl, {
      coalesceMs: config.liveCoalesceMs, sweepMs: config.relaySweepMs, batchSize: 500,
    }, new Logger('ChangeRelay'));
  }

  onModuleInit(): void {
    this.relay.start();
  }

  kick(conferenceId: string): void {
    this.relay.kick(conferenceId);
  }

  /** Before the database closes: a sweep in flight finishes, nothing new starts. */
  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}
