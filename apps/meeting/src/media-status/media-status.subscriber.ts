import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntryEntity, ConferenceEntity } from '@hoinghi/database';
import { MediaStatusEvent, parseMediaStatusEvent, RedisChannel } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LocalSockets } from '../change-log/local-sockets';
import { RedisChannelListener } from '@hoinghi/server-kit';

/** Incidents the chair must see; per-site quality goes from the gateway to the chair's console directly. */
const INCIDENTS: ReadonlyArray<MediaStatusEvent['kind']> = ['worker-died', 'worker-replaced'];

/**
 * Hears the media gateway's status channel: a failed or replaced mediasoup worker is written to the
 * conference's audit log (as the platform's own action) and shown on every console of the conference.
 * With several meeting instances each one relays to its own sockets, but only one writes the audit entry.
 */
@Injectable()
export class MediaStatusSubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MediaStatusSubscriber.name);
  private readonly listener: RedisChannelListener;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sockets: LocalSockets,
  ) {
    this.listener = new RedisChannelListener(config.redisUrl, RedisChannel.MediaStatus, (message) => this.handle(message), this.log);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.open();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.close();
  }

  private async handle(message: string): Promise<void> {
    const event = parseMediaStatusEvent(message);
    if (!event) {
      this.log.warn(`dropped a malformed media status message: ${JSON.stringify(String(message).slice(0, 200))}`);
      return;
    }
    if (!INCIDENTS.includes(event.kind)) return;
    this.sockets.publishMediaStatus(event);
    if (event.conferenceId === '') return; // a worker that carried no conference: nothing to audit
    try {
      await this.audit(event);
    } catch (error) {
      this.log.error(`could not record ${event.kind} for conference ${event.conferenceId}: ${String(error)}`);
    }
  }

  private async audit(event: MediaStatusEvent): Promise<void> {
    // A lock key per event: of several meeting instances hearing it, the first to insert wins.
    const key = `${event.kind}:${event.at}`;
    await this.dataSource.transaction(async (em) => {
      if (!(await em.exists(ConferenceEntity, { where: { id: event.conferenceId } }))) return;
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      const seen = await em
        .createQueryBuilder(AuditEntryEntity, 'a')
        .where('a.conference_id = :id AND a.action = :action AND a.details @> :at::jsonb', {
          id: event.conferenceId, action: `media.${event.kind}`, at: JSON.stringify({ at: event.at }),
        })
        .getExists();
      if (seen) return;
      await em.save(AuditEntryEntity, em.create(AuditEntryEntity, {
        conferenceId: event.conferenceId, actorUserId: null, action: `media.${event.kind}`, details: { ...event.details, at: event.at },
      }));
    });
  }
}
