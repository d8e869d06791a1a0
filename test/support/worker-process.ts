// The worker as it runs in production: a child process from the build, killed and restarted by the tests.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testAppDatabaseUrl } from './test-config';

const WORKER_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** The worker as it runs in production: its own process, from the build. */
export class WorkerProcess {
  output = '';
  private constructor(readonly child: ChildProcess) {}

  /** `env`: the worker's own settings for this suite (sweeps, another Redis). */
  static async start(env: Record<string, string> = {}): Promise<WorkerProcess> {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build:server first`);
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: testAppDatabaseUrl(), REDIS_URL, RELAY_SWEEP_MS: '200', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start: ${worker.output}`)), 60_000);
      const read = (chunk: Buffer) => {
        worker.output += chunk.toString();
        if (worker.output.includes('consuming queues')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${worker.output}`)));
    });
    return worker;
  }

  /** SIGKILL: no shutdown hook, no job finished, transactions cut where they are. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
