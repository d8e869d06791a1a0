import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { keepServingOnStrayRejections } from '@hoinghi/server-kit';
import { loadWorkerConfig } from './config/worker-config';
import { WorkerModule } from './worker.module';

/** The Bull queue worker: no HTTP, only queue consumers (and the change relay for what they change). */
async function main(): Promise<void> {
  keepServingOnStrayRejections(new Logger('process'));
  const config = loadWorkerConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  new Logger('worker').log(`hoinghi worker consuming queues on ${config.redisUrl}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
