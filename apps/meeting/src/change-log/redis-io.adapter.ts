import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { LocalSockets } from './local-sockets';
import { createPacedAdapter } from './paced-fanout';
import { closeRedis } from '@hoinghi/server-kit';

/** socket.io over Redis pub/sub, so several meeting instances (and the worker's relay) serve one conference. */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    private readonly app: INestApplicationContext,
    redisUrl: string,
    /** Sockets written per turn of the event loop when a broadcast arrives from Redis (see PacedRedisAdapter). */
    private readonly fanoutChunk: number,
  ) {
    super(app);
    this.pub = new Redis(redisUrl, { lazyConnect: true });
    this.sub = this.pub.duplicate();
    for (const client of [this.pub, this.sub]) client.on('error', (error) => this.log.warn(`Redis: ${error.message}`));
  }

  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    // After the first connection, every 'ready' follows an outage during which deltas were missed.
    this.sub.on('ready', () => this.app.get(LocalSockets).askEveryoneToResync());
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    server.adapter(createPacedAdapter(this.pub, this.sub, this.fanoutChunk));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all([closeRedis(this.pub), closeRedis(this.sub)]);
  }
}
