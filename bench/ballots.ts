// Ballots benchmark (issue #10): 10,000 ballots from 700 sites on one poll, sent as fast as the clients
// allow to one meeting instance, tallied by the worker; then the poll is closed and counted. Checks
// that nothing is lost or doubled (the result equals the ballots acknowledged, choice by choice; resends
// answer their first receipt). Then, in the same run, the same rows by raw INSERTs from as many
// connections: the ratio says what the API, its checks and its seal cost over PostgreSQL alone.
//
//   npm run build:server && npm run bench:ballots
//   knobs: BENCH_SITES (700), BENCH_BALLOTS (10000), BENCH_CONCURRENCY (64 requests in flight),
//          BENCH_INSTANCES (1 meeting instance; 2 spreads the ballots over two), BENCH_KIND (confidence | open | election), BENCH_OFFICIALS (3), BENCH_CPU_PROF=1 (profile the meeting service into bench-profiles/);
//          the meeting service's own BALLOT_GROUP_MAX passes through (ballots cast together at most)
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { dropDatabase } from '@hoinghi/database';
import type { BallotReceipt, ConferenceSnapshot, PollView } from '@hoinghi/contracts';
import { CLOCK_TICKS, commandProcessTicks, loadAverage, processTicks, sleep } from './proc';
import {
  accessToken, api, fmt, inParallel, insertRows, now, percentiles, ROOT, startMeeting, stopChild, Timed, waitForHealth, waitUntilAsync,
} from './support';

const SITES = Number(process.env.BENCH_SITES ?? 700);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const KIND = (process.env.BENCH_KIND ?? 'confidence') as PollView['kind'];
const OFFICIALS = Number(process.env.BENCH_OFFICIALS ?? 3);
const PORT = 3394;
/** Meeting instances the ballots are spread over (the first creates the database). */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi_bench_ballots';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RESENDS = 500;
const RAW_CONNECTIONS = 20;
const PROFILE = process.env.BENCH_CPU_PROF === '1';

const children: ChildProcess[] = [];

interface Voter {
  userId: string;
  participantId: string;
  siteId: string;
  token: string;
}

