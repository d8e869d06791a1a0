import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createMediaApp } from './bootstrap';
import { loadMediaConfig } from './config/media-config';

async function main(): Promise<void> {
  const config = loadMediaConfig();
  const app = await createMediaApp(config);
  await app.listen(config.port);
  new Logger('media').log(`hoinghi media gateway on http://localhost:${config.port} (signalling namespace /media)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
