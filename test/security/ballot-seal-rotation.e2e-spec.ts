// Rotating the ballot seal key in the middle of a poll (docs/security.md, "Rotating the seal key"):
// meeting instances restarted with a new key seal new ballots with it while the others still seal with
// the old one; a worker holding only the new key refuses to count (and says why), and one holding both
// counts every ballot, whichever key sealed it.
import type { PollView } from '@hoinghi/contracts';
import { DEV_SECRETS } from '@hoinghi/server-kit';
import { votingConference } from '../support/electorate';
import { Api, MeetingHarness } from '../support/meeting-harness';
import { waitFor } from '../support/redis-server';
import { WorkerProcess } from '../support/worker-process';

const NEW_KEY = { id: '2027-01', secret: 'the-new-ballot-seal-key-of-the-rotation-test-suite' };
const OLD_KEY = { id: '1', secret: DEV_SECRETS.BALLOT_SEAL_KEY }; // the test config's key

describe('ballot seal key rotation', () => {
  let before: MeetingHarness;
  let after: MeetingHarness;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    before = await MeetingHarness.start({ relaySweepMs: 200 });
    after = await MeetingHarness.start({ relaySweepMs: 200, ballotSealKey: NEW_KEY });
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await after?.stop();
    await before?.stop();
  });

  it('counts a poll whose ballots were sealed under two keys once the worker holds both, and not before', async () => {
    const vc = await votingConference(before, `sk${Date.now().toString(36)}`, [4, 4], 8);
    const poll = await vc.createPoll({ kind: 'confidence', title: 'Lấy phiếu tín nhiệm', options: ['Đồng chí A', 'Đồng chí B'] });
    expect((await vc.chair.post(vc.path(`/polls/${poll.id}/open`))).status).toBe(200);
    const [a, b] = poll.options.map((o) => o.id);
    // Electors 0–3 vote on an instance still on the old key, 4–7 on one restarted with the new key.
    const levels = ['low', 'low', 'high', 'medium', 'low', 'high', 'high', 'low'];
    const answers = await Promise.all(vc.electors.map((e, i) => {
      const api = i < 4 ? e.api : new Api(after.url, e.api.token);
      return vc.cast(api, poll.id, { ratings: [{ optionId: a, level: levels[i] }, { optionId: b, level: 'medium' }] });
    }));
    expect(answers.map((x) => x.status)).toEqual(Array(8).fill(202));
    const boxed = async () => (await before.dataSource.query('SELECT count(*)::int AS n FROM ballot_box WHERE poll_id = $1', [poll.id]))[0].n as number;
    expect(await boxed()).toBe(8);

    // The old key retired too early: the worker counts nothing, publishes nothing, and says which keys it holds.
    worker = await WorkerProcess.start({ BALLOT_SEAL_KEY: NEW_KEY.secret, BALLOT_SEAL_KEY_ID: NEW_KEY.id, BALLOT_SWEEP_MS: '300' });
    expect((await vc.chair.post<PollView>(vc.path(`/polls/${poll.id}/close`))).status).toBe(200);
    await waitFor(async () => worker!.output.includes(`a sealed ballot opens with none of the worker's seal keys (${NEW_KEY.id})`), 15_000);
    const status = async () => (await before.dataSource.query('SELECT status FROM polls WHERE id = $1', [poll.id]))[0].status as string;
    expect(await status()).toBe('closed');
    expect(await boxed()).toBe(8);
    await worker.kill('SIGKILL');

    // The rotation as documented: the worker holds the new key and the old one until this poll is counted.
    worker = await WorkerProcess.start({
      BALLOT_SEAL_KEY: NEW_KEY.secret, BALLOT_SEAL_KEY_ID: NEW_KEY.id, BALLOT_SEAL_OLD_KEYS: `${OLD_KEY.id}:${OLD_KEY.secret}`, BALLOT_SWEEP_MS: '300',
    });
    await waitFor(async () => (await status()) === 'published', 15_000);
    const result = (await vc.chair.get<PollView[]>(vc.path('/polls'))).body.find((p) => p.id === poll.id)!.result!;
    if (result.kind !== 'confidence') throw new Error('confidence');
    expect(result.cast).toBe(8);
    expect(result.officials.map((o) => o.counts)).toEqual([{ high: 3, medium: 1, low: 4 }, { high: 0, medium: 8, low: 0 }]);
    expect(await boxed()).toBe(0);
  });
});