async function main(): Promise<void> {
  console.log(`ballots: ${BALLOTS} ballots from ${SITES} sites on one ${KIND} poll, ${CONCURRENCY} in flight, ${INSTANCES} meeting instance(s); `
    + `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; load average ${loadAverage()}`);
  await dropDatabase({ url: DATABASE_URL });
  const meeting = startMeeting(PORT, DATABASE_URL, { REDIS_URL }, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench-profiles')}`] : []);
  children.push(meeting);
  await waitForHealth(PORT);
  for (let k = 1; k < INSTANCES; k += 1) {
    children.push(startMeeting(PORT + k, DATABASE_URL, { REDIS_URL }));
    await waitForHealth(PORT + k);
  }
  children.push(await startWorker());

  let t = Date.now();
  const { conferenceId, chairToken, voters, itemId } = await setUp();
  const path = (rest: string) => `/conferences/${conferenceId}${rest}`;
  const poll = await api<PollView>(PORT, chairToken, 'POST', path('/polls'), {
    agendaItemId: itemId, kind: KIND, title: 'Biểu quyết (benchmark)',
    ...(KIND === 'open' ? {} : { options: Array.from({ length: OFFICIALS }, (_, i) => `Đồng chí số ${i + 1}`) }),
  });
  const opened = await api<PollView>(PORT, chairToken, 'POST', path(`/polls/${poll.id}/open`));
  console.log(`set-up: ${((Date.now() - t) / 1000).toFixed(1)} s; electorate ${opened.electorate?.electorate}, present ${opened.electorate?.presentAtOpen}`);

  // What each voter chooses: known here, so the count can be checked choice by choice.
  const ballotOf = (i: number): Record<string, unknown> => {
    const levels = ['high', 'medium', 'low'] as const;
    if (KIND === 'open') return { choice: (['yes', 'yes', 'no', 'abstain'] as const)[i % 4] };
    if (KIND === 'confidence') return { ratings: poll.options.map((o, k) => ({ optionId: o.id, level: levels[(i + k) % 3] })) };
    return { selected: poll.options.filter((_, k) => (i + k) % 2 === 0).slice(0, 1).map((o) => o.id) };
  };
  // Sites interleaved, as ballots from 700 halls would arrive.
  const order = voters.map((_, i) => i).sort((a, b) => (a % SITES) - (b % SITES) || a - b);
  const keys = voters.map(() => randomUUID());
  const answers: Array<Timed & { receiptId?: string; resentAfter?: string }> = new Array(BALLOTS);

  // ----- the burst -----
  const meetings = children.slice(0, INSTANCES); // then the worker
  const cpu0 = { meeting: meetings.map((c) => processTicks(c.pid!)), worker: processTicks(children[INSTANCES].pid!), pg: commandProcessTicks('postgres'), bench: process.cpuUsage() };
  const started = now();
  await inParallel(order, CONCURRENCY, async (i) => {
    const send = () => timedJson(voters[i].token, path(`/polls/${poll.id}/ballots`), { idempotencyKey: keys[i], ...ballotOf(i) }, PORT + (i % INSTANCES));
    const first = await send();
    // No answer at all (a kept-alive connection reset as it was reused): sent again with its key, as a
    // client does after a timeout — the API's promise is that this counts once.
    answers[i] = first.status === 0 ? { ...(await send()), sentAt: first.sentAt, resentAfter: first.error } : first;
  });
  const ackSeconds = (now() - started) / 1000;
  // CPU seconds of each side during the burst: in cores (of the burst's wall time), and per ballot —
  // the figure other load on the shared machine disturbs least.
  const seconds = {
    meeting: meetings.reduce((sum, c, k) => sum + (processTicks(c.pid!) - cpu0.meeting[k]) / CLOCK_TICKS, 0),
    worker: (processTicks(children[INSTANCES].pid!) - cpu0.worker) / CLOCK_TICKS,
    // This database's backends only: the machine's PostgreSQL also serves other people's test suites.
    pg: (await backendsOf(DATABASE_URL)).reduce((sum, pid) => sum + processTicks(pid) - (cpu0.pg.get(pid) ?? 0), 0) / CLOCK_TICKS,
    bench: (() => { const u = process.cpuUsage(cpu0.bench); return (u.user + u.system) / 1e6; })(),
  };
  const cpu = Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, `${(s / ackSeconds).toFixed(2)} (${(s * 1000 / BALLOTS).toFixed(3)} ms/ballot)`]));
  const acked = answers.filter((a) => a.status === 202);
  const failed = answers.filter((a) => a.status !== 202);
  const resentAfterReset = answers.filter((a) => a.resentAfter);
  const latency = percentiles(answers.map((a) => a.answeredAt - a.sentAt));
  console.log(`\nburst: ${acked.length} acknowledged in ${ackSeconds.toFixed(2)} s (${(acked.length / ackSeconds).toFixed(0)}/s); failed ${failed.length}${failed[0] ? ` (e.g. ${failed[0].status} ${failed[0].error})` : ''}`
    + `; sent twice after no answer: ${resentAfterReset.length}${resentAfterReset[0] ? ` (${resentAfterReset[0].resentAfter})` : ''}`);
  console.log(`  acknowledgement (POST → 202): ${fmt(latency)}`);
  console.log(`  CPU during the burst, in cores: meeting ${cpu.meeting}, worker ${cpu.worker}, PostgreSQL (this database's backends) ${cpu.pg}, this client ${cpu.bench}`);

  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const voted = async () => (await db.query('SELECT voted FROM polls WHERE id = $1', [poll.id])).rows[0].voted as number;
    await waitUntilAsync(async () => (await voted()) === acked.length, 60_000, 'the worker to tally every ballot');
    const talliedSeconds = (now() - started) / 1000;
    console.log(`  tallied by the worker (turnout ${acked.length}) ${talliedSeconds.toFixed(2)} s after the first ballot`);
    // The transactions that wrote voter marks (one xmin each): how the meeting service grouped the ballots.
    const [groups] = (await db.query(
      'SELECT count(*)::int AS n, max(size)::int AS largest FROM (SELECT count(*) AS size FROM poll_voters WHERE poll_id = $1 GROUP BY xmin::text) g', [poll.id])).rows;
    console.log(`  transactions that cast them: ${groups.n} (${(acked.length / groups.n).toFixed(1)} ballots each on average, at most ${groups.largest})`);

    // Resends of acknowledged ballots (a client that timed out): the same receipts, nothing new.
    const resent = await inParallel(order.slice(0, RESENDS), CONCURRENCY, (i) => timedJson(voters[i].token, path(`/polls/${poll.id}/ballots`), { idempotencyKey: keys[i], ...ballotOf(i) }));
    const sameReceipt = resent.filter((r, k) => r.status === 202 && r.receiptId === answers[order[k]].receiptId).length;

    // Close, count, publish.
    const closeAt = now();
    await api<PollView>(PORT, chairToken, 'POST', path(`/polls/${poll.id}/close`));
    await waitUntilAsync(async () => (await db.query('SELECT status FROM polls WHERE id = $1', [poll.id])).rows[0].status === 'published', 60_000, 'the count');
    const countSeconds = (now() - closeAt) / 1000;
    const totalSeconds = ackSeconds + countSeconds + Math.max(0, talliedSeconds - ackSeconds);
    const result = (await db.query('SELECT result FROM poll_results WHERE poll_id = $1', [poll.id])).rows[0].result as PollView['result'];
    const [stored] = (await db.query(
      `SELECT (SELECT count(*) FROM poll_voters WHERE poll_id = $1)::int AS voters, (SELECT count(*) FROM ballots WHERE poll_id = $1)::int AS ballots,
              (SELECT count(*) FROM ballot_box WHERE poll_id = $1)::int AS boxed`, [poll.id])).rows;
    const expected = expectedCounts(acked.length === BALLOTS ? voters.map((_, i) => ballotOf(i)) : answers.flatMap((a, i) => (a.status === 202 ? [ballotOf(i)] : [])));
    const counted = countsOf(result!);
    const lost = acked.length - (result?.cast ?? 0);
    const mismatched = Object.keys({ ...expected, ...counted }).filter((k) => (expected[k] ?? 0) !== (counted[k] ?? 0));
    console.log(`  closed and counted in ${countSeconds.toFixed(2)} s; result: ${result?.cast} ballots; stored: ${JSON.stringify(stored)}`);
    console.log(`  lost ${lost}, doubled ${stored.voters - acked.length}, counts differing from the ballots sent: ${mismatched.length}; resends answering their first receipt: ${sameReceipt}/${RESENDS}`);
    console.log(`  total (burst acknowledged, tallied, closed and counted): ${totalSeconds.toFixed(2)} s`);

    // ----- baseline: the same rows, raw -----
    const { seconds: rawSeconds, pgSeconds: rawPg, clientSeconds: rawClient } = await rawInserts();
    console.log(`\nraw INSERT of the same rows (voter mark + sealed ballot per transaction, ${RAW_CONNECTIONS} connections): ${rawSeconds.toFixed(2)} s (${(BALLOTS / rawSeconds).toFixed(0)}/s)`);
    console.log(`  CPU: PostgreSQL (this database's backends) ${(rawPg * 1000 / BALLOTS).toFixed(3)} ms/row, this client ${(rawClient * 1000 / BALLOTS).toFixed(3)} ms/row`);
    console.log(`  ratio API burst / raw inserts: ${(ackSeconds / rawSeconds).toFixed(2)}`);
    if (lost !== 0 || mismatched.length || stored.voters !== acked.length || failed.length || sameReceipt !== RESENDS) process.exitCode = 2;
  } finally {
    await db.end();
  }
}

