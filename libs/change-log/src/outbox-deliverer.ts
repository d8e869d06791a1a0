import type { OutboxMessageEntity } from '@hoinghi/database';
import Queue from 'bull';
import type Redis from 'ioredis';
import type { OutboxDeliverer, RelayLogger } from './change-relay';

/**
 * Delivers outbox messages: Redis messages on their channel, queue jobs to Bull with the conference and
 * message ids as the job id, so a job re-delivered after a failure between Bull and our commit is not
 * run twice (the conference id keeps ids unique across databases sharing one Redis).
 */
export function outboxDeliverer(redis: Redis, redisUrl: string, log: RelayLogger): { deliver: OutboxDeliverer; close(): Promise<void> } {
  const queues = new Map<string, Queue.Queue>();
  const deliver: OutboxDeliverer = async (message: OutboxMessageEntity) => {
    // Bull's own connection would wait for Redis while we hold the feed's lock: fail fast instead.
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    if (message.kind === 'redis') {
      await redis.publish(message.target, JSON.stringify(message.payload));
      return;
    }
    const [queueName, jobName] = message.target.split('/', 2);
    let queue = queues.get(queueName);
    if (!queue) {
      // Commands wait for Redis instead of failing after 20 retries as unhandled rejections inside Bull.
      queue = new Queue(queueName, redisUrl, { redis: { maxRetriesPerRequest: null, enableReadyCheck: false } });
      queue.on('error', (error) => log.warn(`queue ${queueName}: ${error.message}`));
      queues.set(queueName, queue);
    }
    await withTimeout(queue.add(jobName, message.payload, { jobId: `outbox-${message.conferenceId}-${message.id}`, attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000 }), ADD_TIMEOUT_MS);
  };
  // Closing waits for Redis; while it is away, drop the connections instead of hanging the shutdown.
  const closeQueue = (queue: Queue.Queue) =>
    withTimeout(queue.close(), ADD_TIMEOUT_MS).catch(() => queue.clients.forEach((client) => client.disconnect()));
  return { deliver, close: async () => void (await Promise.all([...queues.values()].map(closeQueue))) };
}

/** A job not taken by Bull in this time is retried later, rather than holding the conference's feed. */
const ADD_TIMEOUT_MS = 5000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from the queue in ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
