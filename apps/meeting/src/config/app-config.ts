import {
  DATABASE_PROTOCOLS, envInt, envUrl, LOCAL_DATABASE_OWNER_URL, LOCAL_DATABASE_URL, LOCAL_REDIS_URL, REDIS_PROTOCOLS,
} from '@hoinghi/server-kit';

/**
 * The meeting service's configuration, read once from the environment and validated at start-up.
 * Nothing else in the service reads process.env.
 */
export interface AppConfig {
  port: number;
  /** What the service connects as: data, but not rewriting the audit trail. */
  databaseUrl: string;
  /** The schema's owner: creates the database, runs the migrations, grants `databaseUrl`'s role. */
  databaseOwnerUrl: string;
  redisUrl: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  mediaTokenSecret: string;
  mediaTokenSeconds: number;
  mediaPublicUrl: string;
  /** A client further behind than this many versions gets a snapshot instead of deltas. */
  maxCatchUpDeltas: number;
  /** State changes (totals, quorum) reach each audience at most this often, newest wins. */
  liveCoalesceMs: number;
  /** How often the change relay looks for changes or outbox messages nobody delivered yet. */
  relaySweepMs: number;
  webDistDir: string | null;
  production: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEV_SECRET = 'hoinghi-dev-secret-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const secret = (name: string) => {
    const value = env[name] || DEV_SECRET;
    if (production && value === DEV_SECRET) throw new Error(`${name} must be set in production`);
    if (value.length < 16) throw new Error(`${name} must be at least 16 characters`);
    return value;
  };
  return {
    port: envInt(env, 'PORT', 3000, 0, 65535),
    ...databaseUrls(env, production),
    redisUrl: envUrl(env, 'REDIS_URL', LOCAL_REDIS_URL, REDIS_PROTOCOLS),
    jwtSecret: secret('JWT_SECRET'),
    jwtExpiresIn: env.JWT_EXPIRES_IN || '12h',
    mediaTokenSecret: secret('MEDIA_TOKEN_SECRET'),
    mediaTokenSeconds: envInt(env, 'MEDIA_TOKEN_SECONDS', 120, 10, 3600),
    mediaPublicUrl: env.MEDIA_PUBLIC_URL || 'http://localhost:3100',
    maxCatchUpDeltas: envInt(env, 'MAX_CATCH_UP_DELTAS', 500, 1, 100000),
    liveCoalesceMs: envInt(env, 'LIVE_COALESCE_MS', 250, 0, 5000),
    relaySweepMs: envInt(env, 'RELAY_SWEEP_MS', 1000, 50, 60000),
    webDistDir: env.WEB_DIST_DIR === '' ? null : env.WEB_DIST_DIR || 'dist/web',
    production,
  };
}

/**
 * Two roles: the service's (DATABASE_URL) and the schema owner's (DATABASE_OWNER_URL). Given only
 * DATABASE_URL, it is both (a bench, a one-role deployment) — refused in production, where the service
 * must not be able to rewrite the audit trail.
 */
function databaseUrls(env: NodeJS.ProcessEnv, production: boolean): Pick<AppConfig, 'databaseUrl' | 'databaseOwnerUrl'> {
  const databaseUrl = envUrl(env, 'DATABASE_URL', LOCAL_DATABASE_URL, DATABASE_PROTOCOLS);
  const ownerFallback = env.DATABASE_URL ? databaseUrl : LOCAL_DATABASE_OWNER_URL;
  const databaseOwnerUrl = envUrl(env, 'DATABASE_OWNER_URL', ownerFallback, DATABASE_PROTOCOLS);
  const user = (url: string) => decodeURIComponent(new URL(url).username);
  if (production && user(databaseUrl) === user(databaseOwnerUrl)) {
    throw new Error('DATABASE_URL must connect as another role than DATABASE_OWNER_URL in production, so the service cannot rewrite the audit trail');
  }
  return { databaseUrl, databaseOwnerUrl };
}
