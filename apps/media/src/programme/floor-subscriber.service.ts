import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { parseConferenceClosedEvent, parseFloorEvent, parseFloorQueueEvent, parseMediaControlsEvent, RedisChannel } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { RoomsService } from '../rooms/rooms.service';
import { closeRedis } from '@hoinghi/server-kit';

/**
 * Follows the meeting service's events on Redis: whoever has the floor goes on the programme, the next
 * speakers in the queue are kept warm, the chair's media controls (screen sharing, mutes) apply, and a
 * conference that ended or was cancelled has its room closed.
 */
@Injectable()
export class FloorSubscriber implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('FloorSubscriber');
  private readonly redis: Redis;

  constructor(
    @Inject(MEDIA_CONFIG) config: MediaConfig,
    private readonly rooms: RoomsService,
  ) {
    this.redis = new Redis(config.redisUrl, { lazyConnect: true });
    this.redis.on('error', (error) => this.log.warn(`Redis: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.redis.connect();
    this.redis.on('message', (channel: string, message: string) => {
      if (channel === RedisChannel.Floor) void this.handle(message);
      else if (channel === RedisChannel.Conference) this.handleClosed(message);
      else if (channel === RedisChannel.MediaControls) this.handleControls(message);
    });
    await this.redis.subscribe(RedisChannel.Floor, RedisChannel.Conference, RedisChannel.MediaControls);
    // 'ready' again means the link dropped and came back: ioredis resubscribes by itself, but events
    // published meanwhile are lost, so every room reads its floor holder again.
    this.redis.on('ready', () => void this.recover());
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  private async recover(): Promise<void> {
    try {
      // Once this (repeated) SUBSCRIBE is answered, new events reach us: a read started after it misses nothing.
      await this.redis.subscribe(RedisChannel.Floor, RedisChannel.Conference, RedisChannel.MediaControls);
      this.log.log('Redis is back: reading the floor holder of every open room');
      this.rooms.refreshFloors();
    } catch (error) {
      this.log.warn(`Redis is back but resubscribing failed: ${(error as Error).message}`);
    }
  }

  private handleControls(message: string): void {
    const event = parseMediaControlsEvent(message);
    if (!event) {
      this.log.warn(`dropped a malformed media controls event: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    this.rooms.applyControls(event).catch((error: unknown) => this.log.error(`media controls of conference ${event.conferenceId}: ${(error as Error).message}`));
  }

  private handleClosed(message: string): void {
    const event = parseConferenceClosedEvent(message);
    if (!event) {
      this.log.warn(`dropped a malformed conference event: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    this.rooms.endConference(event.conferenceId).catch((error: unknown) => this.log.error(`ending conference ${event.conferenceId}: ${(error as Error).message}`));
  }

  private async handle(message: string): Promise<void> {
    const queue = parseFloorQueueEvent(message);
    if (queue) {
      await this.rooms.applyQueue(queue).catch((error: unknown) => this.log.error(`floor queue of conference ${queue.conferenceId}: ${(error as Error).message}`));
      return;
    }
    const event = parseFloorEvent(message);
    if (!event) {
      this.log.warn(`dropped a malformed floor event: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    try {
      await this.rooms.applyFloor(event);
    } catch (error) {
      this.log.error(`floor ${event.kind} for conference ${event.conferenceId}: ${(error as Error).message}`);
    }
  }
}
