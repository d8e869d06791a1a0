import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ChangeRelay, ImmediateMessage } from '@hoinghi/change-log';
import { dataSourceOptions } from '@hoinghi/database';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Connections of the relay's own: publishing must not wait for a connection of the requests' pool. */
const RELAY_CONNECTIONS = 2;

/**
 * The meeting service's change relay: publishes committed changes and delivers the outbox. It has its
 * own small pool: under load the shared pool's connections are all held by requests queued for a
 * conference's row lock, and a relay waiting behind them delays every delta by the length of that queue.
 */
@Injectable()
export class ChangeRelayService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly relay: ChangeRelay;
  private readonly dataSource: DataSource;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const options = dataSourceOptions({ url: config.databaseUrl });
    this.dataSource = new DataSource({ ...options, extra: { ...options.extra, max: RELAY_CONNECTIONS } } as typeof options);
    this.relay = ChangeRelay.connect(this.dataSource, config.redisUrl, {
      coalesceMs: config.liveCoalesceMs, sweepMs: config.relaySweepMs, batchSize: 500,
    }, new Logger('ChangeRelay'));
  }

  async onModuleInit(): Promise<void> {
    await this.dataSource.initialize();
    this.relay.start();
  }

  kick(conferenceId: string): void {
    this.relay.kick(conferenceId);
  }

  /** A committed change's immediate messages (floor events), published now; see ChangeRelay.publishNow. */
  publishNow(messages: ImmediateMessage[]): void {
    this.relay.publishNow(messages);
  }

  /** Before the database closes: a sweep in flight finishes, nothing new starts; then its own pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
