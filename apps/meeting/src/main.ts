import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { keepServingOnStrayRejections } from '@hoinghi/server-kit';
import { createMeetingApp } from './bootstrap';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  keepServingOnStrayRejections(new Logger('process'));
  const config = loadConfig();
  const app = await createMeetingApp(config);
  await app.listen(config.port);
  new Logger('meeting').log(`hoinghi meeting service on http://localhost:${config.port} (API docs at /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
