import { Client } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseConfig {
  url: string; // postgres://user@host:port/database
}

/** TypeORM options for every process. Schema changes only through committed migrations. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+
    logging: ['error'],
    extra: { max: 20 },
  };
}

/** Creates the database named in the URL when it does not exist (first start on a new machine). */
export async function ensureDatabase(config: DatabaseConfig): Promise<void> {
  const url = new URL(config.url);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
