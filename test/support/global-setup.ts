import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase } from '../../libs/database/src/database-admin';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../../libs/database/src/migrations';
import { testDatabaseUrl } from './test-database';

/** A throwaway database per run, built by the committed migrations (never `synchronize`). */
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  await dropDatabase({ url });
  await ensureDatabase({ url });
  // Only the migrations: jest's global setup does not apply the @hoinghi/* module aliases.
  const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTableName: MIGRATIONS_TABLE });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  await dataSource.destroy();
}
