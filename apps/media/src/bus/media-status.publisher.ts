import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MediaStatusEvent, RedisChannel } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { closeRedis } from '@hoinghi/server-kit';

/** Tells the meeting service (and the chair console through it) about worker deaths and site quality. */
@Injectable()
export class MediaStatusPublisher implements OnApplicationShutdown {
  private readonly log = new Logger('MediaStatus');
  private readonly redis: Redis;

  constructor(@Inject(MEDIA_CONFIG) config: MediaConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
    this.redis.on('error', (error) => this.log.warn(`Redis: ${error.message}`));
  }

  /** Never throws: media keeps flowing when Redis is away; the status is best effort. */
  async publish(kind: MediaStatusEvent['kind'], conferenceId: string, details: Record<string, unknown>, siteId?: string): Promise<void> {
    const event: MediaStatusEvent = { v: 1, kind, conferenceId, ...(siteId ? { siteId } : {}), details, at: new Date().toISOString() };
    try {
      await this.redis.publish(RedisChannel.MediaStatus, JSON.stringify(event));
    } catch (error) {
      this.log.warn(`could not publish ${kind}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
