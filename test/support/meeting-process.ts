// A meeting instance as it runs in production: a child process from the build, which a test can kill.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './redis-server';
import { testAppDatabaseUrl, testDatabaseUrl } from './test-config';

const MEETING_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'meeting', 'src', 'main.js');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export class MeetingProcess {
  output = '';
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Over the tests' database and Redis; `env`: this instance's own settings. */
  static async start(env: Record<string, string> = {}): Promise<MeetingProcess> {
    if (!existsSync(MEETING_MAIN)) throw new Error(`${MEETING_MAIN} is missing: run npm run build:server first`);
    const port = await freePort();
    const child = spawn(process.execPath, [MEETING_MAIN], {
      env: {
        ...process.env, NODE_ENV: 'test', PORT: String(port), DATABASE_URL: testAppDatabaseUrl(), DATABASE_OWNER_URL: testDatabaseUrl(),
        REDIS_URL, WEB_DIST_DIR: '', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const meeting = new MeetingProcess(child, `http://127.0.0.1:${port}`);
    const read = (chunk: Buffer) => void (meeting.output += chunk.toString());
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    const until = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`meeting service exited (${child.exitCode}): ${meeting.output}`);
      if ((await fetch(`${meeting.url}/api/health`).catch(() => null))?.ok) return meeting;
      if (Date.now() > until) throw new Error(`meeting service did not start: ${meeting.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGKILL: no shutdown hook, nothing handed back. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
