import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { unauthenticated } from '@hoinghi/domain';
import { closeRedis } from '@hoinghi/server-kit';
import Redis from 'ioredis';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';

const KEY = (jti: string) => `hoinghi:media:used-join-token:${jti}`;
const REDIS_TIMEOUT_MS = 500;

/**
 * Join tokens are single-use: the first handshake with a token records its `jti` until the token expires
 * (Redis `SET NX EX`, so every gateway instance sees it); a second one is refused with TOKEN_ALREADY_USED.
 * While Redis is unreachable the gateway records the `jti` in its own memory instead: sites keep joining,
 * and a replay is still refused by this process, though not by another gateway instance (docs/security.md).
 */
@Injectable()
export class UsedJoinTokens implements OnApplicationShutdown {
  private readonly log = new Logger('UsedJoinTokens');
  private readonly redis: Redis;
  /** jti → expiry (ms); used while Redis is away, and always checked, so a token used then stays used. */
  private readonly local = new Map<string, number>();
  private lastError: string | null = null;

  constructor(@Inject(MEDIA_CONFIG) config: MediaConfig) {
    // No offline queue: a command while Redis is away fails at once instead of waiting for it.
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    // Once per kind of failure, not once per reconnection attempt.
    this.redis.on('error', (error) => {
      if (error.message !== this.lastError) this.log.warn(`Redis: ${error.message}`);
      this.lastError = error.message;
    });
    this.redis.on('ready', () => (this.lastError = null));
  }

  /** Records the token's use; throws TOKEN_ALREADY_USED when it was used before. */
  async claim(jti: string, expiresAtMs: number): Promise<void> {
    this.sweep();
    if (this.local.has(jti)) throw alreadyUsed();
    const seconds = Math.max(1, Math.ceil((expiresAtMs - Date.now()) / 1000) + 1);
    let first: boolean;
    try {
      const answer = await Promise.race([
        this.redis.set(KEY(jti), '1', 'EX', seconds, 'NX'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS).unref()),
      ]);
      first = answer === 'OK';
    } catch (error) {
      this.log.warn(`cannot record join token use in Redis (${(error as Error).message}); remembering it in this process`);
      this.local.set(jti, expiresAtMs);
      return;
    }
    if (!first) throw alreadyUsed();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [jti, expiresAt] of this.local) if (expiresAt < now) this.local.delete(jti);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

const alreadyUsed = () =>
  unauthenticated('TOKEN_ALREADY_USED', 'This media join token has already been used; ask the meeting service for a new one.');
