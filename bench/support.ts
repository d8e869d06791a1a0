// Helpers shared by the benchmarks: a meeting instance as a child process, access tokens signed as the
// meeting service signs them, percentiles, a latency histogram, waiting.
import { ChildProcess, spawn } from 'node:child_process';
import type { Client } from 'pg';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { TOKEN_PARTIES } from '@hoinghi/contracts';
import { DEV_SECRETS } from '@hoinghi/server-kit';
import { sleep } from './proc';

export const ROOT = join(__dirname, '..', '..');

/** The development secret the meeting service uses when JWT_SECRET is not set (it runs in development mode here). */
export const JWT_SECRET = process.env.JWT_SECRET || DEV_SECRETS.JWT_SECRET;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across worker threads and processes. */
export const now = () => performance.timeOrigin + performance.now();

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** One meeting instance (`node dist/apps/meeting/src/main.js`); its stderr goes to ours. */
export function startMeeting(port: number, databaseUrl: string, extraEnv: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/meeting/src/main.js')], {
    // Development mode: the development secrets and one database role (the bench's DATABASE_URL).
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, JWT_SECRET, WEB_DIST_DIR: '', NODE_ENV: 'development', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => code && !signal && console.error(`meeting service on :${port} exited with ${code}`));
  return child;
}

/** Ends a child we started: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForHealth(port: number, timeoutMs = 60_000): Promise<void> {
  await waitUntilAsync(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true, timeoutMs);
}

/** An access token as `AuthService.login` signs it (HS256, `{ sub, typ: 'access' }`, its issuer and audience), without argon2. */
export function accessToken(userId: string, secret = JWT_SECRET, seconds = 12 * 3600): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const { issuer: iss, audience: aud } = TOKEN_PARTIES.access;
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: userId, typ: 'access', iss, aud, iat, exp: iat + seconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export interface Figures {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: ArrayLike<number>): Figures {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

export const fmt = (f: Figures, unit = 'ms') =>
  `p50 ${f.p50.toFixed(1)} ${unit}, p95 ${f.p95.toFixed(1)} ${unit}, p99 ${f.p99.toFixed(1)} ${unit}, max ${f.max.toFixed(1)} ${unit} (n ${f.n})`;

/**
 * Latencies too many to keep one by one (tens of millions of change × site pairs): 0.1 ms buckets from
 * `minMs` to `maxMs`; the extreme values are kept exactly.
 */
export class Histogram {
  private readonly buckets: Uint32Array;
  private count = 0;
  private lowest = Infinity;
  private highest = -Infinity;

  constructor(private readonly minMs = -1000, private readonly maxMs = 300_000, private readonly stepMs = 0.1) {
    this.buckets = new Uint32Array(Math.ceil((maxMs - minMs) / stepMs) + 1);
  }

  add(ms: number): void {
    const i = Math.round((Math.min(this.maxMs, Math.max(this.minMs, ms)) - this.minMs) / this.stepMs);
    this.buckets[i]++;
    this.count++;
    if (ms < this.lowest) this.lowest = ms;
    if (ms > this.highest) this.highest = ms;
  }

  get n(): number {
    return this.count;
  }

  get min(): number {
    return this.lowest;
  }

  at(p: number): number {
    const rank = Math.min(this.count - 1, Math.floor((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen > rank) return this.minMs + i * this.stepMs;
    }
    return this.highest;
  }

  figures(): Figures {
    return { n: this.count, p50: this.at(50), p95: this.at(95), p99: this.at(99), max: this.highest };
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  await waitUntilAsync(async () => condition(), timeoutMs, what);
}

export async function waitUntilAsync(condition: () => Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  }));
  return results;
}

/** One request's times (wall clock, `now()`) and outcome. */
export interface Timed {
  sentAt: number;
  answeredAt: number;
  status: number;
  error?: string;
}

/** One REST call, timed; never throws (a failure is its status and error). */
export async function timed(port: number, token: string, method: string, path: string, body?: unknown): Promise<Timed> {
  const sentAt = now();
  try {
    const r = await fetch(`http://127.0.0.1:${port}/api${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { sentAt, answeredAt: now(), status: r.status, error: r.ok ? undefined : text.slice(0, 200) };
  } catch (error) {
    return { sentAt, answeredAt: now(), status: 0, error: (error as Error).message };
  }
}

/** One REST call whose JSON answer is needed: throws on anything but 2xx. */
export async function api<T>(port: number, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`http://127.0.0.1:${port}/api${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Inserts rows in batches of one multi-row INSERT each. */
export async function insertRows(db: Client, table: string, columns: string[], rows: unknown[][], batch = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}
