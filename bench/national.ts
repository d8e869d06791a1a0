// National conference benchmark (issue #7): 3,400 sites (centre → 63 provinces → districts → communes),
// three delegates and one operator per site, one socket per site plus the chair, on two meeting instances
// behind the Redis adapter. In one run: every site joins; the operators check in every delegate at 100 a
// second; meanwhile the chair grants the floor twice a second. Then a bare socket.io server gets the same
// clients and sends payloads of the same sizes at the same rates: the baseline.
//
//   npm run build:server && npm run bench:national
//   knobs: BENCH_SITES (3400), BENCH_RATE (100 check-ins/s), BENCH_CHECKINS (3 per site), BENCH_THREADS (3),
//          BENCH_BASELINE_SECONDS (30), BENCH_CPU_PROF=1 (profile instance A into bench-profiles/),
//          BENCH_CLIENT_NICE (0: the client threads' nice value, e.g. 10 to let the instances go first)
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { dropDatabase, SITE_COUNTS } from '@hoinghi/database';
import type { ConferenceSnapshot, FloorRequestView } from '@hoinghi/contracts';
import { CLOCK_TICKS, commandTicks, loadAverage, processMemory, processTicks, sleep } from './proc';
import {
  accessToken, api, fmt, Figures, Histogram, inParallel, insertRows, mb, now, percentiles, ROOT, startMeeting, stopChild, timed, Timed,
  waitForHealth, waitUntilAsync,
} from './support';
import type { BaselineResult, ClientResult, ClientSpec, FromThread, JoinResult, ThreadInput, ThreadStats, ToThread } from './national-clients';
import type { BaselinePlan, FromBaseline, ToBaseline } from './national-baseline';

const SITES = Number(process.env.BENCH_SITES ?? 3400); // including the main hall
const PROVINCES = Math.min(63, SITES - 1);
const DISTRICTS = Math.round((SITES - 1 - PROVINCES) * 0.21); // ≈ 700 of 3,336: the rest are communes
const DELEGATES_PER_SITE = 3;
const RATE = Number(process.env.BENCH_RATE ?? 100);
const CHECKINS = Math.min(SITES * DELEGATES_PER_SITE, Number(process.env.BENCH_CHECKINS ?? SITES * DELEGATES_PER_SITE));
const GRANT_MS = 500;
const THREADS = Number(process.env.BENCH_THREADS ?? 3);
const CLIENT_NICE = Number(process.env.BENCH_CLIENT_NICE ?? 0);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 30);
const COALESCE_MS = 250; // LIVE_COALESCE_MS, the service's default
const PORTS = [3391, 3392];
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi_bench_national';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PROFILE = process.env.BENCH_CPU_PROF === '1';
/** BENCH_SPLIT=1: every socket on instance B, every request to instance A (an experiment; the issue's setting is 0). */
const SPLIT = process.env.BENCH_SPLIT === '1';

interface Site {
  id: string;
  position: number;
  level: 'centre' | 'province' | 'district' | 'commune';
  operatorId: string;
  operatorToken: string;
  delegates: string[]; // participant ids
  port: number;
}

interface Setup {
  conferenceId: string;
  chairToken: string;
  sites: Site[];
}

const children: ChildProcess[] = [];
const workers: Worker[] = [];

