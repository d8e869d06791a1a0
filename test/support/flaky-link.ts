import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP relay standing for a district's network link to a server: `cut()` drops every connection
 * and refuses new ones until `restore()`, as when a site's line goes down.
 */
export class FlakyLink {
  private readonly open = new Set<Socket>();
  private up = true;
  private readonly server: Server;
  readonly port: number;

  // No parameter properties: FlakyLinkProcess's child loads this file with Node's type stripping.
  private constructor(server: Server, port: number) {
    this.server = server;
    this.port = port;
  }

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<FlakyLink> {
    let link: FlakyLink | null = null;
    const server = createServer((client) => {
      if (!link?.up) return client.destroy();
      const upstream = connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        link.open.add(s);
        s.on('close', () => link?.open.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    link = new FlakyLink(server, (server.address() as { port: number }).port);
    return link;
  }

  cut(): void {
    this.up = false;
    for (const s of this.open) s.destroy();
  }

  restore(): void {
    this.up = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The child's side of FlakyLinkProcess: a FlakyLink, told to cut and restore by message. */
const RELAY_PROCESS = `
  const { FlakyLink } = require(process.argv[1]);
  FlakyLink.start(Number(process.argv[2]), process.argv[3]).then((link) => {
    process.on('message', (command) => {
      if (command === 'cut') link.cut();
      if (command === 'restore') link.restore();
      process.send(command);
    });
    process.on('disconnect', () => process.exit(0));
    process.send({ port: link.port });
  });
`;

/**
 * A FlakyLink in a process of its own, as a network element is: what it relays does not wait for the
 * test process's event loop (which in the browser tests also runs the gateway, the meeting service and
 * Playwright). `cut()` and `restore()` resolve once the relay has done it.
 */
export class FlakyLinkProcess {
  private readonly child: ChildProcess;
  readonly port: number;

  private constructor(child: ChildProcess, port: number) {
    this.child = child;
    this.port = port;
  }

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<FlakyLinkProcess> {
    // Node loads this very file in the child (type stripping), without the tests' transform.
    const child = spawn(process.execPath, ['-e', RELAY_PROCESS, __filename, String(targetPort), targetHost], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`the link's relay exited (${code})`)));
    });
    return new FlakyLinkProcess(child, port);
  }

  cut(): Promise<void> {
    return this.command('cut');
  }

  restore(): Promise<void> {
    return this.command('restore');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }

  private command(command: 'cut' | 'restore'): Promise<void> {
    return new Promise((resolve) => {
      const done = (answer: unknown) => {
        if (answer !== command) return;
        this.child.off('message', done);
        resolve();
      };
      this.child.on('message', done);
      this.child.send(command);
    });
  }
}
