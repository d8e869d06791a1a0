import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { prepareDatabase } from '@hoinghi/database';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { DEMO_PASSWORD, seedDemo } from './seed-demo';

/** `npm run seed:demo`: creates the database, runs migrations, seeds the demo conference once. */
async function main(): Promise<void> {
  const config = loadConfig();
  // seedDemo refuses too; here before the database is even created or migrated.
  if (config.production) throw new Error('The demo seed refuses to run with NODE_ENV=production.');
  await prepareDatabase({ ownerUrl: config.databaseOwnerUrl, appUrl: config.databaseUrl });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const { conference, logins } = await seedDemo(app);
    console.log(conference ? `Demo conference created: ${conference.conference.title}` : 'Demo data already present.');
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of logins) console.log(`  ${l.username.padEnd(22)} ${l.fullName} — ${l.does}`);
    console.log(`  ${'quantri'.padEnd(22)} quản trị hệ thống`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
