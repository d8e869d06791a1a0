import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { keepServingOnStrayRejections } from '@hoinghi/server-kit';
import { createMediaApp } from './bootstrap';
import { loadMediaConfig } from './config/media-config';

async function main(): Promise<void> {
  keepServingOnStrayRejections(new Logger('process'));
  const config = loadMediaConfig();
  const app = await createMediaApp(config);
  await app.listen(config.port);
  new Logger('media').log(`hoinghi media gateway on http://localhost:${config.port} (signalling namespace /media)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
