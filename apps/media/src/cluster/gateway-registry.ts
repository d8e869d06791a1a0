import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayAnnouncement, MediaClusterKey, parseGatewayAnnouncement } from '@hoinghi/contracts';
import { closeRedis } from '@hoinghi/server-kit';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { RoomsService } from '../rooms/rooms.service';

/** A gateway counts as dead this many heartbeats after its last announcement. */
const HEARTBEATS_TO_LIVE = 3;

/**
 * This gateway's announcement in Redis (contracts/media-cluster.ts) and the live gateways as last read:
 * every heartbeat it writes its own (load = its sites and consumers) with a time to live and reads the
 * others'. A gateway that stops (killed, host down, cut off from Redis) drops out when its key expires;
 * one that restarts comes back as a new instance.
 */
@Injectable()
export class GatewayRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('GatewayRegistry');
  private readonly redis: Redis | null;
  private readonly events = new EventEmitter();
  private timer: NodeJS.Timeout | null = null;
  private liveGateways = new Map<string, GatewayAnnouncement>();
  /** New at every start: the others tell a restarted gateway from the one they piped to before. */
  readonly instance = randomUUID();

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly rooms: RoomsService,
  ) {
    this.redis = config.cluster ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
    this.redis?.on('error', (error) => this.log.warn(`Redis: ${error.message}`));
  }

  get enabled(): boolean {
    return this.config.cluster !== null;
  }

  get gatewayId(): string {
    return this.config.cluster?.gatewayId ?? '';
  }

  async onModuleInit(): Promise<void> {
    const cluster = this.config.cluster;
    if (!cluster) return;
    await this.beat();
    this.timer = setInterval(() => void this.beat(), cluster.heartbeatMs);
    this.log.log(`gateway ${cluster.gatewayId} (${cluster.publicUrl}, pipes from ${cluster.pipeAddress}) joined the cluster`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (!this.redis) return;
    // Leaving on purpose: the others stop counting on it now, not three heartbeats later.
    await this.redis.del(MediaClusterKey.gateway(this.gatewayId)).catch(() => undefined);
    await closeRedis(this.redis);
  }

  /** The other live gateways, by id, as of the last heartbeat. */
  others(): ReadonlyMap<string, GatewayAnnouncement> {
    return this.liveGateways;
  }

  /** A gateway that is live now as that very instance (not one that has since restarted). */
  isLive(gatewayId: string, instance: string): boolean {
    return this.liveGateways.get(gatewayId)?.instance === instance;
  }

  /** The set of live gateways (or an instance of one) changed. */
  onChange(listener: () => void): void {
    this.events.on('change', listener);
  }

  private async beat(): Promise<void> {
    const cluster = this.config.cluster!;
    const redis = this.redis!;
    let sites = 0;
    let consumers = 0;
    for (const room of this.rooms.all()) {
      sites += room.localSiteCount;
      for (const peer of room.peers.values()) consumers += peer.consumers.size;
    }
    const own: GatewayAnnouncement = {
      v: 1, gatewayId: cluster.gatewayId, instance: this.instance, url: cluster.publicUrl, pipeAddress: cluster.pipeAddress,
      sites, consumers, heartbeatMs: cluster.heartbeatMs, at: new Date().toISOString(),
    };
    try {
      await redis.multi()
        .set(MediaClusterKey.gateway(cluster.gatewayId), JSON.stringify(own), 'PX', cluster.heartbeatMs * HEARTBEATS_TO_LIVE)
        .sadd(MediaClusterKey.gateways, cluster.gatewayId)
        .exec();
      const ids = (await redis.smembers(MediaClusterKey.gateways)).filter((id) => id !== cluster.gatewayId);
      const values = ids.length ? await redis.mget(ids.map((id) => MediaClusterKey.gateway(id))) : [];
      const next = new Map<string, GatewayAnnouncement>();
      ids.forEach((id, i) => {
        const announcement = parseGatewayAnnouncement(values[i]);
        if (announcement?.gatewayId === id) next.set(id, announcement);
      });
      this.update(next);
    } catch (error) {
      // Cut off from Redis, this gateway cannot tell who lives: it keeps what it knew (media keeps flowing).
      this.log.warn(`heartbeat: ${(error as Error).message}`);
    }
  }

  private update(next: Map<string, GatewayAnnouncement>): void {
    const key = (m: Map<string, GatewayAnnouncement>) => [...m.values()].map((g) => `${g.gatewayId}/${g.instance}`).sort().join(',');
    const changed = key(next) !== key(this.liveGateways);
    for (const [id, old] of this.liveGateways) {
      if (next.get(id)?.instance !== old.instance) this.log.warn(`gateway ${id} ${next.has(id) ? 'restarted' : 'is gone'}`);
    }
    this.liveGateways = next;
    if (changed) this.events.emit('change');
  }
}
