import type { BallotSealKey } from './ballot-seal';

// Reading the environment once at start-up, the same way in every service: a bad value stops the
// process with a sentence naming the variable, instead of misbehaving later.

export type Env = NodeJS.ProcessEnv;

export function envInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** A URL with one of the given protocols (e.g. `['redis:', 'rediss:']`), without a trailing slash. */
export function envUrl(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) throw new Error(`${name} must start with ${protocols.join(' or ')}`);
  return value.replace(/\/+$/, '');
}

export const DATABASE_PROTOCOLS = ['postgres:', 'postgresql:'];
export const REDIS_PROTOCOLS = ['redis:', 'rediss:'];
export const HTTP_PROTOCOLS = ['http:', 'https:'];

/**
 * The defaults of one machine running everything (development, the demo, the tests): the services
 * connect as `hoinghi_app`, which the owner (`postgres`) creates and grants at the first start.
 */
export const LOCAL_DATABASE_URL = 'postgres://hoinghi_app@127.0.0.1:5432/hoinghi';
export const LOCAL_DATABASE_OWNER_URL = 'postgres://postgres@127.0.0.1:5432/hoinghi';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

// ── Run mode and secrets ───────────────────────────────────────────────────────────────────────────
// Development values exist only for a process explicitly started in development or test mode:
// `NODE_ENV` exactly `development` or `test`. Anything else (unset, `production`, `Production`,
// `staging`, a typo) runs under production rules, so forgetting the variable fails closed.

export type RunMode = 'development' | 'test' | 'production';

export function runMode(env: Env): RunMode {
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'production';
}

/** Secrets used only in development and test mode; they are in the repository, so production refuses them. */
export const DEV_SECRETS = {
  JWT_SECRET: 'hoinghi-dev-jwt-secret-not-for-production',
  MEDIA_TOKEN_SECRET: 'hoinghi-dev-media-secret-not-for-production',
  /** Seals secret ballots between the vote and the count (docs/security.md, "Secret ballots"). */
  BALLOT_SEAL_KEY: 'hoinghi-dev-ballot-seal-key-not-for-production',
} as const;
export type SecretName = keyof typeof DEV_SECRETS;

/** Every value ever published as a development secret (older ones included). */
const PUBLISHED_SECRETS = new Set<string>([...Object.values(DEV_SECRETS), 'hoinghi-dev-secret-change-me']);

export const MIN_SECRET_BYTES = 32;

/**
 * A signing secret. Development and test mode fall back to the published development value; production
 * rules need one that is set, at least MIN_SECRET_BYTES bytes (UTF-8) long and not a published one.
 */
export function envSecret(env: Env, name: SecretName): string {
  const value = env[name] ?? '';
  if (runMode(env) !== 'production') return value || DEV_SECRETS[name];
  const how = `start with NODE_ENV=development or NODE_ENV=test for the development values`;
  if (!value) throw new Error(`${name} must be set (at least ${MIN_SECRET_BYTES} random bytes), or ${how}`);
  return strongSecret(name, value);
}

/** Production rules for a secret that is set: not a published value, at least MIN_SECRET_BYTES bytes. */
function strongSecret(name: string, value: string): string {
  if (PUBLISHED_SECRETS.has(value)) throw new Error(`${name} must not be the development secret published in the repository`);
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes long, got ${Buffer.byteLength(value, 'utf8')}`);
  }
  return value;
}

// ── Ballot seal keys ───────────────────────────────────────────────────────────────────────────────

const SEAL_KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * The key that seals new secret ballots: BALLOT_SEAL_KEY, named by BALLOT_SEAL_KEY_ID (default `1`; a
 * rotation gives the new key a new name).
 */
export function envBallotSealKey(env: Env): BallotSealKey {
  const id = env.BALLOT_SEAL_KEY_ID || '1';
  if (!SEAL_KEY_ID.test(id)) throw new Error(`BALLOT_SEAL_KEY_ID must be 1 to 40 letters, digits, dots, dashes or underscores, got "${id}"`);
  return { id, secret: envSecret(env, 'BALLOT_SEAL_KEY') };
}

/**
 * Every key ballots may have been sealed with, the current one first: BALLOT_SEAL_KEY, then the retired
 * keys of BALLOT_SEAL_OLD_KEYS (`id:secret,id:secret`; a secret has no comma), kept until every poll
 * whose ballots they sealed is counted. Ids and secrets are all distinct; production rules hold for each.
 */
export function envBallotSealKeys(env: Env): BallotSealKey[] {
  const keys = [envBallotSealKey(env)];
  const entries = (env.BALLOT_SEAL_OLD_KEYS ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    const secret = at > 0 ? entry.slice(at + 1) : '';
    const name = `BALLOT_SEAL_OLD_KEYS entry ${i + 1}`;
    if (!SEAL_KEY_ID.test(id) || !secret) throw new Error(`${name} must be id:secret (the id 1 to 40 letters, digits, dots, dashes or underscores)`);
    if (runMode(env) === 'production') strongSecret(`${name} (${id})`, secret);
    if (keys.some((k) => k.id === id)) throw new Error(`${name}: the key id "${id}" is used twice`);
    if (keys.some((k) => k.secret === secret)) throw new Error(`${name} (${id}): the same secret as key "${keys.find((k) => k.secret === secret)!.id}"`);
    keys.push({ id, secret });
  });
  return keys;
}

/** Production rules: the user tokens' secret and the media tokens' secret are two secrets, not one. */
export function assertDistinctSecrets(env: Env, jwtSecret: string, mediaTokenSecret: string): void {
  if (runMode(env) === 'production' && jwtSecret === mediaTokenSecret) {
    throw new Error('JWT_SECRET and MEDIA_TOKEN_SECRET must be different secrets');
  }
}

const DURATION = /^(\d{1,6})(s|m|h)?$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/** `90`, `90s`, `30m`, `12h`: whole seconds between `minSeconds` and `maxSeconds` (anything else, e.g. `forever` or `7d`, is refused). */
export function envDuration(env: Env, name: string, fallback: string, minSeconds: number, maxSeconds: number): number {
  const raw = env[name] || fallback;
  const match = DURATION.exec(raw.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS] : NaN;
  if (!match || seconds < minSeconds || seconds > maxSeconds) {
    throw new Error(`${name} must be a duration such as 30m or 12h, between ${formatSeconds(minSeconds)} and ${formatSeconds(maxSeconds)}, got "${raw}"`);
  }
  return seconds;
}

function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
