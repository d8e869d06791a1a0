import Redis from 'ioredis';
import { closeRedis } from './redis-close';

/**
 * One Redis connection listening to one pub/sub channel, each message handed to `handle`; a failed
 * handling is logged, never an unhandled rejection. `open` at bootstrap, `close` at shutdown.
 */
export class RedisChannelListener {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly channel: string,
    private readonly handle: (message: string) => Promise<void>,
    private readonly log: { warn(message: string): void; error(message: string): void },
  ) {
    this.redis = new Redis(redisUrl, { lazyConnect: true });
    this.redis.on('error', (error) => log.warn(`Redis: ${error.message}`));
  }

  async open(): Promise<void> {
    await this.redis.connect();
    await this.redis.subscribe(this.channel);
    this.redis.on('message', (_channel: string, message: string) => void this.handle(message).catch((error: unknown) => {
      this.log.error(`could not handle a message on ${this.channel}: ${String(error)}`);
    }));
  }

  close(): Promise<void> {
    return closeRedis(this.redis);
  }
}
