import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadMediaConfig } from './config/media-config';
import { MediaModule } from './media.module';

async function main(): Promise<void> {
  const config = loadMediaConfig();
  const app = await NestFactory.create(MediaModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  await app.listen(config.port);
  new Logger('media').log(`hoinghi media gateway on http://localhost:${config.port}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
