import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { prepareDatabase } from '@hoinghi/database';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { RedisIoAdapter } from './change-log/redis-io.adapter';
import { API_PREFIX, serveOpenApi } from './openapi';

/** Builds the meeting service (used by main.ts, the end-to-end tests and the benchmarks). */
export async function createMeetingApp(config: AppConfig, logLevels: LogLevel[] = ['error', 'warn', 'log']): Promise<INestApplication> {
  if ((await prepareDatabase({ ownerUrl: config.databaseOwnerUrl, appUrl: config.databaseUrl })) === 'same-role') {
    new Logger('database').warn('The service connects as the schema owner: the audit trail is not protected from it (set DATABASE_OWNER_URL).');
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: logLevels });
  app.setGlobalPrefix(API_PREFIX);
  // Express's default of 100 kB would refuse a national conference's site list long before the
  // documented 5000 sites; anything larger answers 413 PAYLOAD_TOO_LARGE.
  app.useBodyParser('json', { limit: '2mb' });
  app.enableShutdownHooks();
  const adapter = new RedisIoAdapter(app, config.redisUrl, config.liveFanoutChunk);
  await adapter.connect();
  app.useWebSocketAdapter(adapter);

  serveOpenApi(app);

  serveWebApp(app, config.webDistDir);
  return app;
}

/** The built browser app, with client-side routes falling back to index.html. */
function serveWebApp(app: NestExpressApplication, dir: string | null): void {
  if (!dir) return;
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return;
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((req: { method: string; path: string }, res: { sendFile(p: string): void }, next: () => void) => {
    if (req.method === 'GET' && !req.path.startsWith('/api') && !req.path.startsWith('/socket.io')) res.sendFile(join(root, 'index.html'));
    else next();
  });
}