/**
 * The clients' connections: kept alive, at most one per request in flight. node:http rather than fetch:
 * fetch cost this process ~1 ms of CPU per ballot, as much as the meeting service, on the same two cores.
 */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

async function timedJson(token: string, path: string, body: unknown, port = PORT): Promise<Timed & { receiptId?: string }> {
  const sentAt = now();
  try {
    const { status, json } = await postJson(port, `/api${path}`, token, body);
    const answer = json as BallotReceipt & { message?: string };
    return { sentAt, answeredAt: now(), status, receiptId: answer.receiptId, error: status === 202 ? undefined : answer.message };
  } catch (error) {
    return { sentAt, answeredAt: now(), status: 0, error: (error as Error).message };
  }
}

function postJson(port: number, path: string, token: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method: 'POST', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The PostgreSQL backends connected to the bench's database (the services' pools), by pid. */
async function backendsOf(url: string): Promise<number[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map((r) => r.pid as number);
  } finally {
    await db.end();
  }
}

function expectedCounts(ballots: Record<string, unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const b of ballots) {
    if (b.choice) bump(String(b.choice));
    for (const r of (b.ratings as Array<{ optionId: string; level: string }> | undefined) ?? []) bump(`${r.optionId}:${r.level}`);
    for (const id of (b.selected as string[] | undefined) ?? []) bump(id);
  }
  return counts;
}

