import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { FloorEvent, RedisChannel } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Publishes events for other services (the media gateway) on Redis. */
@Injectable()
export class BusPublisher implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  }

  async publishFloor(event: FloorEvent): Promise<void> {
    await this.redis.publish(RedisChannel.Floor, JSON.stringify(event));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
