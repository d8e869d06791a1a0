// A media gateway as it runs in production: its own process, from the build, so a test can kill it
// like a host that dies (no shutdown hook, its Redis announcement left to expire).
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const MEDIA_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'media', 'src', 'main.js');

export class MediaProcess {
  output = '';
  private constructor(readonly child: ChildProcess, readonly url: string) {}

  /** `env`: the gateway's settings (MEDIA_PORT among them); resolves once it serves. */
  static async start(env: Record<string, string>): Promise<MediaProcess> {
    if (!existsSync(MEDIA_MAIN)) throw new Error(`${MEDIA_MAIN} is missing: run npm run build:server first`);
    const child = spawn(process.execPath, [MEDIA_MAIN], { env: { ...process.env, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const gateway = new MediaProcess(child, `http://127.0.0.1:${env.MEDIA_PORT}`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`gateway did not start: ${gateway.output}`));
      }, 30_000);
      const read = (chunk: Buffer) => {
        gateway.output += chunk.toString();
        if (gateway.output.includes('hoinghi media gateway on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${gateway.output}`)));
    });
    return gateway;
  }

  /** SIGKILL: the gateway and, with it, the host's media are gone at once (its mediasoup workers exit with it). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}

/** A TCP port free right now (for a gateway that must know its own URL before it listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The first port from `from` free for both TCP and UDP on 127.0.0.1 (a WebRtcServer takes both). Fixed
 * ports sit in Linux's ephemeral range, where any outgoing connection on this busy machine may hold one.
 */
export async function freeRtcPort(from: number): Promise<number> {
  const { createSocket } = await import('node:dgram');
  for (let port = from; port < from + 100; port++) {
    const tcp = createServer();
    const udp = createSocket('udp4');
    const free = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => {
        udp.once('error', () => resolve(false));
        udp.bind(port, '127.0.0.1', () => resolve(true));
      });
    });
    await new Promise((resolve) => tcp.close(() => resolve(undefined)));
    try {
      udp.close();
    } catch {
      // never bound
    }
    if (free) return port;
  }
  throw new Error(`no free RTC port in ${from}-${from + 99}`);
}
