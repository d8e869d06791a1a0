import { ChangeEvent, ChangeRecord, GroupQueue, lockConference, OutboxItem, writeChanges } from '@hoinghi/change-log';
import type { ConferenceEntity } from '@hoinghi/database';
import { Permission } from '@hoinghi/domain';
import type { AuditAction, RoleAssignment } from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService, conferenceNotFound } from '../access/access.service';
import { ChangeRelayService } from './change-relay.service';

/** One caller's change in a group: who asks, at which site, and what. */
export interface GroupMember<R> {
  user: AuthUser;
  siteId?: string;
  request: R;
}

/** A member as `prepare` sees it: authorised, with its roles in the conference. */
export type AuthorisedMember<R> = GroupMember<R> & { roles: RoleAssignment[] };

export interface GroupContext {
  em: EntityManager;
  conference: ConferenceEntity; // locked for this transaction
  now: Date;
}

/** What one member's change recorded: its answer, its audit line and its side effects. */
export interface MemberChange<T> {
  result: T;
  /** Absent: the member changed nothing after all (a resend found under the lock) and leaves no trace. */
  audit?: { action: AuditAction; details: Record<string, unknown> };
  outbox?: OutboxItem[];
}

export interface GroupOutcome<T> {
  /** One per member, in the members' order; an Error refuses the member, which must have had nothing written. */
  members: Array<MemberChange<T> | Error>;
  /** What the whole group changed, each for its audience. */
  events: ChangeEvent[];
}

/** `prepare`'s answer for a member that needs no change at all (e.g. a resend): answered at once, never locked for. */
export class Answered<T> {
  constructor(readonly result: T) {}
}

export interface ChangeGroupSpec<R, P, T> {
  /** The permission a member needs (per member when it depends on the request, e.g. a comment's kind). */
  permission: Permission | ((member: GroupMember<R>) => Permission);
  /** Members with the same key never share a transaction (e.g. two check-ins of one delegate). */
  keyOf(member: GroupMember<R>): string;
  /**
   * Before the lock, for every authorised member at once, in a fixed number of statements: checks
   * each member and may write its own rows. A member it refuses gets an Error in its place, and must
   * have had nothing written; one it answers without a change gets `Answered`.
   */
  prepare(em: EntityManager, conferenceId: string, members: AuthorisedMember<R>[]): Promise<Array<P | Answered<T> | Error>>;
  /** Under the conference's lock, once for the members prepare accepted. */
  commit(ctx: GroupContext, members: Array<AuthorisedMember<R> & { prepared: P }>): Promise<GroupOutcome<T>>;
}

/**
 * Group commit for one kind of change that arrives in bursts (check-ins: 100 a second into one
 * conference; comments on a draft). `GroupQueue` forms the groups; each group goes in one
 * transaction: its callers authorised in one statement, prepared in bulk, the conference locked
 * once, the change log written once (an audit line per member). The cost under the lock no longer
 * grows with the number of requests, and requests no longer queue one by one on the row lock.
 */
export class ChangeGroup<R, P, T> {
  private readonly queue: GroupQueue<GroupMember<R>, T>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly relay: ChangeRelayService,
    private readonly spec: ChangeGroupSpec<R, P, T>,
    maxMembers: number,
  ) {
    this.queue = new GroupQueue({ keyOf: (member) => spec.keyOf(member), maxMembers, run: (id, members) => this.runGroup(id, members) });
  }

  submit(conferenceId: string, member: GroupMember<R>): Promise<T> {
    return this.queue.submit(conferenceId, member);
  }

  /**
   * Every member's answer or refusal. When the group's transaction fails, the members refused or
   * answered before the lock keep their own answer, and the others get the failure.
   */
  private async runGroup(conferenceId: string, group: GroupMember<R>[]): Promise<Array<T | Error>> {
    const outcomes: Array<T | Error> = new Array(group.length);
    const settledEarly = new Set<number>();
    try {
      if (await this.transaction(conferenceId, group, outcomes, settledEarly)) this.relay.kick(conferenceId);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      group.forEach((_, index) => {
        if (!settledEarly.has(index)) outcomes[index] = failure;
      });
    }
    return outcomes;
  }

  /** One group's transaction; true when it wrote a change. */
  private transaction(conferenceId: string, group: GroupMember<R>[], outcomes: Array<T | Error>, settledEarly: Set<number>): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const authorised = await this.authorise(em, conferenceId, group, outcomes, settledEarly);
      const prepared = authorised.length ? await this.spec.prepare(em, conferenceId, authorised.map(({ member }) => member)) : [];
      const ready: Array<{ index: number; member: AuthorisedMember<R> & { prepared: P } }> = [];
      authorised.forEach(({ index, member }, i) => {
        const outcome = prepared[i];
        if (outcome instanceof Error || outcome instanceof Answered) settledEarly.add(index);
        if (outcome instanceof Error) outcomes[index] = outcome;
        else if (outcome instanceof Answered) outcomes[index] = outcome.result as T;
        else ready.push({ index, member: { ...member, prepared: outcome } });
      });
      if (!ready.length) return false;
      const conference = await lockConference(em, conferenceId);
      if (!conference) throw conferenceNotFound(conferenceId);
      const now = new Date();
      const outcome = await this.spec.commit({ em, conference, now }, ready.map(({ member }) => member));
      const records: ChangeRecord[] = [];
      ready.forEach(({ index, member }, i) => {
        const change = outcome.members[i];
        if (change instanceof Error) {
          outcomes[index] = change;
          return;
        }
        outcomes[index] = change.result;
        if (change.audit) records.push({ actor: { kind: 'user', userId: member.user.id }, audit: change.audit, events: [], outbox: change.outbox });
      });
      if (outcome.events.length && !records.length) throw new Error('a group\'s deltas need at least one member\'s change to carry them');
      if (!records.length) return false;
      records[0].events = outcome.events;
      await writeChanges(em, conference, records, now);
      return true;
    });
  }

  /** Every member's roles in one query; those without the permission are refused with the usual 403. */
  private async authorise(em: EntityManager, conferenceId: string, group: GroupMember<R>[], outcomes: Array<T | Error>, settledEarly: Set<number>) {
    const { permission } = this.spec;
    const verdicts = await this.access.authorizeAll(em, conferenceId, group.map((member) => ({
      ...member, permission: typeof permission === 'function' ? permission(member) : permission,
    })));
    const authorised: Array<{ index: number; member: AuthorisedMember<R> }> = [];
    verdicts.forEach((verdict, index) => {
      if (verdict instanceof Error) {
        outcomes[index] = verdict;
        settledEarly.add(index);
      } else authorised.push({ index, member: { ...group[index], roles: verdict } });
    });
    return authorised;
  }
}
