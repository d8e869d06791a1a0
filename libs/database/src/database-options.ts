import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations';

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
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+
    logging: ['error'],
    extra: { max: 20 },
  };
}
