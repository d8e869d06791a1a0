import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MediaConfig } from './config/media-config';
import { MediaModule } from './media.module';

/**
 * Builds the media gateway (used by main.ts and the end-to-end tests). socket.io uses the in-memory
 * adapter on purpose: a site is placed on one gateway, so its sockets all land there, and gateways that
 * share a conference do so through room states and pipe transports (cluster/); see docs/architecture.md.
 */
export async function createMediaApp(config: MediaConfig, logger: LogLevel[] = ['error', 'warn', 'log']): Promise<INestApplication> {
  const app = await NestFactory.create(MediaModule.forRoot(config), { logger });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  app.enableCors({ origin: true, credentials: true });
  return app;
}
