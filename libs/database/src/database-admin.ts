import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './database-options';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations';

// Creating and dropping whole databases, migrating them, granting the services' role.
// No @hoinghi/* imports here: jest's global setup imports this file without the aliases.

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

export interface DatabaseRoles {
  /** Owns the schema: creates the database, runs the migrations, grants the service its rights. */
  ownerUrl: string;
  /** What the services connect as: reads and writes data, but may not rewrite the audit trail. */
  appUrl: string;
}

/**
 * Makes the service's role able to do its work and nothing more: every table's rows, but on the audit
 * trail, published poll results and counted ballots only SELECT and INSERT (no UPDATE, DELETE, TRUNCATE). Creates the role when the owner may and it
 * is missing (with the password of its URL), so a development machine needs no setup. Idempotent: run
 * at every start, after the migrations, so new tables are covered.
 */
export async function grantServiceRole(roles: DatabaseRoles): Promise<'granted' | 'same-role'> {
  const app = new URL(roles.appUrl);
  const owner = new URL(roles.ownerUrl);
  const role = decodeURIComponent(app.username);
  if (role === decodeURIComponent(owner.username)) return 'same-role';
  const client = new Client({ connectionString: roles.ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rowCount) {
      const password = decodeURIComponent(app.password);
      await client.query(`CREATE ROLE ${quoted(role)} LOGIN${password ? ` PASSWORD ${literal(password)}` : ''}`);
    }
    const database = decodeURIComponent(app.pathname.replace(/^\//, ''));
    await client.query(`GRANT CONNECT ON DATABASE ${quoted(database)} TO ${quoted(role)}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${quoted(role)}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted(role)}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted(role)}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM ${quoted(role)}`);
    // A published result and a counted ballot are final: written once, never changed nor removed.
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON poll_results, ballots FROM ${quoted(role)}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${quoted(role)}`);
  } finally {
    await client.end();
  }
  return 'granted';
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Before a service opens its own connection: the database exists, the migrations ran as the owner,
 * the service's role has its rights. Returns whether the service runs as a role of its own.
 */
export async function prepareDatabase(roles: DatabaseRoles): Promise<'granted' | 'same-role'> {
  await ensureDatabase({ url: roles.ownerUrl });
  const owner = new DataSource({ type: 'postgres', url: roles.ownerUrl, migrations: MIGRATIONS, migrationsTableName: MIGRATIONS_TABLE });
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: 'all' });
  } finally {
    await owner.destroy();
  }
  return grantServiceRole(roles);
}
