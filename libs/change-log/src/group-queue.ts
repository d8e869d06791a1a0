/**
 * What one group's run says of each of its members, in the members' order: its result, or the error
 * that refuses it. A run that throws refuses every member with that error.
 */
export type GroupRun<M, T> = (conferenceId: string, members: M[]) => Promise<Array<T | Error>>;

export interface GroupQueueOptions<M, T> {
  /** Members with the same key never share a group (e.g. two check-ins of one delegate, two copies of one comment). */
  keyOf(member: M): string;
  maxMembers: number;
  run: GroupRun<M, T>;
}

interface Waiting<M, T> {
  member: M;
  resolve(result: T): void;
  reject(error: unknown): void;
}

/**
 * The queueing half of a group commit, for any writer of the change log (the meeting service's
 * requests, the worker's jobs): while a group of a conference is in flight in this process, new
 * members wait and then go together as the next group. A member alone goes at once, as a group of
 * one, so nothing waits for a timer; under a burst, groups grow by themselves with the time a group
 * takes, and the conference's lock is taken once per group rather than once per member.
 */
export class GroupQueue<M, T> {
  private readonly waiting = new Map<string, Waiting<M, T>[]>();

  constructor(private readonly options: GroupQueueOptions<M, T>) {}

  submit(conferenceId: string, member: M): Promise<T> {
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
  private takeGroup(queue: Waiting<M, T>[]): Waiting<M, T>[] {
    const keys = new Set<string>();
    const group: Waiting<M, T>[] = [];
    for (let i = 0; i < queue.length && group.length < this.options.maxMembers;) {
      const key = this.options.keyOf(queue[i].member);
      if (keys.has(key)) {
        i += 1;
        continue;
      }
      keys.add(key);
      group.push(...queue.splice(i, 1));
    }
    return group;
  }

  /** Settles every member of the group; never throws, so the queue always drains. */
  private async runGroup(conferenceId: string, group: Waiting<M, T>[]): Promise<void> {
    let outcomes: Array<T | Error>;
    try {
      outcomes = await this.options.run(conferenceId, group.map((w) => w.member));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) waiting.reject(outcome);
      else waiting.resolve(outcome);
    });
  }
}
