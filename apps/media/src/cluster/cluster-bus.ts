import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { closeRedis } from '@hoinghi/server-kit';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import {
  ClusterChannel, ClusterReply, ClusterRequest, parseInboxMessage, parseRoomNotice, parseRoomState, ClusterNotice, RoomNotice, RoomState, roomStatesKey,
} from './cluster-messages';

const REQUEST_TIMEOUT_MS = 5000;
/** A conference's room states outlive a crashed cluster by a day at most. */
const ROOM_STATES_TTL_S = 86_400;

type Body<T> = T extends unknown ? Omit<T, 'v' | 'id' | 'from' | 'fromInstance'> : never;

export class ClusterRequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * The gateways' Redis links to each other (cluster-messages.ts): requests and replies on one inbox
 * channel per gateway, room states in a hash per conference with a notice on each change.
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('ClusterBus');
  private readonly pub: Redis | null;
  private readonly sub: Redis | null;
  private readonly pending = new Map<string, { resolve: (reply: ClusterReply) => void; timer: NodeJS.Timeout }>();
  private readonly events = new EventEmitter();
  private instance = '';

  constructor(@Inject(MEDIA_CONFIG) private readonly config: MediaConfig) {
    this.pub = config.cluster ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
    this.sub = config.cluster ? new Redis(config.redisUrl, { lazyConnect: true }) : null;
    for (const redis of [this.pub, this.sub]) redis?.on('error', (error) => this.log.warn(`Redis: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    const sub = this.sub;
    if (!sub) return;
    await sub.connect();
    const inbox = ClusterChannel.inbox(this.config.cluster!.gatewayId);
    sub.on('message', (channel: string, message: string) => {
      if (channel === inbox) this.onInbox(message);
      else if (channel === ClusterChannel.roomNotices) this.handleRoomNotice(message);
    });
    await sub.subscribe(inbox, ClusterChannel.roomNotices);
    // Notices published while the link was down are lost: whoever keeps room states reads them all again.
    sub.on('ready', () => void sub.subscribe(inbox, ClusterChannel.roomNotices).then(() => this.events.emit('resync'), () => undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    await Promise.all([this.pub, this.sub].map((redis) => (redis ? closeRedis(redis) : undefined)));
  }

  /** This process's instance (GatewayRegistry's), sent with every request. */
  setInstance(instance: string): void {
    this.instance = instance;
  }

  onRequest(handler: (request: ClusterRequest) => Promise<Omit<Extract<ClusterReply, { ok: true }>, 'v' | 'reply' | 'ok'>>): void {
    this.events.on('request', (request: ClusterRequest) => {
      handler(request).then(
        (body) => this.send(request.from, { v: 1, reply: request.id, ok: true, ...body }),
        (error: unknown) => {
          const code = error instanceof ClusterRequestError ? error.code : 'INTERNAL';
          if (code === 'INTERNAL') this.log.error(`${request.op} for ${request.from}: ${(error as Error).message}`);
          void this.send(request.from, { v: 1, reply: request.id, ok: false, error: code, message: (error as Error).message.slice(0, 500) });
        },
      );
    });
  }

  onNotice(handler: (notice: ClusterNotice) => void): void {
    this.events.on('notice', handler);
  }

  onRoomNotice(handler: (notice: RoomNotice) => void): void {
    this.events.on('room', handler);
  }

  /** Redis came back: notices may have been missed. */
  onResync(handler: () => void): void {
    this.events.on('resync', handler);
  }

  /** Sends a request to another gateway; resolves with its reply, throws ClusterRequestError on a refusal or no answer. */
  async request(gatewayId: string, body: Body<ClusterRequest>): Promise<Extract<ClusterReply, { ok: true }>> {
    const id = randomUUID();
    const answered = new Promise<ClusterReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ v: 1, reply: id, ok: false, error: 'TIMEOUT', message: `gateway ${gatewayId} did not answer ${body.op} within ${REQUEST_TIMEOUT_MS} ms` });
      }, REQUEST_TIMEOUT_MS);
      timer.unref(); // a request still waiting does not keep a stopping process alive
      this.pending.set(id, { resolve, timer });
    });
    await this.send(gatewayId, { v: 1, id, from: this.config.cluster!.gatewayId, fromInstance: this.instance, ...body });
    const reply = await answered;
    if (!reply.ok) throw new ClusterRequestError(reply.error, reply.message);
    return reply;
  }

  /** A one-way notice (no reply). */
  notify(gatewayId: string, body: Body<ClusterNotice>): Promise<void> {
    return this.send(gatewayId, { v: 1, id: randomUUID(), from: this.config.cluster!.gatewayId, fromInstance: this.instance, ...body });
  }

  /** Writes (or with null removes) this gateway's part of a conference, then tells the others. */
  async publishRoomState(conferenceId: string, state: RoomState | null): Promise<void> {
    const gatewayId = this.config.cluster!.gatewayId;
    const key = roomStatesKey(conferenceId);
    const write = state ? this.pub!.multi().hset(key, gatewayId, JSON.stringify(state)).expire(key, ROOM_STATES_TTL_S) : this.pub!.multi().hdel(key, gatewayId);
    await write.publish(ClusterChannel.roomNotices, JSON.stringify({ v: 1, conferenceId, gatewayId } satisfies RoomNotice)).exec();
  }

  /** Every gateway's part of a conference (malformed fields are dropped and logged). */
  async readRoomStates(conferenceId: string): Promise<Map<string, RoomState>> {
    const fields = await this.pub!.hgetall(roomStatesKey(conferenceId));
    const states = new Map<string, RoomState>();
    for (const [gatewayId, value] of Object.entries(fields)) {
      const state = parseRoomState(value, gatewayId);
      if (state) states.set(gatewayId, state);
      else this.log.warn(`dropped a malformed room state of gateway ${JSON.stringify(gatewayId.slice(0, 64))} in conference ${conferenceId}`);
    }
    return states;
  }

  /** One gateway's part, or null when it has none (or a malformed one). */
  async readRoomState(conferenceId: string, gatewayId: string): Promise<RoomState | null> {
    const value = await this.pub!.hget(roomStatesKey(conferenceId), gatewayId);
    return value === null ? null : parseRoomState(value, gatewayId);
  }

  private async send(gatewayId: string, message: object): Promise<void> {
    try {
      await this.pub!.publish(ClusterChannel.inbox(gatewayId), JSON.stringify(message));
    } catch (error) {
      this.log.warn(`could not send to gateway ${gatewayId}: ${(error as Error).message}`);
    }
  }

  private onInbox(message: string): void {
    const parsed = parseInboxMessage(message);
    if (!parsed) {
      this.log.warn(`dropped a malformed cluster message: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    if (parsed.kind === 'reply') {
      const waiting = this.pending.get(parsed.reply.reply);
      if (!waiting) return; // timed out already
      this.pending.delete(parsed.reply.reply);
      clearTimeout(waiting.timer);
      waiting.resolve(parsed.reply);
    } else if (parsed.kind === 'request') {
      this.events.emit('request', parsed.request);
    } else {
      this.events.emit('notice', parsed.notice);
    }
  }

  private handleRoomNotice(message: string): void {
    const notice = parseRoomNotice(message);
    if (!notice) {
      this.log.warn(`dropped a malformed room notice: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    if (notice.gatewayId !== this.config.cluster!.gatewayId) this.events.emit('room', notice);
  }
}
