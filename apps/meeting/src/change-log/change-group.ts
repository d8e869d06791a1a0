import { ChangeEvent, ChangeRecord, lockConference, writeChanges } from '@hoinghi/change-log';
import type { ConferenceEntity } from '@hoinghi/database';
import { Permission } from '@hoinghi/domain';
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

export interface GroupContext {
  em: EntityManager;
  conference: ConferenceEntity; // locked for this transaction
  now: Date;
}

export interface GroupOutcome<T> {
  /** One per member, in the members' order. */
  results: T[];
  /** One per member, in the members' order. */
  audits: Array<{ action: string; details: Record<string, unknown> }>;
  /** What the whole group changed, each for its audience. */
  events: ChangeEvent[];
}

export interface ChangeGroupSpec<R, P, T> {
  permission: Permission;
  /** Members with the same key never share a transaction (e.g. two check-ins of one delegate). */
  keyOf(member: GroupMember<R>): string;
  /**
   * Before the lock, for every authorised member at once, in a fixed number of statements: checks
   * each member and writes its own rows. A member it refuses gets an Error in its place, and must
   * have had nothing written.
   */
  prepare(em: EntityManager, conferenceId: string, members: GroupMember<R>[]): Promise<Array<P | Error>>;
  /** Under the conference's lock, once for the members prepare accepted. */
  commit(ctx: GroupContext, members: Array<GroupMember<R> & { prepared: P }>): Promise<GroupOutcome<T>>;
}

interface Waiting<R, T> {
  member: GroupMember<R>;
  resolve(result: T): void;
  reject(error: unknown): void;
}

/**
 * Group commit for one kind of change that arrives in bursts (check-ins: 100 a second into one
 * conference). While a group of a conference is in flight, new requests wait and then go together
 * in one transaction: checked in one statement, the conference locked once, the change log written
 * once. One request alone goes at once, as a group of one; the cost under the lock no longer grows
 * with the number of requests, and requests no longer queue one by one on the conference's row lock.
 */
export class ChangeGroup<R, P, T> {
  private readonly waiting = new Map<string, Waiting<R, T>[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly relay: ChangeRelayService,
    private readonly spec: ChangeGroupSpec<R, P, T>,
    private readonly maxMembers: number,
  ) {}

  submit(conferenceId: string, member: GroupMember<R>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.waiting.get(conferenceId);
      if (queue) {
        queue.push({ member, resolve, reject });
        return;
      }
      this.waiting.set(conferenceId, [{ member, resolve, reject }]);
      void this.drain(conferenceId);
    });
  }

  private async drain(conferenceId: string): Promise<void> {
    const queue = this.waiting.get(conferenceId)!;
    while (queue.length) await this.runGroup(conferenceId, this.takeGroup(queue));
    this.waiting.delete(conferenceId);
  }

  /** The oldest waiting members, at most one per key; the others wait for the next group. */
  private takeGroup(queue: Waiting<R, T>[]): Waiting<R, T>[] {
    const keys = new Set<string>();
    const group: Waiting<R, T>[] = [];
    for (let i = 0; i < queue.length && group.length < this.maxMembers;) {
      const key = this.spec.keyOf(queue[i].member);
      if (keys.has(key)) {
        i += 1;
        continue;
      }
      keys.add(key);
      group.push(...queue.splice(i, 1));
    }
    return group;
  }

  /** Settles every member: its result after the commit, or the error that refused it (or failed the group). */
  private async runGroup(conferenceId: string, group: Waiting<R, T>[]): Promise<void> {
    const refused = new Map<Waiting<R, T>, unknown>();
    let accepted: Array<{ waiting: Waiting<R, T>; result: T }> = [];
    try {
      accepted = await this.dataSource.transaction(async (em) => {
        const authorised = await this.authorise(em, conferenceId, group, refused);
        const prepared = authorised.length ? await this.spec.prepare(em, conferenceId, authorised.map((w) => w.member)) : [];
        const ready: Array<{ waiting: Waiting<R, T>; prepared: P }> = [];
        authorised.forEach((waiting, i) => {
          const outcome = prepared[i];
          if (outcome instanceof Error) refused.set(waiting, outcome);
          else ready.push({ waiting, prepared: outcome });
        });
        if (!ready.length) return [];
        const conference = await lockConference(em, conferenceId);
        if (!conference) throw conferenceNotFound(conferenceId);
        const now = new Date();
        const outcome = await this.spec.commit({ em, conference, now }, ready.map(({ waiting, prepared: p }) => ({ ...waiting.member, prepared: p })));
        const records: ChangeRecord[] = ready.map(({ waiting }, i) => ({
          actor: { kind: 'user', userId: waiting.member.user.id }, audit: outcome.audits[i], events: i === 0 ? outcome.events : [],
        }));
        await writeChanges(em, conference, records, now);
        return ready.map(({ waiting }, i) => ({ waiting, result: outcome.results[i] }));
      });
    } catch (error) {
      for (const waiting of group) if (!refused.has(waiting)) refused.set(waiting, error);
    }
    for (const [waiting, error] of refused) waiting.reject(error);
    for (const { waiting, result } of accepted) waiting.resolve(result);
    if (accepted.length) this.relay.kick(conferenceId);
  }

  /** Every member's roles in one query; those without the permission are refused with the usual 403. */
  private async authorise(em: EntityManager, conferenceId: string, group: Waiting<R, T>[], refused: Map<Waiting<R, T>, unknown>): Promise<Waiting<R, T>[]> {
    const verdicts = await this.access.authorizeAll(em, conferenceId, this.spec.permission, group.map(({ member }) => member));
    return group.filter((waiting, i) => {
      const verdict = verdicts[i];
      if (verdict instanceof Error) refused.set(waiting, verdict);
      return !(verdict instanceof Error);
    });
  }
}
