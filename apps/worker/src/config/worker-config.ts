import { existsSync } from 'node:fs';
import { DATABASE_PROTOCOLS, envBallotSealKeys, envInt, envUrl, LOCAL_DATABASE_URL, LOCAL_REDIS_URL, REDIS_PROTOCOLS, type BallotSealKey } from '@hoinghi/server-kit';
import { loadSigningCertificate, type SigningCertificate } from './signing-certificate';

/** The worker's configuration, read once from the environment and validated at start-up. */
export interface WorkerConfig {
  /** The services' role (the meeting service migrates the schema and grants it). */
  databaseUrl: string;
  redisUrl: string;
  liveCoalesceMs: number;
  relaySweepMs: number;
  /** How often the worker looks for acknowledged comments whose job never stored them. */
  commentSweepMs: number;
  /** How old such a submission must be before the sweep stores it itself. */
  commentSweepAfterMs: number;
  /** Debian's Chromium, which prints the PDFs. */
  chromiumPath: string;
  /** The issuing body's certificate: PDFs are signed with it; null, they are not. */
  signing: SigningCertificate | null;
  /**
   * Open sealed secret ballots at the count: the meeting service's current key (BALLOT_SEAL_KEY) first,
   * then the retired keys still needed by polls not yet counted (BALLOT_SEAL_OLD_KEYS).
   */
  ballotSealKeys: BallotSealKey[];
  /** How often the worker looks for polls whose turnout is behind or that are closed and not yet counted. */
  ballotSweepMs: number;
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    databaseUrl: envUrl(env, 'DATABASE_URL', LOCAL_DATABASE_URL, DATABASE_PROTOCOLS),
    redisUrl: envUrl(env, 'REDIS_URL', LOCAL_REDIS_URL, REDIS_PROTOCOLS),
    liveCoalesceMs: envInt(env, 'LIVE_COALESCE_MS', 250, 20, 5000),
    relaySweepMs: envInt(env, 'RELAY_SWEEP_MS', 1000, 50, 60000),
    commentSweepMs: envInt(env, 'COMMENT_SWEEP_MS', 10_000, 100, 600_000),
    commentSweepAfterMs: envInt(env, 'COMMENT_SWEEP_AFTER_MS', 60_000, 0, 3_600_000),
    chromiumPath: chromiumPath(env),
    signing: loadSigningCertificate(env),
    ballotSealKeys: envBallotSealKeys(env),
    ballotSweepMs: envInt(env, 'BALLOT_SWEEP_MS', 1000, 50, 600_000),
  };
}

/** `CHROMIUM_PATH`, Debian's `/usr/bin/chromium` by default; it must exist. */
function chromiumPath(env: NodeJS.ProcessEnv): string {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`CHROMIUM_PATH: ${path} does not exist (it prints the PDFs; apt-get install chromium, or run scripts/ensure-system.sh)`);
  return path;
}
