import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP relay standing for a district's network link to a server: `cut()` drops every connection
 * and refuses new ones until `restore()`, as when a site's line goes down.
 */
export class FlakyLink {
  private readonly open = new Set<Socket>();
  private up = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

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
