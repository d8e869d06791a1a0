import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { parseNoticeEvent, RedisChannel } from '@hoinghi/contracts';
import { RedisChannelListener } from '@hoinghi/server-kit';
import { LocalSockets } from '../change-log/local-sockets';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NoticesService } from './notices.service';

/**
 * Hears announced notices (`hoinghi:notice`, from the outbox once the change is committed) and tells this
 * instance's connections of the people convened to the conference (or of those the event names: people
 * just convened, told of its newest notice), wherever they are in the app. Sized
 * by this instance's connected users, not by the conference: one query for which of them are convened.
 * A connection that was away reads the list again when it connects (GET /api/notices).
 */
@Injectable()
export class NoticeSubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(NoticeSubscriber.name);
  private readonly listener: RedisChannelListener;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly notices: NoticesService,
    private readonly sockets: LocalSockets,
  ) {
    this.listener = new RedisChannelListener(config.redisUrl, RedisChannel.Notice, (message) => this.handle(message), this.log);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.open();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.close();
  }

  private async handle(message: string): Promise<void> {
    const event = parseNoticeEvent(message);
    if (!event) {
      this.log.warn(`dropped a malformed notice message: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    const named = event.userIds ? new Set(event.userIds) : null;
    const connected = this.sockets.connectedUsers().filter((id) => !named || named.has(id));
    const users = await this.notices.convened(event.conferenceId, connected);
    if (!users.length) return;
    const notice = await this.notices.one(event.noticeId);
    if (notice) this.sockets.tellNotice(users, notice);
  }
}
