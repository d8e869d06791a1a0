// The secrecy of a ballot, checked as a database administrator would try to break it: known voters cast
// known, distinct secret ballots one after another; then every table is read as the `postgres`
// superuser (system columns and raw heap pages included), with the application's logs and every Redis
// key, looking for anything that links a voter to what they chose. Then the same voters cast at once,
// in one group (one transaction): read with the seal key, as root could, a ballot is linked to its
// group only, not to its voter within it.
import type { PollView } from '@hoinghi/contracts';
import Redis from 'ioredis';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { unsealBallot } from '@hoinghi/server-kit';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '../../apps/meeting/src/config/app-config';
import { until, votingConference, VotingConference } from '../support/electorate';
import { MeetingHarness } from '../support/meeting-harness';
import { sendBehindPollLock } from '../support/poll-lock';
import { testDatabaseUrl } from '../support/test-config';
import { REDIS_URL, WorkerProcess } from '../support/worker-process';

const VOTERS = 24;
/** PostgreSQL's own log (Debian's location); read for the suite's window when this process may read it. */
const POSTGRES_LOG = process.env.POSTGRES_LOG_FILE || '/var/log/postgresql/postgresql-15-main.log';

describe('a secret ballot cannot be traced to its voter', () => {
  let meeting: MeetingHarness;
  let worker: WorkerProcess;
  let vc: VotingConference;
  let admin: Client;
  let poll: PollView;
  /** Each voter's ballot code (one digit per candidate), in the order they voted. */
  const cast: Array<{ participantId: string; userId: string; receiptId: string; code: string; selected: string[] }> = [];
  const logs: string[] = [];
  let postgresLogFrom = -1;
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  // 24 different selections of at most 3 of 6 (41 exist): each ballot names its voter, if anything links them.
  const selections: number[][] = [];
  for (let mask = 1; mask < 64 && selections.length < VOTERS; mask += 1) {
    const chosen = [0, 1, 2, 3, 4, 5].filter((k) => mask & (1 << k));
    if (chosen.length <= 3) selections.push(chosen);
  }
  const codeOf = (poll: PollView, selected: string[]) => poll.options.map((o) => (selected.includes(o.id) ? '1' : '0')).join('');

  beforeAll(async () => {
    meeting = await MeetingHarness.start({ relaySweepMs: 200 });
    vc = await votingConference(meeting, `sb${Date.now().toString(36)}`, [VOTERS / 2, VOTERS / 2], VOTERS);
    worker = await WorkerProcess.start({ BALLOT_SWEEP_MS: '500' });
    admin = new Client({ connectionString: testDatabaseUrl() }); // postgres: the superuser
    if (existsSync(POSTGRES_LOG)) postgresLogFrom = statSync(POSTGRES_LOG).size;
    await admin.connect();
    // The meeting service runs in this process: everything it logs passes through here.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (logs.push(String(chunk)), writes.out(chunk, ...rest))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (logs.push(String(chunk)), writes.err(chunk, ...rest))) as typeof process.stderr.write;
  });

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await admin?.end();
    await worker?.kill('SIGTERM');
    await meeting?.stop();
  });

  it('casts 24 distinct ballots from known voters, one after another', async () => {
    poll = await vc.createPoll({
      kind: 'election', title: 'Bầu Ban Thường vụ', maxChoices: 3, options: ['A', 'B', 'C', 'D', 'E', 'F'].map((l) => `Ứng cử viên ${l}`),
    });
    expect((await vc.chair.post(vc.path(`/polls/${poll.id}/open`))).status).toBe(200);
    for (const [i, elector] of vc.electors.entries()) {
      const selected = selections[i].map((k) => poll.options[k].id);
      const answer = await vc.cast(elector.api, poll.id, { selected });
      expect(answer.status).toBe(202);
      const code = codeOf(poll, selected);
      cast.push({ participantId: elector.participantId, userId: elector.userId, receiptId: answer.body.receiptId, code, selected });
    }
    expect(new Set(cast.map((c) => c.code)).size).toBe(VOTERS);
  });

  it('while the poll is open, the ballot box holds only sealed ballots: no choice, no voter, no time', async () => {
    const columns = await columnsOf('ballot_box');
    expect(columns.sort()).toEqual(['id', 'poll_id', 'sealed']);
    const { rows } = await admin.query('SELECT id, poll_id, sealed FROM ballot_box WHERE poll_id = $1', [poll.id]);
    expect(rows).toHaveLength(VOTERS);
    const lengths = new Set(rows.map((r) => (r.sealed as Buffer).length));
    expect(lengths.size).toBe(1); // every sealed ballot as long as every other
    for (const row of rows) {
      const bytes = (row.sealed as Buffer).toString('latin1');
      for (const c of cast) {
        expect(bytes).not.toContain(c.code);
        expect(row.id).not.toBe(c.receiptId);
      }
    }
    const voters = await admin.query('SELECT * FROM poll_voters WHERE poll_id = $1', [poll.id]);
    expect(voters.rows.every((v) => v.choice === null)).toBe(true);
    // What an administrator can see in flight, and why the seal is there: a sealed ballot was written in its
    // voter's transaction (same xmin, as in the WAL). Only the count, which opens and rewrites them, ends that.
    const boxed = new Set((await admin.query('SELECT xmin::text AS x FROM ballot_box WHERE poll_id = $1', [poll.id])).rows.map((r) => r.x));
    const marked = (await admin.query('SELECT xmin::text AS x FROM poll_voters WHERE poll_id = $1', [poll.id])).rows.map((r) => r.x);
    expect(marked.filter((x) => boxed.has(x))).toHaveLength(VOTERS);
    expect(Object.keys(voters.rows[0]).sort()).toEqual(['choice', 'idempotency_key', 'late', 'participant_id', 'poll_id', 'receipt_id']);
  });

  it('after the count, no table, system column, page, log line or Redis key links a voter to a ballot', async () => {
    expect((await vc.chair.post(vc.path(`/polls/${poll.id}/close`))).status).toBe(200);
    const done = await until(() => vc.chair.get<PollView[]>(vc.path('/polls')).then((r) => r.body.find((p) => p.id === poll.id)!), (p) => p.status === 'published', 20_000);
    expect(done.result?.cast).toBe(VOTERS);

    // The ballots, opened: exactly the codes cast, and no column of theirs shares a value with a voter mark.
    const ballots = (await admin.query('SELECT ctid::text AS ctid, xmin::text AS xmin, id, poll_id, code FROM ballots WHERE poll_id = $1 ORDER BY ctid', [poll.id])).rows;
    expect(ballots.map((b) => b.code).sort()).toEqual(cast.map((c) => c.code).sort());
    expect((await columnsOf('ballots')).sort()).toEqual(['code', 'id', 'poll_id']);
    // (Row positions, ctid, are compared as an order below: both tables start at (0,1), which links nothing.)
    const voters = (await admin.query('SELECT xmin::text AS xmin, * FROM poll_voters WHERE poll_id = $1', [poll.id])).rows;
    const voterValues = new Set(voters.flatMap((v) => Object.entries(v).filter(([k]) => k !== 'poll_id').map(([, value]) => String(value))));
    for (const b of ballots) for (const key of ['id', 'code', 'xmin']) expect(voterValues.has(String(b[key]))).toBe(false);

    // Not by transaction: every ballot was written by one transaction, which wrote no voter mark.
    expect(new Set(ballots.map((b) => b.xmin)).size).toBe(1);
    expect(voters.some((v) => v.xmin === ballots[0].xmin)).toBe(false);

    // Not by order: physically (ctid) and by key, the ballots are not in the order they were cast.
    const inOrder = (codes: string[]) => codes.filter((code, i) => code === cast[i].code).length;
    expect(inOrder(ballots.map((b) => b.code))).toBeLessThan(6); // a random order leaves ~1 in place; 6+ happens 1 time in 1,500
    expect(ballots.map((b) => b.code)).not.toEqual(cast.map((c) => c.code));
    const byId = (await admin.query('SELECT code FROM ballots WHERE poll_id = $1 ORDER BY id', [poll.id])).rows.map((r) => r.code);
    expect(inOrder(byId)).toBeLessThan(6);

    // The ballot box is empty, and what is left of it on its pages (dead tuples before VACUUM) is sealed.
    expect((await admin.query('SELECT count(*)::int AS n FROM ballot_box WHERE poll_id = $1', [poll.id])).rows[0].n).toBe(0);
    await admin.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
    const pages = (await admin.query(`SELECT pg_relation_size('ballot_box') / current_setting('block_size')::int AS n`)).rows[0].n as number;
    for (let page = 0; page < pages; page += 1) {
      const tuples = await admin.query(`SELECT t_data FROM heap_page_items(get_raw_page('ballot_box', $1)) WHERE t_data IS NOT NULL`, [page]);
      for (const t of tuples.rows) for (const c of cast) expect((t.t_data as Buffer).toString('latin1')).not.toContain(c.code);
    }

    // Every table, as the superuser: none names a voter of this poll together with a selection of theirs.
    const tables = (await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string);
    for (const table of tables) {
      const rows = (await admin.query(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`)).rows.map((r) => r.row as string);
      for (const row of rows) {
        for (const c of cast) {
          const namesVoter = [c.participantId, c.userId, c.receiptId].some((id) => row.includes(id));
          const namesChoice = row.includes(`"${c.code}"`) || (c.selected.length > 0 && c.selected.every((id) => row.includes(id)) && !row.includes(poll.options[5].id));
          if (namesVoter && namesChoice) throw new Error(`${table} links voter ${c.participantId} to their ballot: ${row.slice(0, 300)}`);
        }
      }
    }
    // No audit line or delta speaks of a ballot.
    const audit = (await admin.query(`SELECT action FROM audit_entries WHERE conference_id = $1 AND action LIKE 'ballot%'`, [vc.conferenceId])).rows;
    expect(audit).toEqual([]);
    const deltas = (await admin.query(`SELECT data::text AS data FROM conference_events WHERE conference_id = $1 AND type LIKE 'poll.%'`, [vc.conferenceId])).rows;
    for (const d of deltas) for (const c of cast) expect(d.data).not.toContain(c.participantId);

    // The logs of the meeting service and the worker, and every key in Redis.
    const logged = logs.join('') + worker.output;
    const redis = new Redis(REDIS_URL);
    let stored = '';
    try {
      for (const key of await redis.keys('*')) {
        const type = await redis.type(key);
        const value = type === 'string' ? await redis.get(key)
          : type === 'hash' ? await redis.hgetall(key)
            : type === 'list' ? await redis.lrange(key, 0, -1)
              : type === 'zset' ? await redis.zrange(key, 0, -1)
                : type === 'set' ? await redis.smembers(key) : '';
        stored += `${key} ${JSON.stringify(value)}\n`;
      }
    } finally {
      redis.disconnect();
    }
    for (const c of cast) {
      for (const id of [c.participantId, c.userId, c.receiptId]) {
        expect(logged).not.toContain(id);
        expect(stored).not.toContain(id);
      }
    }
    expect(stored).not.toContain('"sealed"');

    // PostgreSQL's own log over the suite's window (when this machine's log is readable here).
    if (postgresLogFrom >= 0) {
      const length = statSync(POSTGRES_LOG).size - postgresLogFrom;
      const buffer = Buffer.alloc(Math.max(0, length));
      const fd = openSync(POSTGRES_LOG, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, postgresLogFrom);
      } finally {
        closeSync(fd);
      }
      const serverLog = buffer.toString('utf8');
      for (const c of cast) for (const id of [c.participantId, c.userId, c.receiptId]) expect(serverLog).not.toContain(id);
    }

    // PostgreSQL logs no statement: not by default, and not here.
    const settings = (await admin.query(`SELECT name, setting FROM pg_settings WHERE name IN ('log_statement', 'log_min_duration_statement', 'log_parameter_max_length_on_error')`)).rows;
    expect(Object.fromEntries(settings.map((s) => [s.name, s.setting]))).toEqual({ log_statement: 'none', log_min_duration_statement: '-1', log_parameter_max_length_on_error: '0' });
  });

  it('ballots cast at once go in one transaction: a sealed ballot is linked to its group, not to its voter within it', async () => {
    const group = await vc.createPoll({
      kind: 'election', title: 'Bầu Ủy ban Kiểm tra', maxChoices: 3, options: ['A', 'B', 'C', 'D', 'E', 'F'].map((l) => `Ứng cử viên ${l}`),
    });
    expect((await vc.chair.post(vc.path(`/polls/${group.id}/open`))).status).toBe(200);
    const codes = new Map<string, string>(); // participant → the code of their ballot
    const { answers } = await sendBehindPollLock(admin, group.id, vc.electors.map((elector, i) => () => {
      const selected = selections[i].map((k) => group.options[k].id);
      codes.set(elector.participantId, codeOf(group, selected));
      return vc.cast(elector.api, group.id, { selected });
    }));
    expect(answers.map((a) => a.status)).toEqual(Array(VOTERS).fill(202));

    // Voter marks and sealed ballots by transaction, each in physical order; opened with the seal key, as root could.
    const { ballotSealKey } = meeting.app.get<AppConfig>(APP_CONFIG);
    const byXmin = async <R>(sql: string, map: (row: Record<string, unknown>) => R) => {
      const groups = new Map<string, R[]>();
      for (const row of (await admin.query(sql, [group.id])).rows) groups.set(row.x as string, [...(groups.get(row.x as string) ?? []), map(row)]);
      return groups;
    };
    const marked = await byXmin('SELECT xmin::text AS x, participant_id FROM poll_voters WHERE poll_id = $1 ORDER BY ctid', (r) => codes.get(r.participant_id as string)!);
    const boxed = await byXmin('SELECT xmin::text AS x, sealed FROM ballot_box WHERE poll_id = $1 ORDER BY ctid', (r) => unsealBallot([ballotSealKey], group.id, r.sealed as Buffer)!.code);
    // By transaction id a sealed ballot points at its group: the same ballots (opened) as the group's voters chose.
    expect([...boxed.keys()].sort()).toEqual([...marked.keys()].sort());
    for (const [xmin, voters] of marked) expect([...boxed.get(xmin)!].sort()).toEqual([...voters].sort());
    // Within a group, the ballot box's order is not the voter marks' order.
    const largest = [...marked.keys()].sort((a, b) => marked.get(b)!.length - marked.get(a)!.length)[0];
    const [voters, ballots] = [marked.get(largest)!, boxed.get(largest)!];
    expect(voters.length).toBeGreaterThanOrEqual(12);
    expect(ballots).not.toEqual(voters);
    expect(ballots.filter((code, i) => code === voters[i]).length).toBeLessThan(6); // a random order leaves ~1 in place

    expect((await vc.chair.post(vc.path(`/polls/${group.id}/close`))).status).toBe(200);
    const done = await until(() => vc.chair.get<PollView[]>(vc.path('/polls')).then((r) => r.body.find((p) => p.id === group.id)!), (p) => p.status === 'published', 20_000);
    expect(done.result?.cast).toBe(VOTERS);
    const logged = logs.join('') + worker.output;
    for (const a of answers) expect(logged).not.toContain(a.body.receiptId);
  });

  async function columnsOf(table: string): Promise<string[]> {
    return (await admin.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table])).rows.map((r) => r.column_name as string);
  }
});
