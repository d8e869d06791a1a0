import { DATABASE_PROTOCOLS, envInt, envUrl, LOCAL_DATABASE_URL, LOCAL_REDIS_URL, REDIS_PROTOCOLS } from '@hoinghi/server-kit';

/**
 * The meeting service's configuration, read once from the environment and validated at start-up.
 * Nothing else in the service reads process.env.
 */
export interface AppConfig {
  port: number;
  databaseUrl: string;
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
    databaseUrl: envUrl(env, 'DATABASE_URL', LOCAL_DATABASE_URL, DATABASE_PROTOCOLS),
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
