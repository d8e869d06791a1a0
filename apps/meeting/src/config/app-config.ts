import {
  assertDistinctSecrets, DATABASE_PROTOCOLS, envBallotSealKey, envDuration, envInt, envSecret, envUrl, HTTP_PROTOCOLS, LOCAL_DATABASE_OWNER_URL, LOCAL_DATABASE_URL,
  LOCAL_REDIS_URL, REDIS_PROTOCOLS, RunMode, runMode, type BallotSealKey,
} from '@hoinghi/server-kit';
import { cpus } from 'node:os';

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
  /** Lifetime of an access token (JWT_EXPIRES_IN, 30m…24h); clients renew before it ends. */
  jwtExpiresSeconds: number;
  mediaTokenSecret: string;
  mediaTokenSeconds: number;
  /** Seals new secret ballots until the count (BALLOT_SEAL_KEY and BALLOT_SEAL_KEY_ID; the worker holds it too, never stored). */
  ballotSealKey: BallotSealKey;
  /** Password hashes (argon2) running at once (LOGIN_HASH_CONCURRENCY); the rest of the API keeps the other cores. */
  loginHashConcurrency: number;
  /** Logins waiting for a hash slot (LOGIN_HASH_QUEUE); beyond them 429 LOGIN_BUSY. */
  loginHashQueue: number;
  /** Sign-in attempts allowed per client address, and per username, within `loginWindowSeconds`. */
  loginAttemptsPerAddress: number;
  loginAttemptsPerUsername: number;
  loginWindowSeconds: number;
  mediaPublicUrl: string;
  /** Where this service reaches the media gateway's internal routes (its recorded files). */
  mediaInternalUrl: string;
  /** How long a link to play or download one recording works (RECORDING_LINK_EXPIRES_IN, 5m…24h). */
  recordingLinkSeconds: number;
  /** A client further behind than this many versions gets a snapshot instead of deltas. */
  maxCatchUpDeltas: number;
  /** State changes (totals, quorum) reach each audience at most this often, newest wins. */
  liveCoalesceMs: number;
  /** Sockets written per turn of the event loop when a delta fans out to this instance's sockets. */
  liveFanoutChunk: number;
  /** Requests of a burst (check-ins) committed together in one transaction at most (see ChangeGroup). */
  changeGroupMax: number;
  /** Ballots of one poll cast together at most, in one call and one transaction (BALLOT_GROUP_MAX; see BallotBox). */
  ballotGroupMax: number;
  /** How often the change relay looks for changes or outbox messages nobody delivered yet. */
  relaySweepMs: number;
  webDistDir: string | null;
  /** `development` and `test` only when NODE_ENV says exactly so; anything else is production. */
  mode: RunMode;
  production: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Bounds of JWT_EXPIRES_IN: long enough for a renewal round trip, at most a conference day. */
export const ACCESS_TOKEN_MIN_SECONDS = 30 * 60;
export const ACCESS_TOKEN_MAX_SECONDS = 24 * 3600;

/** Throws a sentence naming the variable when a value is missing, weak or out of bounds (see docs/security.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = runMode(env);
  const jwtSecret = envSecret(env, 'JWT_SECRET');
  const mediaTokenSecret = envSecret(env, 'MEDIA_TOKEN_SECRET');
  assertDistinctSecrets(env, jwtSecret, mediaTokenSecret);
  const ballotSealKey = envBallotSealKey(env);
  return {
    port: envInt(env, 'PORT', 3000, 0, 65535),
    ...databaseUrls(env, mode === 'production'),
    redisUrl: envUrl(env, 'REDIS_URL', LOCAL_REDIS_URL, REDIS_PROTOCOLS),
    jwtSecret,
    jwtExpiresSeconds: envDuration(env, 'JWT_EXPIRES_IN', '12h', ACCESS_TOKEN_MIN_SECONDS, ACCESS_TOKEN_MAX_SECONDS),
    mediaTokenSecret,
    mediaTokenSeconds: envInt(env, 'MEDIA_TOKEN_SECONDS', 120, 10, 3600),
    ballotSealKey,
    loginHashConcurrency: envInt(env, 'LOGIN_HASH_CONCURRENCY', Math.max(1, Math.floor(cpus().length / 2)), 1, 64),
    loginHashQueue: envInt(env, 'LOGIN_HASH_QUEUE', 64, 0, 10000),
    loginAttemptsPerAddress: envInt(env, 'LOGIN_ATTEMPTS_PER_ADDRESS', 30, 1, 100000),
    loginAttemptsPerUsername: envInt(env, 'LOGIN_ATTEMPTS_PER_USERNAME', 10, 1, 10000),
    loginWindowSeconds: envInt(env, 'LOGIN_WINDOW_SECONDS', 60, 1, 86400),
    mediaPublicUrl: env.MEDIA_PUBLIC_URL || 'http://localhost:3100',
    mediaInternalUrl: envUrl(env, 'MEDIA_INTERNAL_URL', 'http://127.0.0.1:3100', HTTP_PROTOCOLS),
    recordingLinkSeconds: envDuration(env, 'RECORDING_LINK_EXPIRES_IN', '4h', 5 * 60, 24 * 3600),
    maxCatchUpDeltas: envInt(env, 'MAX_CATCH_UP_DELTAS', 500, 1, 100000),
    liveCoalesceMs: envInt(env, 'LIVE_COALESCE_MS', 250, 20, 5000),
    liveFanoutChunk: envInt(env, 'LIVE_FANOUT_CHUNK', 200, 1, 100000),
    changeGroupMax: envInt(env, 'CHANGE_GROUP_MAX', 200, 1, 5000),
    ballotGroupMax: envInt(env, 'BALLOT_GROUP_MAX', 64, 1, 1000),
    relaySweepMs: envInt(env, 'RELAY_SWEEP_MS', 1000, 50, 60000),
    webDistDir: env.WEB_DIST_DIR === '' ? null : env.WEB_DIST_DIR || 'dist/web',
    mode,
    production: mode === 'production',
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
