import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import * as mediasoup from 'mediasoup';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';

type Worker = mediasoup.types.Worker;
type WebRtcServer = mediasoup.types.WebRtcServer;
type Router = mediasoup.types.Router;
type RouterRtpCodecCapability = mediasoup.types.RouterRtpCodecCapability;

export interface PooledWorker {
  index: number;
  worker: Worker;
  /** One port per worker, so a district firewall opens one UDP/TCP port per host. */
  webRtcServer: WebRtcServer;
  /** Live routers on this worker: the load measure for placing new ones. */
  routers: Set<Router>;
}

/** A router placed by the pool, with what transports on it need. */
export interface PlacedRouter {
  router: Router;
  workerIndex: number;
  webRtcServer: WebRtcServer;
}

export interface WorkerDeath {
  index: number;
  pid: number;
  error: Error;
}

export interface WorkerReplacement {
  index: number;
  oldPid: number;
  pid: number;
}

export interface WorkerHealth {
  index: number;
  pid: number;
  closed: boolean;
  port: number;
  routers: number;
  conferences: string[];
}

/**
 * The gateway's mediasoup workers, one WebRtcServer each. A worker that dies is replaced at the same
 * index, so its WebRtcServer comes back on the same port (the one district firewalls allow).
 */
@Injectable()
export class WorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('WorkerPool');
  private readonly pool: PooledWorker[] = [];
  private readonly events = new EventEmitter();
  private closing = false;

  constructor(@Inject(MEDIA_CONFIG) private readonly config: MediaConfig) {}

  async onModuleInit(): Promise<void> {
    for (let index = 0; index < this.config.workers; index++) this.pool.push(await this.start(index));
    this.log.log(`${this.pool.length} mediasoup worker(s), RTC ports ${this.config.rtcBasePort}-${this.config.rtcBasePort + this.pool.length - 1}`);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const { worker } of this.pool) worker.close();
  }

  workers(): readonly PooledWorker[] {
    return this.pool;
  }

  health(): WorkerHealth[] {
    return this.pool.map(({ index, worker, routers }) => ({
      index,
      pid: worker.pid,
      closed: worker.closed,
      port: this.config.rtcBasePort + index,
      routers: routers.size,
      conferences: [...new Set([...routers].map((r) => String(r.appData.conferenceId)))],
    }));
  }

  /** Fires after a worker has died (its routers are already closed), before its replacement starts. */
  onWorkerDied(listener: (death: WorkerDeath) => void): void {
    this.events.on('died', listener);
  }

  onWorkerReplaced(listener: (replacement: WorkerReplacement) => void): void {
    this.events.on('replaced', listener);
  }

  /**
   * A router on the least-loaded live worker (fewest routers; workers in `avoid` lose ties, so a
   * conference that spans workers spreads out). Waits for a replacement when every worker is dead.
   */
  async createRouter(conferenceId: string, mediaCodecs: RouterRtpCodecCapability[], avoid: ReadonlySet<number> = new Set()): Promise<PlacedRouter> {
    for (let attempt = 0; ; attempt++) {
      const live = this.pool.filter((p) => !p.worker.closed);
      if (live.length > 0) {
        const entry = live.sort((a, b) => a.routers.size - b.routers.size || Number(avoid.has(a.index)) - Number(avoid.has(b.index)) || a.index - b.index)[0];
        const router = await entry.worker.createRouter({ mediaCodecs, appData: { conferenceId, workerIndex: entry.index } });
        entry.routers.add(router);
        router.observer.once('close', () => entry.routers.delete(router));
        return { router, workerIndex: entry.index, webRtcServer: entry.webRtcServer };
      }
      if (this.closing || attempt > 100) throw new Error('No live mediasoup worker');
      await sleep(100);
    }
  }

  private async start(index: number): Promise<PooledWorker> {
    const worker = await mediasoup.createWorker({ logLevel: 'warn', appData: { index } });
    const port = this.config.rtcBasePort + index;
    const ip = this.config.listenIp;
    const announcedAddress = this.config.announcedAddress ?? undefined;
    let webRtcServer: WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip, announcedAddress, port },
          { protocol: 'tcp', ip, announcedAddress, port },
        ],
      });
    } catch (error) {
      worker.close();
      throw error;
    }
    const entry: PooledWorker = { index, worker, webRtcServer, routers: new Set() };
    worker.on('died', (error) => this.replace(entry, error));
    return entry;
  }

  /** The dead process has exited (mediasoup emits 'died' on exit), so its port is free for the new worker. */
  private replace(dead: PooledWorker, error: Error): void {
    const oldPid = dead.worker.pid;
    this.log.error(`mediasoup worker #${dead.index} (pid ${oldPid}) died: ${error.message}; replacing it`);
    dead.routers.clear();
    this.events.emit('died', { index: dead.index, pid: oldPid, error } satisfies WorkerDeath);
    if (this.closing) return;
    void (async () => {
      for (let attempt = 1; !this.closing; attempt++) {
        try {
          const fresh = await this.start(dead.index);
          if (this.closing) {
            fresh.worker.close();
            return;
          }
          this.pool[this.pool.findIndex((p) => p.index === dead.index)] = fresh;
          this.log.warn(`mediasoup worker #${dead.index} replaced: pid ${oldPid} → ${fresh.worker.pid}, port ${this.config.rtcBasePort + dead.index}`);
          this.events.emit('replaced', { index: dead.index, oldPid, pid: fresh.worker.pid } satisfies WorkerReplacement);
          return;
        } catch (startError) {
          // Typically the port is still held for a moment; back off and retry.
          this.log.error(`restarting worker #${dead.index} failed (attempt ${attempt}): ${(startError as Error).message}`);
          await sleep(Math.min(5000, 200 * attempt));
        }
      }
    })();
  }
}
