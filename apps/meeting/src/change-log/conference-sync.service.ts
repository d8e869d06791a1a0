import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toDelta } from '@hoinghi/change-log';
import { ConferenceEntity, ConferenceEventEntity } from '@hoinghi/database';
import { canSee } from '@hoinghi/domain';
import { audienceOf, type ConferenceDelta, type ConferenceSnapshot, type JoinAck, type ViewerScope } from '@hoinghi/contracts';
import { Between, DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService, conferenceNotFound } from '../access/access.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConferenceViews } from './conference-views';

/** What a viewer may see, and what a (re)joining client needs: the deltas after its version, or a snapshot. */
@Injectable()
export class ConferenceSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly views: ConferenceViews,
  ) {}

  /** 404 for an unknown conference, 403 for someone not convened to it. */
  async scopeOf(user: AuthUser, conferenceId: string): Promise<ViewerScope> {
    const em = this.dataSource.manager;
    return this.access.scopeOf(em, user.id, conferenceId, await this.access.authorize(em, user.id, conferenceId, 'conference.view'));
  }

  /** One consistent snapshot without locks: REPEATABLE READ sees every section at the same version. */
  async snapshot(user: AuthUser, conferenceId: string, scope?: ViewerScope): Promise<ConferenceSnapshot> {
    const viewer = scope ?? (await this.scopeOf(user, conferenceId));
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const conference = await em.findOne(ConferenceEntity, { where: { id: conferenceId } });
      if (!conference) throw conferenceNotFound(conferenceId);
      return this.views.snapshot(em, conference, viewer);
    });
  }

  /**
   * The changes this viewer may see after `sinceVersion` (state changes only the newest of each), by
   * the same rule as live delivery; a snapshot when the client is too far behind or has no version.
   */
  async catchUp(user: AuthUser, conferenceId: string, sinceVersion: number | undefined, scope?: ViewerScope): Promise<JoinAck> {
    const viewer = scope ?? (await this.scopeOf(user, conferenceId));
    if (sinceVersion !== undefined) {
      const em = this.dataSource.manager;
      const conference = await em.findOne(ConferenceEntity, { where: { id: conferenceId }, select: ['id', 'version'] });
      if (!conference) throw conferenceNotFound(conferenceId);
      const missing = conference.version - sinceVersion;
      if (missing >= 0 && missing <= this.config.maxCatchUpDeltas) {
        const events = await em.find(ConferenceEventEntity, {
          where: { conferenceId, version: Between(sinceVersion + 1, conference.version) }, order: { version: 'ASC' },
        });
        const deltas = latestStates(events.filter((e) => canSee(viewer, audienceOf(e.stream))).map(toDelta));
        return { ok: true, mode: 'deltas', version: conference.version, deltas };
      }
    }
    return { ok: true, mode: 'snapshot', snapshot: await this.snapshot(user, conferenceId, viewer) };
  }
}

/** Keeps every chained delta and only the newest state delta of each stream and type, as live delivery does. */
function latestStates(deltas: ConferenceDelta[]): ConferenceDelta[] {
  const newest = new Map<string, number>();
  for (const d of deltas) if (d.prev === null) newest.set(`${d.stream}|${d.type}`, d.version);
  return deltas.filter((d) => d.prev !== null || newest.get(`${d.stream}|${d.type}`) === d.version);
}
