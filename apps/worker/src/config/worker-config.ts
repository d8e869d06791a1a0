/** The worker's configuration, read once from the environment and validated at start-up. */
export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  liveCoalesceMs: number;
  relaySweepMs: number;
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]): string {
  const value = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) throw new Error(`${name} must start with ${protocols.join(' or ')}`);
  return value;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  return value;
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/hoinghi', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    liveCoalesceMs: int(env, 'LIVE_COALESCE_MS', 250, 0, 5000),
    relaySweepMs: int(env, 'RELAY_SWEEP_MS', 1000, 50, 60000),
  };
}
