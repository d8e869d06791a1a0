import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

/** The Bull queue worker: no HTTP, only queue consumers. */
async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(redisUrl), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  new Logger('worker').log(`hoinghi worker consuming queues on ${redisUrl}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
