// The worker consumes Bull jobs from the real Redis.
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HeartbeatJob, HeartbeatResult, JobName, QueueName } from '@hoinghi/contracts';
import Queue from 'bull';
import { loadWorkerConfig } from '../apps/worker/src/config/worker-config';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { testAppDatabaseUrl } from './support/test-config';

describe('worker', () => {
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  let worker: INestApplicationContext;
  let queue: Queue.Queue<HeartbeatJob>;

  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadWorkerConfig({ NODE_ENV: 'test', DATABASE_URL: testAppDatabaseUrl(), REDIS_URL: redisUrl })), { logger: false });
    await worker.init();
    queue = new Queue<HeartbeatJob>(QueueName.Maintenance, redisUrl);
  });

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
  });

  it('answers a heartbeat job', async () => {
    // Kept until read: with removeOnComplete, a job done before finished() looks could never resolve it.
    const job = await queue.add(JobName.Heartbeat, { sentAt: new Date().toISOString() });
    const result = (await job.finished()) as HeartbeatResult;
    await job.remove();
    expect(result.worker).toMatch(/:\d+$/);
    expect(Date.parse(result.receivedAt)).toBeGreaterThanOrEqual(Date.parse(job.data.sentAt));
  });
});
