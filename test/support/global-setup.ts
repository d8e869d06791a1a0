import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { MIGRATIONS } from '../../libs/database/src/migrations';
import { testDatabaseUrl } from './test-config';

/** A throwaway database per run, built by the committed migrations (never `synchronize`). */
export default async function globalSetup(): Promise<void> {
  const url = new URL(testDatabaseUrl());
  const name = url.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  // Only the migrations: jest's global setup does not apply the @hoinghi/* module aliases.
  const dataSource = new DataSource({ type: 'postgres', url: url.toString(), migrations: MIGRATIONS, migrationsTableName: 'migrations' });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  await dataSource.destroy();
}
