import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, ConferenceEventEntity } from '@hoinghi/database';
import type { ConferenceDelta, ConferenceSnapshot, JoinAck } from '@hoinghi/contracts';
import { DataSource, MoreThan } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService, conferenceNotFound } from '../access/access.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SnapshotService } from './snapshot.service';

/** What a (re)joining client needs: the deltas after the version it has, or a snapshot. */
@Injectable()
export class ConferenceSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly snapshots: SnapshotService,
  ) {}

  async authorizeView(user: AuthUser, conferenceId: string): Promise<void> {
    await this.access.authorize(this.dataSource.manager, user.id, conferenceId, 'conference.view');
  }

  /** A consistent snapshot: the shared row lock waits for any change in flight to commit. */
  async snapshot(user: AuthUser, conferenceId: string): Promise<ConferenceSnapshot> {
    await this.authorizeView(user, conferenceId);
    return this.dataSource.transaction(async (em) => {
      const conference = await em.findOne(ConferenceEntity, { where: { id: conferenceId }, lock: { mode: 'pessimistic_read' } });
      if (!conference) throw conferenceNotFound(conferenceId);
      return this.snapshots.snapshot(em, conference);
    });
  }

  async catchUp(user: AuthUser, conferenceId: string, sinceVersion: number | undefined): Promise<JoinAck> {
    if (sinceVersion !== undefined) {
      await this.authorizeView(user, conferenceId);
      const conference = await this.dataSource.manager.findOneOrFail(ConferenceEntity, { where: { id: conferenceId }, select: ['id', 'version'] });
      const missing = conference.version - sinceVersion;
      if (missing >= 0 && missing <= this.config.maxCatchUpDeltas) {
        const events = await this.dataSource.manager.find(ConferenceEventEntity, {
          where: { conferenceId, version: MoreThan(sinceVersion) },
          order: { version: 'ASC' },
        });
        const deltas = events.map((e) => ({ version: e.version, at: e.createdAt.toISOString(), type: e.type, data: e.data }) as ConferenceDelta);
        return { ok: true, mode: 'deltas', deltas };
      }
    }
    return { ok: true, mode: 'snapshot', snapshot: await this.snapshot(user, conferenceId) };
  }
}