async function main(): Promise<void> {
  const load = loadAverage();
  console.log(`national: ${SITES} sites (${PROVINCES} provinces, ${DISTRICTS} districts, ${SITES - 1 - PROVINCES - DISTRICTS} communes), `
    + `${CHECKINS} check-ins at ${RATE}/s, floor grant every ${GRANT_MS} ms, ${THREADS} client threads${CLIENT_NICE ? ` (nice ${CLIENT_NICE})` : ''}${SPLIT ? ', sockets on B and requests to A' : ''}; `
    + `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; load average ${load}`);

  // Two meeting instances: the first creates the database and runs the migrations.
  await dropDatabase({ url: DATABASE_URL });
  const profileArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench-profiles')}`] : [];
  const instances = [startMeeting(PORTS[0], DATABASE_URL, { REDIS_URL }, profileArgs)];
  children.push(instances[0]);
  await waitForHealth(PORTS[0]);
  instances.push(startMeeting(PORTS[1], DATABASE_URL, { REDIS_URL }));
  children.push(instances[1]);
  await waitForHealth(PORTS[1]);

  let t = Date.now();
  const setup = await setUp();
  console.log(`set-up: ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // (a) every site joins: the chair on instance A, site i on instance i mod 2, spread over the threads.
  const specs: ClientSpec[] = [
    { siteId: setup.sites[0].id, token: setup.chairToken, port: SPLIT ? PORTS[1] : PORTS[0], chair: true },
    ...setup.sites.map((s) => ({ siteId: s.id, token: s.operatorToken, port: SPLIT ? PORTS[1] : s.port, chair: false })),
  ];
  const threads = Array.from({ length: THREADS }, (_, index) => spawnThread({
    index, conferenceId: setup.conferenceId, clients: specs.filter((_, i) => i % THREADS === index), concurrency: 20, nice: CLIENT_NICE,
  }));
  t = now();
  const joins = (await askAll(threads, { type: 'join' }, 'joined')).flatMap((m) => (m as { joins: JoinResult[] }).joins);
  const joinSeconds = (now() - t) / 1000;
  const failedJoins = joins.filter((j) => j.error);
  if (failedJoins.length) throw new Error(`${failedJoins.length} joins failed, e.g. ${failedJoins[0].error}`);
  const chairJoin = joins.find((j) => j.chair)!;
  const siteLevel = new Map(setup.sites.map((s) => [s.id, s.level]));
  const districtJoins = joins.filter((j) => siteLevel.get(j.siteId) === 'district' || siteLevel.get(j.siteId) === 'commune');
  console.log(`\n(a) ${joins.length} sockets joined in ${joinSeconds.toFixed(1)} s; per socket (connect + join ack): ${fmt(percentiles(joins.map((j) => j.ms)))}`);
  console.log(`    snapshot (join ack) bytes: chair ${chairJoin.ackBytes}; district/commune ${fmt(percentiles(districtJoins.map((j) => j.ackBytes)), 'B')}`);

  // The floor queue the chair works through: enough requests for a grant every 500 ms, from distinct sites.
  const grantsNeeded = Math.ceil((CHECKINS / RATE) * (1000 / GRANT_MS)) + 4;
  const askers = pickEvenly(setup.sites.slice(1), grantsNeeded);
  const requests = await inParallel(askers, 4, async (site) =>
    (await api<FloorRequestView>(site.port, site.operatorToken, 'POST', `/conferences/${setup.conferenceId}/floor/requests`, { siteId: site.id })).id);
  await sleep(1500);
  console.log(`    ${requests.length} floor requests queued`);

  // (b) + (c): check-ins at RATE/s, grants every 500 ms; CPU from /proc over the window.
  const [conferenceVersionBefore] = await query<{ version: number }>('SELECT version FROM conferences WHERE id = $1', [setup.conferenceId]);
  await askAll(threads, { type: 'mark' }, 'marked');
  const ticks0 = { a: processTicks(instances[0].pid!), b: processTicks(instances[1].pid!), pg: commandTicks('postgres'), redis: commandTicks('redis-server'), bench: process.cpuUsage() };
  const plan = checkInPlan(setup);
  const started = now();
  const grants: Array<Timed & { requestId: string }> = [];
  const checkIns: Timed[] = new Array(plan.length);
  // The chair grants the next request every 500 ms, whether or not the previous grant has been answered.
  const grantCount = Math.min(requests.length, Math.floor(((plan.length / RATE) * 1000 - GRANT_MS / 2) / GRANT_MS) + 1);
  const grantLoop = (async () => {
    const answers: Promise<void>[] = [];
    for (let g = 0; g < grantCount; g++) {
      await sleep(Math.max(0, started + GRANT_MS / 2 + g * GRANT_MS - now()));
      answers.push(timed(PORTS[0], setup.chairToken, 'POST', `/conferences/${setup.conferenceId}/floor/requests/${requests[g]}/grant`)
        .then((answer) => void grants.push({ requestId: requests[g], ...answer })));
    }
    await Promise.all(answers);
  })();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < plan.length; i++) {
    const due = started + (i * 1000) / RATE;
    if (due > now() + 1) await sleep(due - now());
    const { site, participantId } = plan[i];
    pending.push(timed(site.port, site.operatorToken, 'PUT', `/conferences/${setup.conferenceId}/sites/${site.id}/attendance/${participantId}`, { status: 'present' })
      .then((r) => void (checkIns[i] = r)));
  }
  const sendingSeconds = (now() - started) / 1000;
  await Promise.all(pending);
  await grantLoop;
  const loadSeconds = (now() - started) / 1000;

  // Wait until every socket's totals include the last check-in, and the last holder has gone round.
  const [lastTotals] = await query<{ v: number }>(`SELECT max(version) AS v FROM conference_events WHERE conference_id = $1 AND type = 'attendance.totals'`, [setup.conferenceId]);
  let syncing = 0;
  await waitUntilAsync(async () => {
    const status = await askAll(threads, { type: 'status' }, 'status') as Array<{ minTotalsVersion: number; syncing: number }>;
    syncing = status.reduce((n, s) => n + s.syncing, 0);
    return Math.min(...status.map((s) => s.minTotalsVersion)) >= lastTotals.v;
  }, 30_000, 'every socket to reach the last totals');
  await sleep(1000);
  const windowSeconds = (now() - started) / 1000;
  const ticks1 = { a: processTicks(instances[0].pid!), b: processTicks(instances[1].pid!), pg: commandTicks('postgres'), redis: commandTicks('redis-server'), bench: process.cpuUsage(ticks0.bench) };
  const memory = instances.map((p) => processMemory(p.pid!));
  const collected = await askAll(threads, { type: 'collect' }, 'collected') as Array<{ clients: ClientResult[]; stats: ThreadStats }>;
  const clients = collected.flatMap((c) => c.clients);
  const stats = collected.map((c) => c.stats);

  // ----- figures -----
  const failures = checkIns.filter((c) => c.status !== 200);
  const grantFailures = grants.filter((g) => g.status !== 200 && g.status !== 201);
  console.log(`\n(b) ${checkIns.length} check-ins sent in ${sendingSeconds.toFixed(1)} s (${(checkIns.length / sendingSeconds).toFixed(1)}/s), all answered after ${loadSeconds.toFixed(1)} s; failed: ${failures.length}${failures[0] ? ` (e.g. ${failures[0].status} ${failures[0].error})` : ''}`);
  const checkInLatency = percentiles(checkIns.map((c) => c.answeredAt - c.sentAt));
  console.log(`    check-in request (PUT → answer): ${fmt(checkInLatency)}`);
  // What the service got through: answers per second from the first to the last, and the median time
  // between consecutive answers (while requests queue, that is how long one change holds the conference).
  const answered = checkIns.map((c) => c.answeredAt).sort((x, y) => x - y);
  const answerGaps = percentiles(answered.slice(1).map((at, i) => at - answered[i]));
  console.log(`    answered ${(answered.length / ((answered[answered.length - 1] - answered[0]) / 1000)).toFixed(1)}/s from the first answer to the last; time between consecutive answers p50 ${answerGaps.p50.toFixed(1)} ms`);
  console.log(`(c) ${grants.length} floor grants, failed: ${grantFailures.length}${grantFailures[0] ? ` (e.g. ${grantFailures[0].status} ${grantFailures[0].error})` : ''}; grant request: ${fmt(percentiles(grants.map((g) => g.answeredAt - g.sentAt)))}`);

  // The version of each check-in: its attendance.record delta, as the operator's own socket received it.
  const versionOf = new Map<string, number>();
  const recordArrival = new Map<string, number>();
  for (const c of clients) for (const [participantId, version, at] of c.records) {
    versionOf.set(participantId, version);
    recordArrival.set(participantId, at);
  }
  const changes = plan.map((p, i) => ({ version: versionOf.get(p.participantId) ?? NaN, ...checkIns[i], participantId: p.participantId }))
    .filter((c) => c.status === 200);
  const unknown = changes.filter((c) => Number.isNaN(c.version)).length;
  const known = changes.filter((c) => !Number.isNaN(c.version)).sort((x, y) => x.version - y.version);
  const ownRecord = percentiles(known.map((c) => recordArrival.get(c.participantId)! - c.sentAt));

  // Every (check-in, site) pair: the first arrival at which that site's totals were as of the check-in's version or later.
  const sites = clients.filter((c) => !c.chair);
  const fromSend = new Histogram();
  const fromAnswer = new Histogram();
  const lastFromSend = new Float64Array(known.length).fill(-Infinity);
  let missing = 0;
  for (const site of sites) {
    let j = 0;
    for (let k = 0; k < known.length; k++) {
      const c = known[k];
      while (j < site.totalsVersions.length && site.totalsVersions[j] < c.version) j++;
      if (j === site.totalsVersions.length) {
        missing += known.length - k;
        break;
      }
      const at = site.totalsTimes[j];
      fromSend.add(at - c.sentAt);
      fromAnswer.add(at - c.answeredAt);
      if (at - c.sentAt > lastFromSend[k]) lastFromSend[k] = at - c.sentAt;
    }
  }
  const totalsFromSend = fromSend.figures();
  const totalsFromAnswer = fromAnswer.figures();
  const lastSite = percentiles(lastFromSend);
  console.log(`\n    every site has every check-in (totals as of its version or later), ${fromSend.n} (check-in, site) pairs, ${missing} missing, ${unknown} check-ins of unknown version:`);
  console.log(`      from the PUT being sent:    ${fmt(totalsFromSend)}`);
  console.log(`      from its answer (≈ commit): ${fmt(totalsFromAnswer)}`);
  console.log(`      last site of each check-in (from send): ${fmt(lastSite)}`);
  console.log(`    the operator's own socket gets the record (from send): ${fmt(ownRecord)}`);

  // Floor: each grant's floor.holder delta at every site.
  const chair = clients.find((c) => c.chair)!;
  const grantByRequest = new Map(grants.map((g) => [g.requestId, g]));
  const grantOfVersion = new Map<number, Timed>();
  chair.holderIds.forEach((id, i) => {
    const grant = grantByRequest.get(id);
    if (grant) grantOfVersion.set(chair.holderVersions[i], grant);
  });
  const holderLatencies: number[] = [];
  const holderFromAnswer: number[] = [];
  const lastHolder = new Map<number, number>();
  for (const site of sites) {
    for (let i = 0; i < site.holderVersions.length; i++) {
      const grant = grantOfVersion.get(site.holderVersions[i]);
      if (!grant) continue;
      const latency = site.holderTimes[i] - grant.sentAt;
      holderLatencies.push(latency);
      holderFromAnswer.push(site.holderTimes[i] - grant.answeredAt);
      lastHolder.set(site.holderVersions[i], Math.max(lastHolder.get(site.holderVersions[i]) ?? -Infinity, latency));
    }
  }
  const holder = percentiles(holderLatencies);
  const holderMissing = grantOfVersion.size * sites.length - holderLatencies.length;
  console.log(`    floor holder at every site (from the grant being sent), ${holderLatencies.length} deliveries, ${holderMissing} missing: ${fmt(holder)}`);
  console.log(`      from its answer (≈ commit): ${fmt(percentiles(holderFromAnswer))}`);
  console.log(`      last site of each grant (from send): ${fmt(percentiles([...lastHolder.values()]))}`);
  const gaps = clients.reduce((n, c) => n + c.gaps, 0);
  const resyncs = clients.reduce((n, c) => n + c.resyncs, 0);
  const resnapshots = clients.reduce((n, c) => n + c.snapshotsAfterJoin, 0);
  console.log(`    gaps seen: ${gaps}; resync notices: ${resyncs}; snapshots after join: ${resnapshots}; still syncing at the end: ${syncing}`);

  // Bytes: per delta type as delivered, and everything the sockets received per check-in.
  const byType: Record<string, { count: number; bytes: number }> = {};
  for (const s of stats) for (const [type, v] of Object.entries(s.byType)) {
    const entry = (byType[type] ??= { count: 0, bytes: 0 });
    entry.count += v.count;
    entry.bytes += v.bytes;
  }
  const allBytes = stats.reduce((n, s) => n + s.bytes, 0);
  console.log('\n    deltas received by the sockets during the load (socket.io packet bytes):');
  for (const [type, v] of Object.entries(byType).sort()) {
    console.log(`      ${type.padEnd(20)} ${String(v.count).padStart(9)} deliveries, ${(v.bytes / v.count).toFixed(0).padStart(5)} B each, ${(v.bytes / 2 ** 20).toFixed(1)} MiB`);
  }
  const attendanceBytes = ['attendance.record', 'attendance.site', 'attendance.totals'].reduce((n, type) => n + (byType[type]?.bytes ?? 0), 0);
  console.log(`      all packets: ${(allBytes / 2 ** 20).toFixed(1)} MiB; attendance deltas per check-in: ${(attendanceBytes / known.length / 1024).toFixed(1)} KiB `
    + `(totals to every site ${(byType['attendance.totals']?.count ?? 0) / sites.length | 0} times each: ${((byType['attendance.totals']?.count ?? 0) / sites.length / windowSeconds).toFixed(1)}/s)`);

  const cpu = (before: number, after: number) => `${(((after - before) / CLOCK_TICKS / windowSeconds) * 100).toFixed(0)}%`;
  const benchCpu = ((ticks1.bench.user + ticks1.bench.system) / 1e6 / windowSeconds) * 100;
  console.log(`\n    CPU over the ${windowSeconds.toFixed(1)} s window (of one core): instance A ${cpu(ticks0.a, ticks1.a)}, instance B ${cpu(ticks0.b, ticks1.b)}, `
    + `PostgreSQL (all backends) ${cpu(ticks0.pg, ticks1.pg)}, Redis ${cpu(ticks0.redis, ticks1.redis)}, bench process (all threads) ${benchCpu.toFixed(0)}%`);
  // Less sensitive to other engineers' load than the latencies: what the instances spend per check-in (with the fan-out it causes).
  const instanceSeconds = (ticks1.a - ticks0.a + ticks1.b - ticks0.b) / CLOCK_TICKS;
  // Per check-in sent: one the bench gave up on may still have been committed and fanned out.
  console.log(`    instances' CPU per check-in: ${((instanceSeconds * 1000) / checkIns.length).toFixed(2)} ms (A + B, over the window)`);
  console.log(`    memory: instance A RSS ${mb(memory[0].rss)} (peak ${mb(memory[0].peakRss)}), instance B RSS ${mb(memory[1].rss)} (peak ${mb(memory[1].peakRss)})`);
  console.log(`    client threads' event-loop utilisation: ${stats.map((s) => `${(s.elu * 100).toFixed(0)}%`).join(', ')}`);
  const [events] = await query<{ n: number; requests: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE type = 'floor.requests')::int AS requests FROM conference_events WHERE conference_id = $1 AND version > $2`,
    [setup.conferenceId, conferenceVersionBefore.version]);
  console.log(`    deltas written during the load: ${events.n} (floor.requests: ${events.requests}, ${(events.requests / Math.max(1, grants.length)).toFixed(0)} per grant)`);

  // ----- baseline: the same clients on a bare socket.io server -----
  await askAll(threads, { type: 'close' }, 'closed');
  for (const instance of instances) await stopChild(instance);
  const size = (type: string) => Math.round((byType[type]?.bytes ?? 0) / Math.max(1, byType[type]?.count ?? 1));
  const baselineCheckIns = Math.min(plan.length, Math.round(BASELINE_SECONDS * RATE));
  const baselinePlan: BaselinePlan = {
    checkInSites: plan.slice(0, baselineCheckIns).map((p) => p.site.id),
    ratePerSecond: RATE, coalesceMs: COALESCE_MS, grantIntervalMs: GRANT_MS,
    floorRequestsPerGrant: Math.round(events.requests / Math.max(1, grants.length)),
    queuedSites: askers.map((s) => s.id),
    bytes: { totals: size('attendance.totals'), record: size('attendance.record'), site: size('attendance.site'), holder: size('floor.holder'), floorRequests: size('floor.requests') },
  };
  const baseline = await runBaseline(threads, baselinePlan, sites.length);

  console.log(`\nbaseline (bare socket.io, own process, same ${specs.length} clients, ${baselineCheckIns} check-ins at ${RATE}/s, totals coalesced every ${COALESCE_MS} ms, holder every ${GRANT_MS} ms):`);
  console.log(`    every site has every check-in: ${fmt(baseline.totals)}`);
  console.log(`      last site of each check-in: ${fmt(baseline.lastSite)}`);
  console.log(`    floor holder at every site: ${fmt(baseline.holder)}`);
  console.log(`    per-site messages: ${fmt(baseline.own)}`);
  console.log(`    baseline server CPU ${baseline.cpu.toFixed(0)}% of one core; client threads' ELU ${baseline.elu.map((e) => `${(e * 100).toFixed(0)}%`).join(', ')}`);
  const ratio = (a: Figures, b: Figures) => `p50 ${(a.p50 / b.p50).toFixed(1)}×, p99 ${(a.p99 / b.p99).toFixed(1)}×`;
  console.log(`\nratio hoinghi/baseline: every site has every check-in ${ratio(totalsFromSend, baseline.totals)}; floor holder ${ratio(holder, baseline.holder)}`);

  const district = percentiles(districtJoins.map((j) => j.ackBytes));
  const verdicts = [
    [`check-in p99 < 250 ms`, checkInLatency.p99 < 250, `${checkInLatency.p99.toFixed(0)} ms`],
    [`every site has every change within 1 s at p99`, totalsFromSend.p99 < 1000 && missing === 0, `${totalsFromSend.p99.toFixed(0)} ms from send, ${missing} missing`],
    [`floor holder at every site within 1 s at p99`, holder.p99 < 1000 && holderMissing === 0, `${holder.p99.toFixed(0)} ms, ${holderMissing} missing`],
    [`no failed request`, failures.length === 0 && grantFailures.length === 0, `${failures.length + grantFailures.length} failed`],
    [`district snapshot < 64 KiB`, district.max < 64 * 1024, `${(district.max / 1024).toFixed(1)} KiB largest`],
    [`no gap, no resync`, gaps === 0 && resyncs === 0, `${gaps} gaps, ${resyncs} resyncs`],
  ] as const;
  console.log('\ntargets:');
  for (const [what, ok, figure] of verdicts) console.log(`  ${ok ? 'met    ' : 'NOT met'}  ${what} (${figure})`);
}

function spawnThread(input: ThreadInput): Worker {
  const worker = new Worker(join(__dirname, 'national-clients.js'), { workerData: input });
  worker.on('error', (error) => console.error(`client thread ${input.index}:`, error));
  workers.push(worker);
  return worker;
}

/** Sends one message to every thread and waits for each one's answer of type `answer`. */
function askAll(threads: Worker[], message: ToThread, answer: FromThread['type']): Promise<FromThread[]> {
  return Promise.all(threads.map((worker) => new Promise<FromThread>((resolve) => {
    const listener = (reply: FromThread) => {
      if (reply.type !== answer) return;
      worker.off('message', listener);
      resolve(reply);
    };
    worker.on('message', listener);
    worker.postMessage(message);
  })));
}

async function runBaseline(threads: Worker[], plan: BaselinePlan, siteCount: number) {
  const server = fork(join(__dirname, 'national-baseline.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(server);
  const ready = await new Promise<FromBaseline>((resolve) => server.once('message', resolve));
  if (ready.type !== 'ready') throw new Error('baseline did not start');
  const joined = await askAll(threads, { type: 'baseline-connect', port: ready.port }, 'baseline-joined') as Array<{ failures: number }>;
  if (joined.some((j) => j.failures)) throw new Error('baseline: some clients could not connect');
  await sleep(500);
  const ticks0 = processTicks(server.pid!);
  const t0 = now();
  const done = await new Promise<FromBaseline>((resolve) => {
    server.once('message', resolve);
    server.send({ type: 'go', plan } satisfies ToBaseline);
  });
  if (done.type !== 'done') throw new Error('baseline: unexpected answer');
  await waitUntilAsync(async () => {
    const status = await askAll(threads, { type: 'baseline-status' }, 'baseline-status') as Array<{ minSeq: number }>;
    return Math.min(...status.map((s) => s.minSeq)) >= done.lastSeq;
  }, 30_000, 'the baseline clients to get the last totals');
  await sleep(500);
  const cpu = ((processTicks(server.pid!) - ticks0) / CLOCK_TICKS / ((now() - t0) / 1000)) * 100;
  const collected = await askAll(threads, { type: 'baseline-collect' }, 'baseline-collected') as Array<{ clients: BaselineResult[]; elu: number }>;
  await stopChild(server);
  const clients = collected.flatMap((c) => c.clients);
  const sites = clients.filter((c) => !c.chair);
  if (sites.length !== siteCount) throw new Error('baseline: not every site reported');

  const totals = new Histogram();
  const last = new Float64Array(done.checkInTimes.length).fill(-Infinity);
  for (const site of sites) {
    let j = 0;
    for (let k = 0; k < done.checkInTimes.length; k++) {
      while (j < site.totalsSeqs.length && site.totalsSeqs[j] < k) j++;
      if (j === site.totalsSeqs.length) break;
      const latency = site.totalsTimes[j] - done.checkInTimes[k];
      totals.add(latency);
      if (latency > last[k]) last[k] = latency;
    }
  }
  const holder: number[] = [];
  for (const site of sites) site.holderSeqs.forEach((seq, i) => holder.push(site.holderTimes[i] - done.grantTimes[seq]));
  const own: number[] = [];
  for (const c of clients) c.ownSent.forEach((sentAt, i) => own.push(c.ownTimes[i] - sentAt));
  return { totals: totals.figures(), lastSite: percentiles(last), holder: percentiles(holder), own: percentiles(own), cpu, elu: collected.map((c) => c.elu) };
}

/** The operators' check-ins: each site's first delegate, then each site's second, then third, sites in a shuffled order. */
function checkInPlan(setup: Setup): Array<{ site: Site; participantId: string }> {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const order = setup.sites.map((s) => s);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const plan: Array<{ site: Site; participantId: string }> = [];
  for (let k = 0; k < DELEGATES_PER_SITE; k++) for (const site of order) plan.push({ site, participantId: site.delegates[k] });
  return plan.slice(0, CHECKINS);
}

const pickEvenly = <T>(items: T[], n: number): T[] => Array.from({ length: Math.min(n, items.length) }, (_, i) => items[Math.floor((i * items.length) / n)]);

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/**
 * Org units, users and participants straight into the database (no user-admin API, and 13,600 argon2
 * logins would take minutes); the conference with the main hall and the provinces through the API; the
 * districts and communes by SQL (3,400 sites are some 400 KB of JSON, over the API's 100 KB body limit);
 * the kept counts by one recount; schedule and start through the API. Tokens signed as the service does.
 */
async function setUp(): Promise<Setup> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const chairId = randomUUID();
    await insertRows(db, 'users', ['id', 'username', 'full_name', 'full_name_search', 'password_hash', 'can_convene'],
      [[chairId, 'tw.chair', 'Đồng chí Chủ trì', 'dong chi chu tri', 'not-a-hash', true]]);
    const chairToken = accessToken(chairId);

    // Org units: the centre, 63 provinces, the districts under them, the communes under the districts.
    const levels: Site['level'][] = ['centre', ...Array<Site['level']>(PROVINCES).fill('province'),
      ...Array<Site['level']>(DISTRICTS).fill('district'), ...Array<Site['level']>(SITES - 1 - PROVINCES - DISTRICTS).fill('commune')];
    const unitIds = levels.map(() => randomUUID());
    const parentOf = (i: number): number | null => {
      if (i === 0) return null;
      if (i <= PROVINCES) return 0;
      if (i <= PROVINCES + DISTRICTS) return 1 + ((i - PROVINCES - 1) % PROVINCES);
      return 1 + PROVINCES + ((i - PROVINCES - DISTRICTS - 1) % DISTRICTS);
    };
    const unitName = (i: number) => ({ centre: 'Trung ương', province: `Tỉnh ủy số ${i}`, district: `Huyện ủy số ${i}`, commune: `Đảng ủy xã số ${i}` })[levels[i]];
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    await insertRows(db, 'org_units', ['id', 'name', 'name_search', 'level', 'parent_id'],
      levels.map((level, i) => [unitIds[i], unitName(i), fold(unitName(i)), level, parentOf(i) === null ? null : unitIds[parentOf(i)!]]));

    // The conference: main hall and provinces through the API.
    const apiSites = levels.slice(0, 1 + PROVINCES).map((level, i) => ({
      key: `s${i}`, name: i === 0 ? 'Hội trường Trung ương' : `Điểm cầu ${unitName(i)}`, place: '', orgUnitId: unitIds[i],
      ...(i === 0 ? { isMain: true } : { parentKey: 's0' }),
    }));
    const created = await api<ConferenceSnapshot>(PORTS[0], chairToken, 'POST', '/conferences', {
      title: 'Hội nghị toàn quốc quán triệt Nghị quyết', kind: 'dissemination', hostUnitId: unitIds[0],
      plannedStart: '2026-12-01T00:30:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: apiSites, agenda: [{ title: 'Khai mạc', kind: 'report', presenter: '', plannedMinutes: 10 }],
    });
    const conferenceId = created.conference.id;
    const siteIds = new Array<string>(SITES);
    for (const s of created.sites) siteIds[apiSites.findIndex((a) => a.orgUnitId === s.orgUnitId)] = s.id;
    for (let i = 1 + PROVINCES; i < SITES; i++) siteIds[i] = randomUUID();
    // Districts and communes by SQL, in tree order after the provinces (parents first).
    const extra = levels.map((_, i) => i).filter((i) => i > PROVINCES);
    await insertRows(db, 'sites', ['id', 'conference_id', 'name', 'place', 'org_unit_id', 'parent_site_id', 'is_main', 'position'],
      extra.map((i) => [siteIds[i], conferenceId, `Điểm cầu ${unitName(i)}`, '', unitIds[i], siteIds[parentOf(i)!], false, i]));
    await insertRows(db, 'site_attendance', ['site_id', 'conference_id'], extra.map((i) => [siteIds[i], conferenceId]));

    // One operator and three delegates per site.
    const operatorIds = siteIds.map(() => randomUUID());
    const delegateUsers = siteIds.map(() => Array.from({ length: DELEGATES_PER_SITE }, () => randomUUID()));
    const users: unknown[][] = [];
    siteIds.forEach((_, i) => {
      users.push([operatorIds[i], `tw.op${i}`, `Kỹ thuật viên ${i}`, `ky thuat vien ${i}`, 'not-a-hash']);
      delegateUsers[i].forEach((id, k) => users.push([id, `tw.d${i}.${k}`, `Đại biểu ${k + 1} điểm cầu ${i}`, `dai bieu ${k + 1} diem cau ${i}`, 'not-a-hash']));
    });
    await insertRows(db, 'users', ['id', 'username', 'full_name', 'full_name_search', 'password_hash'], users);
    const delegates = siteIds.map(() => Array.from({ length: DELEGATES_PER_SITE }, () => randomUUID()));
    const participants: unknown[][] = [];
    siteIds.forEach((siteId, i) => {
      participants.push([randomUUID(), conferenceId, operatorIds[i], 'site_operator', siteId, false]);
      delegates[i].forEach((id, k) => participants.push([id, conferenceId, delegateUsers[i][k], 'delegate', siteId, true]));
    });
    await insertRows(db, 'participants', ['id', 'conference_id', 'user_id', 'role', 'site_id', 'voting_right'], participants);

    // The kept counts, recounted from the records in one statement (the counts as attendanceCounts defines them).
    await db.query(
      `WITH counts AS (
         SELECT s.id AS site_id, ${SITE_COUNTS}
           FROM sites s
           LEFT JOIN participants p ON p.site_id = s.id AND p.role = 'delegate'
           LEFT JOIN attendance_records a ON a.conference_id = p.conference_id AND a.participant_id = p.id
          WHERE s.conference_id = $1 GROUP BY s.id),
       saved AS (
         INSERT INTO site_attendance (site_id, conference_id, convened, present, late, absent)
         SELECT site_id, $1, convened, present, late, absent FROM counts
         ON CONFLICT (site_id) DO UPDATE SET convened = EXCLUDED.convened, present = EXCLUDED.present, late = EXCLUDED.late, absent = EXCLUDED.absent)
       UPDATE conference_attendance SET convened = t.convened, present = t.present, late = t.late, absent = t.absent
         FROM (SELECT sum(convened)::int AS convened, sum(present)::int AS present, sum(late)::int AS late, sum(absent)::int AS absent FROM counts) t
        WHERE conference_id = $1`,
      [conferenceId]);
    await db.query('ANALYZE');

    for (const action of ['schedule', 'start']) await api(PORTS[0], chairToken, 'POST', `/conferences/${conferenceId}/${action}`);
    return {
      conferenceId, chairToken,
      sites: siteIds.map((id, i) => ({
        id, position: i, level: levels[i], operatorId: operatorIds[i], operatorToken: accessToken(operatorIds[i]),
        delegates: delegates[i], port: SPLIT ? PORTS[0] : PORTS[i % 2],
      })),
    };
  } finally {
    await db.end();
  }
}

async function cleanUp(): Promise<void> {
  await Promise.allSettled(workers.map((w) => w.terminate()));
  await Promise.allSettled(children.map((c) => stopChild(c)));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().then(() => process.exit(130)));
main().then(
  async () => {
    await cleanUp();
    process.exit(0);
  },
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
