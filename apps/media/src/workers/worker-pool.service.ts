import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import * as mediasoup from 'mediasoup';
type Worker = mediasoup.types.Worker;
type WebRtcServer = mediasoup.types.WebRtcServer;
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';

export interface PooledWorker {
  index: number;
  worker: Worker;
  /** One port per worker, so a district firewall opens one UDP/TCP port per host. */
  webRtcServer: WebRtcServer;
}

/** The gateway's mediasoup workers, one WebRtcServer each. */
@Injectable()
export class WorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('WorkerPool');
  private readonly pool: PooledWorker[] = [];

  constructor(@Inject(MEDIA_CONFIG) private readonly config: MediaConfig) {}

  async onModuleInit(): Promise<void> {
    for (let index = 0; index < this.config.workers; index++) this.pool.push(await this.start(index));
    this.log.log(`${this.pool.length} mediasoup worker(s), RTC ports ${this.config.rtcBasePort}-${this.config.rtcBasePort + this.pool.length - 1}`);
  }

  async onModuleDestroy(): Promise<void> {
    for (const { worker } of this.pool) worker.close();
  }

  workers(): readonly PooledWorker[] {
    return this.pool;
  }

  private async start(index: number): Promise<PooledWorker> {
    const worker = await mediasoup.createWorker({ logLevel: 'warn' });
    const port = this.config.rtcBasePort + index;
    const ip = this.config.listenIp;
    const announcedAddress = this.config.announcedAddress ?? undefined;
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip, announcedAddress, port },
        { protocol: 'tcp', ip, announcedAddress, port },
      ],
    });
    return { index, worker, webRtcServer };
  }
}