function countsOf(result: NonNullable<PollView['result']>): Record<string, number> {
  const counts: Record<string, number> = {};
  const set = (key: string, n: number) => n && (counts[key] = n);
  if (result.kind === 'open') for (const [k, n] of Object.entries(result.counts)) set(k, n);
  if (result.kind === 'confidence') for (const o of result.officials) for (const [level, n] of Object.entries(o.counts)) set(`${o.optionId}:${level}`, n);
  if (result.kind === 'election') for (const c of result.candidates) set(c.optionId, c.votes);
  return counts;
}

/**
 * One transaction per ballot, a voter mark and a sealed-sized blob, from as many connections as a meeting
 * instance has (20): its wall time, and the CPU seconds of this database's backends and of this client.
 */
async function rawInserts(): Promise<{ seconds: number; pgSeconds: number; clientSeconds: number }> {
  const pool = new Pool({ connectionString: DATABASE_URL, max: RAW_CONNECTIONS });
  try {
    await pool.query(`CREATE TABLE raw_voters (poll_id uuid NOT NULL, participant_id uuid NOT NULL, receipt_id uuid NOT NULL DEFAULT gen_random_uuid(),
      idempotency_key varchar(100) NOT NULL, late boolean NOT NULL, choice varchar(8), PRIMARY KEY (poll_id, participant_id))`);
    await pool.query(`CREATE TABLE raw_box (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), poll_id uuid NOT NULL, sealed bytea NOT NULL)`);
    await pool.query('CREATE INDEX ON raw_box (poll_id)');
    const pollId = randomUUID();
    const sealed = Buffer.alloc(28 + OFFICIALS, 7);
    const pg0 = commandProcessTicks('postgres');
    const client0 = process.cpuUsage();
    const started = now();
    await inParallel(Array.from({ length: BALLOTS }, (_, i) => i), CONCURRENCY, async () => {
      await pool.query(
        `WITH v AS (INSERT INTO raw_voters (poll_id, participant_id, idempotency_key, late) VALUES ($1, gen_random_uuid(), $2, false) RETURNING receipt_id)
         INSERT INTO raw_box (poll_id, sealed) SELECT $1, $3 FROM v`, [pollId, randomUUID(), sealed]);
    });
    const seconds = (now() - started) / 1000;
    const { user, system } = process.cpuUsage(client0);
    const pgTicks = (await backendsOf(DATABASE_URL)).reduce((sum, pid) => sum + processTicks(pid) - (pg0.get(pid) ?? 0), 0);
    return { seconds, pgSeconds: pgTicks / CLOCK_TICKS, clientSeconds: (user + system) / 1e6 };
  } finally {
    await pool.end();
  }
}

/**
 * A province's conference with SITES district halls and BALLOTS delegates with a right to vote spread
 * over them, all checked in: users, sites, participants and records by SQL (10,000 argon2 logins would
 * take minutes), the conference itself through the API; tokens signed as the service signs them.
 */
