import { Client } from 'pg';
import type { DatabaseConfig } from './database-options';

// Creating and dropping whole databases, through the server's `postgres` database.
// Only `pg` here: jest's global setup imports this file without the @hoinghi/* aliases.

/** Creates the database named in the URL when it does not exist (first start on a new machine). */
export async function ensureDatabase(config: DatabaseConfig): Promise<void> {
  await withServer(config, async (admin, name) => {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${quoted(name)}`);
  });
}

/** Drops the database named in the URL, closing its connections (throwaway test and bench databases). */
export async function dropDatabase(config: DatabaseConfig): Promise<void> {
  await withServer(config, (admin, name) => admin.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
}

async function withServer(config: DatabaseConfig, work: (admin: Client, name: string) => Promise<unknown>): Promise<void> {
  const url = new URL(config.url);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await work(admin, name);
  } finally {
    await admin.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
