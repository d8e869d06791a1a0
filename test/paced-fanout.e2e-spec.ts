// A broadcast that arrives from Redis reaches this instance's sockets a chunk at a time
// (PacedRedisAdapter), with the event loop free between chunks: every socket still gets every
// delta, in the order Redis carried them. Real socket.io server and clients, real Redis, the
// Redis emitter as the change relay uses it.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { createPacedAdapter } from '../apps/meeting/src/change-log/paced-fanout';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const SOCKETS = 25;
const CHUNK = 4;

describe('paced fan-out of broadcasts from Redis', () => {
  const pub = new Redis(REDIS_URL);
  const sub = pub.duplicate();
  const emitterRedis = new Redis(REDIS_URL);
  let http: HttpServer;
  let server: Server;
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    http = createServer();
    server = new Server(http);
    server.adapter(createPacedAdapter(pub, sub, CHUNK));
    server.on('connection', (socket) => {
      void socket.join('everyone');
      void socket.join(`own:${String(socket.handshake.auth.n)}`);
      socket.emit('joined');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    for (let n = 0; n < SOCKETS; n += 1) {
      const client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { n } });
      await new Promise<void>((resolve) => client.once('joined', resolve));
      clients.push(client);
    }
  });

  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of [pub, sub, emitterRedis]) connection.disconnect();
  });

  it('delivers every broadcast to every socket, in order, a chunk per turn of the event loop', async () => {
    const received = clients.map(() => [] as string[]);
    clients.forEach((client, n) => client.on('delta', (label: string) => received[n].push(label)));
    // How many sockets the adapter wrote between two turns of the event loop.
    const perTurn: number[] = [];
    let thisTurn = 0;
    for (const socket of server.of('/').sockets.values()) {
      // socket.io's per-socket write of an encoded packet (private in its typings).
      const client = socket.client as unknown as { writeToEngine(...args: unknown[]): void };
      const write = client.writeToEngine.bind(client);
      client.writeToEngine = (...args: unknown[]) => {
        if (thisTurn === 0) setImmediate(() => { perTurn.push(thisTurn); thisTurn = 0; });
        thisTurn += 1;
        return write(...args);
      };
    }

    const emitter = new Emitter(emitterRedis);
    const expected = clients.map(() => [] as string[]);
    for (let i = 0; i < 6; i += 1) {
      emitter.to('everyone').emit('delta', `all-${i}`);
      expected.forEach((list) => list.push(`all-${i}`));
      // A one-site delta between two broadcasts must not overtake the broadcast before it.
      emitter.to('own:7').emit('delta', `own-${i}`);
      expected[7].push(`own-${i}`);
    }
    const total = expected.reduce((sum, list) => sum + list.length, 0);
    const end = Date.now() + 10_000;
    while (received.reduce((sum, list) => sum + list.length, 0) < total && Date.now() < end) await new Promise((r) => setTimeout(r, 20));

    expect(received).toEqual(expected);
    expect(perTurn.length).toBeGreaterThan(1);
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(CHUNK);
  });

  it('writes a broadcast of this instance itself at once, as socket.io does', async () => {
    const got = new Promise<string>((resolve) => clients[3].once('local', resolve));
    server.to('everyone').emit('local', 'now');
    await expect(got).resolves.toBe('now');
  });
});
