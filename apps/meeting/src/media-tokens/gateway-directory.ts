import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { GatewayAnnouncement, MediaClusterKey, parseGatewayAnnouncement } from '@hoinghi/contracts';
import { placeSite } from '@hoinghi/domain';
import { closeRedis } from '@hoinghi/server-kit';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** How long a site's placement is remembered (a conference lasts a day at most). */
const PLACEMENT_TTL_S = 2 * 86_400;

/**
 * The live media gateways as they announce themselves in Redis (contracts/media-cluster.ts), and where
 * each site of a conference goes (placeSite in libs/domain). No live gateway, or Redis unreadable: null,
 * and the caller answers MEDIA_PUBLIC_URL as with a single gateway.
 */
@Injectable()
export class GatewayDirectory implements OnApplicationShutdown {
  private readonly log = new Logger('GatewayDirectory');
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A join must not wait for a Redis that is away: fail fast and fall back to MEDIA_PUBLIC_URL.
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
    this.redis.on('error', (error) => this.log.warn(`Redis: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  /** The gateway a site of a conference joins on: where it already is while that gateway lives, else the least loaded. */
  async place(conferenceId: string, siteId: string): Promise<GatewayAnnouncement | null> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const live = await this.live();
      if (live.length === 0) return null;
      const placements = await this.redis.hgetall(MediaClusterKey.placements(conferenceId));
      const recent = await this.redis.mget(live.map((g) => MediaClusterKey.recentlyPlaced(g.gatewayId)));
      const hosts = new Set(Object.values(placements));
      const chosen = placeSite(live.map((g, i) => ({
        id: g.gatewayId, sites: g.sites + Number(recent[i] ?? 0), consumers: g.consumers, hostsConference: hosts.has(g.gatewayId),
      })), placements[siteId] ?? null);
      const gateway = live.find((g) => g.gatewayId === chosen)!;
      if (placements[siteId] !== gateway.gatewayId) {
        const placed = MediaClusterKey.recentlyPlaced(gateway.gatewayId);
        await this.redis.multi()
          .hset(MediaClusterKey.placements(conferenceId), siteId, gateway.gatewayId).expire(MediaClusterKey.placements(conferenceId), PLACEMENT_TTL_S)
          // Counted until the gateway's next heartbeats include the site itself.
          .incr(placed).pexpire(placed, gateway.heartbeatMs * 2)
          .exec();
      }
      return gateway;
    } catch (error) {
      this.log.warn(`cannot read the media gateways (answering MEDIA_PUBLIC_URL): ${(error as Error).message}`);
      return null;
    }
  }

  private async live(): Promise<GatewayAnnouncement[]> {
    const ids = await this.redis.smembers(MediaClusterKey.gateways);
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => MediaClusterKey.gateway(id)));
    return ids.map((id, i) => parseGatewayAnnouncement(values[i])).filter((g, i): g is GatewayAnnouncement => g?.gatewayId === ids[i]);
  }
}
