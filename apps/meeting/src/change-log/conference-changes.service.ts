import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeEvent, lockConference, OutboxItem, writeChange } from '@hoinghi/change-log';
import type { ConferenceEntity } from '@hoinghi/database';
import { assertCan, Permission, viewerScope } from '@hoinghi/domain';
import type { RoleAssignment, ViewerScope } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService, conferenceNotFound } from '../access/access.service';
import { ChangeRelayService } from './change-relay.service';

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
  audit: { action: string; details: Record<string, unknown> };
  /** Side effects (the floor event for the media gateway, queue jobs), delivered after commit. */
  outbox?: OutboxItem[];
}

export interface ChangeRequest {
  user: AuthUser;
  conferenceId: string;
  permission: Permission;
  siteId?: string;
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
  ) {}

  async run<T>(request: ChangeRequest, work: (ctx: ChangeContext) => Promise<ChangeOutcome<T>>): Promise<T> {
    const { user, conferenceId, permission, siteId } = request;
    const result = await this.dataSource.transaction(async (em) => {
      const conference = await lockConference(em, conferenceId);
      if (!conference) throw conferenceNotFound(conferenceId);
      const roles = await this.access.rolesOf(em, user.id, conferenceId);
      assertCan(roles, permission, siteId);
      const now = new Date();
      const outcome = await work({ em, conference, roles, scope: viewerScope(user.id, roles), now });
      await writeChange(em, conference, { actor: { kind: 'user', userId: user.id }, ...outcome }, now);
      return outcome.result;
    });
    this.relay.kick(conferenceId);
    return result;
  }
}