async function setUp(): Promise<{ conferenceId: string; chairToken: string; voters: Voter[]; itemId: string }> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const chairId = randomUUID();
    await insertRows(db, 'users', ['id', 'username', 'full_name', 'full_name_search', 'password_hash', 'can_convene'],
      [[chairId, 'bb.chair', 'Đồng chí Chủ trì', 'dong chi chu tri', 'not-a-hash', true]]);
    const chairToken = accessToken(chairId);
    const unitIds = Array.from({ length: SITES + 1 }, () => randomUUID());
    await insertRows(db, 'org_units', ['id', 'name', 'name_search', 'level', 'parent_id'],
      unitIds.map((id, i) => [id, i === 0 ? 'Tỉnh ủy' : `Đảng ủy số ${i}`, i === 0 ? 'tinh uy' : `dang uy so ${i}`, i === 0 ? 'province' : 'commune', i === 0 ? null : unitIds[0]]));
    const created = await api<ConferenceSnapshot>(PORT, chairToken, 'POST', '/conferences', {
      title: 'Hội nghị Ban Chấp hành (benchmark)', kind: 'confidence_vote', hostUnitId: unitIds[0],
      plannedStart: '2026-12-01T00:30:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [{ key: 'main', name: 'Hội trường Tỉnh ủy', place: '', orgUnitId: unitIds[0], isMain: true }],
      agenda: [{ title: 'Biểu quyết', kind: 'vote', presenter: '', plannedMinutes: 10 }],
    });
    const conferenceId = created.conference.id;
    const mainSite = created.sites[0].id;
    const siteIds = Array.from({ length: SITES }, () => randomUUID());
    await insertRows(db, 'sites', ['id', 'conference_id', 'name', 'place', 'org_unit_id', 'parent_site_id', 'is_main', 'position'],
      siteIds.map((id, i) => [id, conferenceId, `Điểm cầu số ${i + 1}`, '', unitIds[i + 1], mainSite, false, i + 1]));
    await insertRows(db, 'site_attendance', ['site_id', 'conference_id'], siteIds.map((id) => [id, conferenceId]));
    const voters: Voter[] = Array.from({ length: BALLOTS }, (_, i) => ({ userId: randomUUID(), participantId: randomUUID(), siteId: siteIds[i % SITES], token: '' }));
    await insertRows(db, 'users', ['id', 'username', 'full_name', 'full_name_search', 'password_hash'],
      voters.map((v, i) => [v.userId, `bb.d${i}`, `Đại biểu ${i}`, `dai bieu ${i}`, 'not-a-hash']));
    await insertRows(db, 'participants', ['id', 'conference_id', 'user_id', 'role', 'site_id', 'voting_right'],
      voters.map((v) => [v.participantId, conferenceId, v.userId, 'delegate', v.siteId, true]));
    await insertRows(db, 'attendance_records', ['conference_id', 'participant_id', 'site_id', 'status', 'checked_in_at', 'updated_by'],
      voters.map((v) => [conferenceId, v.participantId, v.siteId, 'present', new Date(), chairId]));
    await db.query('ANALYZE');
    for (const action of ['schedule', 'start']) await api(PORT, chairToken, 'POST', `/conferences/${conferenceId}/${action}`);
    for (const v of voters) v.token = accessToken(v.userId);
    return { conferenceId, chairToken, voters, itemId: created.agenda[0].id };
  } finally {
    await db.end();
  }
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], {
    env: { ...process.env, DATABASE_URL, REDIS_URL, NODE_ENV: 'development' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilAsync(async () => output.includes('consuming queues'), 30_000, 'the worker');
  return child;
}

async function cleanUp(): Promise<void> {
  await Promise.allSettled(children.map((c) => stopChild(c)));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().then(() => process.exit(130)));
main().then(
  async () => {
    await sleep(100);
    await cleanUp();
    process.exit(process.exitCode ?? 0);
  },
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
