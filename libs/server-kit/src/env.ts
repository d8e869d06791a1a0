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
