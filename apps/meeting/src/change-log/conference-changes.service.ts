import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeEvent, ImmediateMessage, lockConference, OutboxItem, writeChange } from '@hoinghi/change-log';
import type { ConferenceEntity } from '@hoinghi/database';
import { Permission } from '@hoinghi/domain';
import type { AuditAction, RoleAssignment, ViewerScope } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService, conferenceNotFound } from '../access/access.service';
import { ChangeRelayService } from './change-relay.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeGroup, ChangeGroupSpec } from './change-group';

export interface ChangeContext {
  em: EntityManager;
  conference: ConferenceEntity; // locked for this transaction
  roles: RoleAssignment[];
  /** What the caller may see: answers are cut to it like their snapshot. */
  scope: ViewerScope;
  now: Date;
}

export interface ChangeOutcome<T> {
  result: T;
  /** What changed, each for its audience; sized by the change, never by the conference. */
  events: ChangeEvent[];
  audit: { action: AuditAction; details: Record<string, unknown> };
  /** Side effects (the floor event for the media gateway, queue jobs), delivered after commit (immediate ones at once). */
  outbox?: OutboxItem[];
}

export interface ChangeRequest<P = void> {
  user: AuthUser;
  conferenceId: string;
  permission: Permission;
  siteId?: string;
  /**
   * Work that needs no lock (checks, writing the change's own rows), done in the same transaction
   * before the conference's lock is taken: the lock is held only for what orders the change.
   */
  prepare?: (em: EntityManager, roles: RoleAssignment[]) => Promise<P>;
}

/**
 * The one way a person changes a conference: lock its row, check the caller's role there, do the
 * work, record the change (deltas, audit line, outbox) in the same transaction, and publish after
 * commit. A publish that fails after commit is retried by the relay; the answer is still the result.
 */
@Injectable()
export class ConferenceChanges {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly relay: ChangeRelayService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Changes of one kind that arrive in bursts, committed in groups (see `ChangeGroup`). */
  group<R, P, T>(spec: ChangeGroupSpec<R, P, T>): ChangeGroup<R, P, T> {
    return new ChangeGroup(this.dataSource, this.access, this.relay, spec, this.config.changeGroupMax);
  }

  async run<T, P = void>(request: ChangeRequest<P>, work: (ctx: ChangeContext, prepared: P) => Promise<ChangeOutcome<T>>): Promise<T> {
    const { user, conferenceId, permission, siteId } = request;
    let immediate: ImmediateMessage[] = [];
    const result = await this.dataSource.transaction(async (em) => {
      // Who may do it does not need the lock: a role change racing a change is as if it came just after.
      const roles = await this.access.authorize(em, user.id, conferenceId, permission, siteId);
      const prepared = (await request.prepare?.(em, roles)) as P;
      const conference = await lockConference(em, conferenceId);
      if (!conference) throw conferenceNotFound(conferenceId);
      const now = new Date();
      const scope = await this.access.scopeOf(em, user.id, conferenceId, roles);
      const outcome = await work({ em, conference, roles, scope, now }, prepared);
      immediate = await writeChange(em, conference, { actor: { kind: 'user', userId: user.id }, ...outcome }, now);
      return outcome.result;
    });
    this.relay.publishNow(immediate); // the floor events: before the answer, not after the relay's transaction
    this.relay.kick(conferenceId);
    return result;
  }
}
