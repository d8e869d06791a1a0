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
      queue = new Queue(queueName, redisUrl);
      queue.on('error', (error) => log.warn(`queue ${queueName}: ${error.message}`));
      queues.set(queueName, queue);
    }
    await queue.add(jobName, message.payload, { jobId: `outbox-${message.conferenceId}-${message.id}`, attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000 });
  };
  return { deliver, close: async () => void (await Promise.allSettled([...queues.values()].map((q) => q.close()))) };
}
