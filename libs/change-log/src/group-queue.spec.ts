import { GroupQueue } from './group-queue';

/** A queue whose runs are recorded and finish only when the test says so. */
function recorded(maxMembers = 10) {
  const runs: Array<{ conferenceId: string; members: string[]; finish(outcomes?: Array<string | Error>): void; fail(error: Error): void }> = [];
  const queue = new GroupQueue<string, string>({
    keyOf: (member) => member.split('#')[0],
    maxMembers,
    run: (conferenceId, members) => new Promise((resolve, reject) => runs.push({
      conferenceId, members, finish: (outcomes) => resolve(outcomes ?? members.map((m) => `done ${m}`)), fail: reject,
    })),
  });
  return { queue, runs };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupQueue', () => {
  it('runs a member alone at once, and those that arrive meanwhile together next, at most one per key', async () => {
    const { queue, runs } = recorded();
    const first = queue.submit('c1', 'a');
    await tick();
    expect(runs.map((r) => r.members)).toEqual([['a']]);
    const rest = ['b', 'c', 'b#copy', 'd'].map((m) => queue.submit('c1', m));
    const other = queue.submit('c2', 'x'); // another conference does not wait
    await tick();
    expect(runs.map((r) => r.members)).toEqual([['a'], ['x']]);
    runs[0].finish();
    await tick();
    expect(runs[2].members).toEqual(['b', 'c', 'd']);
    runs[2].finish();
    await tick();
    expect(runs[3].members).toEqual(['b#copy']);
    runs[3].finish();
    runs[1].finish();
    await expect(Promise.all([first, ...rest, other])).resolves.toEqual(['done a', 'done b', 'done c', 'done b#copy', 'done d', 'done x']);
  });

  it('settles each member with its own outcome, refuses every member of a failed run, and carries on', async () => {
    const { queue, runs } = recorded(2);
    const busy = queue.submit('c', 'a');
    const [b, c, d] = ['b', 'c', 'd'].map((m) => queue.submit('c', m));
    await tick();
    runs[0].finish();
    await tick();
    expect(runs[1].members).toEqual(['b', 'c']); // at most two
    runs[1].finish(['done b', new Error('c refused')]);
    await tick();
    runs[2].fail(new Error('transaction failed'));
    await expect(busy).resolves.toBe('done a');
    await expect(b).resolves.toBe('done b');
    await expect(c).rejects.toThrow('c refused');
    await expect(d).rejects.toThrow('transaction failed');
    const later = queue.submit('c', 'e');
    await tick();
    runs[3].finish();
    await expect(later).resolves.toBe('done e');
  });
});
