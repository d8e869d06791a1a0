import type Redis from 'ioredis';

/**
 * Closes a Redis client for good, whatever its state: QUIT when connected (pending replies first),
 * then a disconnect that also stops its reconnect loop — a client still reconnecting to a Redis that
 * is gone would otherwise keep the process alive forever.
 */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => undefined);
  client.disconnect();
}
