// Fan-out benchmark: 1 chair and N site clients on one meeting instance; the chair makes M changes.
// Reports delivery latency to all sites (p50/p95/p99), the instance's CPU and memory, and the same
// latencies for a bare socket.io broadcast of the same payloads measured in the same run (the floor).
//
//   npm run build:server && npm run bench:fanout      (BENCH_CLIENTS, BENCH_CHANGES, BENCH_INTERVAL_MS)
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { dropDatabase } from '@hoinghi/database';
import { CLOCK_TICKS, processMemory, processTicks, sleep } from './proc';
import { Server } from 'socket.io';
import { io, Socket } from 'socket.io-client';
import {
  ClientEvent, ConferenceDelta, ConferenceSnapshot, FloorState, JoinAck, LoginResponse, ServerEvent,
} from '@hoinghi/contracts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 25);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi_bench';
const PASSWORD = 'bench-password';
const ROOT = join(__dirname, '..', '..');

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

async function main(): Promise<void> {
  console.log(`fan-out: ${CLIENTS} site clients + 1 chair, ${CHANGES} changes every ${INTERVAL_MS} ms; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`);
  await dropDatabase({ url: DATABASE_URL }); // the meeting service creates it afresh
  const server = startMeeting();
  try {
    await waitForHealth();
    const { chairToken, conferenceId, mainSiteId, siteTokens } = await setUp();
    const clients = await Promise.all(siteTokens.map((token) => joinClient(token, conferenceId)));
    const chair = await joinClient(chairToken, conferenceId);
    const all = [...clients, chair];

    const ticksBefore = processTicks(server.pid!);
    const started = process.hrtime.bigint();
    const sentAt = new Map<number, number>(); // version → when the chair sent the change
    let version = chair.version;
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${PORT}/api/conferences/${conferenceId}${path}`, {
        method, headers: { authorization: `Bearer ${chairToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => (r.ok ? r.json() : Promise.reject(new Error(`${path}: ${r.status} ${await r.text()}`))));

    // The chair's cycle: the main hall asks for the floor, is granted it, the turn ends (3 changes).
    let requestId = '';
    for (let i = 0; i < CHANGES; i++) {
      const tick = Date.now();
      sentAt.set(++version, performance.timeOrigin + performance.now());
      if (i % 3 === 0) requestId = ((await api('POST', '/floor/requests', { siteId: mainSiteId })) as { id: string }).id;
      else if (i % 3 === 1) await api('POST', `/floor/requests/${requestId}/grant`) as FloorState;
      else await api('POST', '/floor/end');
      await sleep(Math.max(0, INTERVAL_MS - (Date.now() - tick)));
    }
    await waitUntil(() => all.every((c) => c.version >= version), 30_000);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ticksAfter = processTicks(server.pid!);
    const memory = processMemory(server.pid!);

    const deliveries = all.flatMap((c) => c.arrivals.map(([v, at]) => at - sentAt.get(v)!));
    const lastSite = [...sentAt.keys()].map((v) => Math.max(...all.map((c) => c.arrivalOf(v))) - sentAt.get(v)!);
    for (const c of all) c.socket.disconnect();

    const cpuPercent = ((ticksAfter - ticksBefore) / CLOCK_TICKS / seconds) * 100;
    console.log(`\nhoinghi (HTTP change → transaction → Redis adapter → every site), ${deliveries.length} deliveries:`);
    const hoinghi = percentiles(deliveries);
    print('  per delivery', hoinghi);
    print('  last site of each change', percentiles(lastSite));
    console.log(`  meeting instance: CPU ${cpuPercent.toFixed(0)}% of one core over ${seconds.toFixed(1)} s; RSS ${mb(memory.rss)} (peak ${mb(memory.peakRss)})`);

    const payload = JSON.stringify(lastDelta ?? {});
    const baseline = await bareBroadcast(CLIENTS + 1, CHANGES, INTERVAL_MS, payload);
    console.log(`\nbaseline (bare socket.io broadcast of a ${payload.length}-byte payload, same clients and pacing, no DB, no Redis):`);
    print('  per delivery', baseline);
    console.log(`\nratio hoinghi/baseline: p50 ${(hoinghi.p50 / baseline.p50).toFixed(1)}×, p99 ${(hoinghi.p99 / baseline.p99).toFixed(1)}×`);
    console.log(`target p99 < 100 ms: ${hoinghi.p99 < 100 ? 'met' : 'NOT met'} (p99 ${hoinghi.p99.toFixed(1)} ms)`);
  } finally {
    server.kill('SIGTERM');
  }
}

let lastDelta: ConferenceDelta | undefined;

interface JoinedClient {
  socket: Socket;
  version: number;
  arrivals: Array<[number, number]>;
  arrivalOf(version: number): number;
}

async function joinClient(token: string, conferenceId: string): Promise<JoinedClient> {
  const socket = io(`http://127.0.0.1:${PORT}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  const client: JoinedClient = {
    socket, version: 0, arrivals: [],
    arrivalOf(v) {
      return this.arrivals.find(([version]) => version === v)?.[1] ?? Number.NaN;
    },
  };
  socket.on(ServerEvent.Delta, (delta: ConferenceDelta) => {
    client.arrivals.push([delta.version, performance.timeOrigin + performance.now()]);
    client.version = delta.version;
    lastDelta = delta;
  });
  const ack = await new Promise<JoinAck>((resolve) => socket.emit(ClientEvent.Join, { conferenceId }, resolve));
  if (!ack.ok || ack.mode !== 'snapshot') throw new Error(`join failed: ${JSON.stringify(ack)}`);
  client.version = ack.snapshot.version;
  return client;
}

/** The same clients, payloads and pacing through a bare socket.io server: what fan-out alone costs. */
async function bareBroadcast(clients: number, changes: number, intervalMs: number, payload: string): Promise<Figures> {
  const http = createServer();
  const ioServer = new Server(http);
  ioServer.on('connection', (s) => s.join('room'));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as { port: number }).port;
  const sockets = await Promise.all(Array.from({ length: clients }, () => new Promise<Socket>((resolve) => {
    const s = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
    s.on('connect', () => resolve(s));
  })));
  await sleep(200);
  const latencies: number[] = [];
  for (const s of sockets) s.on('delta', (m: { sentAt: number }) => latencies.push(performance.timeOrigin + performance.now() - m.sentAt));
  const data = JSON.parse(payload) as object;
  for (let i = 0; i < changes; i++) {
    ioServer.to('room').emit('delta', { ...data, sentAt: performance.timeOrigin + performance.now() });
    await sleep(intervalMs);
  }
  await waitUntil(() => latencies.length >= clients * changes, 30_000);
  for (const s of sockets) s.disconnect();
  ioServer.close();
  return percentiles(latencies);
}

function startMeeting(): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/meeting/src/main.js')], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL, WEB_DIST_DIR: '', NODE_ENV: 'development' }, // development mode: the dev secrets
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => code && console.error(`meeting service exited with ${code}`));
  return child;
}

async function waitForHealth(): Promise<void> {
  await waitUntilAsync(async () => (await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.ok === true, 60_000);
}

/** Users straight into the database (there is no user-admin API yet); the conference through the API. */
async function setUp() {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  await db.query(`INSERT INTO users (username, full_name, full_name_search, password_hash, can_convene)
                  VALUES ('bench.chair', 'Chủ trì', 'chu tri', $1, true)`, [hash]);
  await db.query(`INSERT INTO users (username, full_name, full_name_search, password_hash)
                  SELECT 'bench.op' || i, 'Kỹ thuật viên ' || i, 'ky thuat vien ' || i, $1 FROM generate_series(1, $2) i`, [hash, CLIENTS]);
  const [{ id: unitId }] = (await db.query(`INSERT INTO org_units (name, name_search, level) VALUES ('Tỉnh', 'tinh', 'province') RETURNING id`)).rows;
  const chairToken = await login('bench.chair');
  const created = await fetch(`http://127.0.0.1:${PORT}/api/conferences`, {
    method: 'POST', headers: { authorization: `Bearer ${chairToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Hội nghị đo tải', kind: 'briefing', hostUnitId: unitId, plannedStart: '2026-12-01T00:30:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [{ key: 'main', name: 'Điểm cầu chính', orgUnitId: unitId, isMain: true },
        ...Array.from({ length: CLIENTS }, (_, i) => ({ key: `s${i + 1}`, name: `Điểm cầu ${i + 1}`, orgUnitId: unitId, parentKey: 'main' }))],
      agenda: [{ title: 'Khai mạc', kind: 'report', plannedMinutes: 5 }],
    }),
  });
  if (created.status !== 201) throw new Error(`create conference: ${created.status} ${await created.text()}`);
  const snapshot = (await created.json()) as ConferenceSnapshot;
  const conferenceId = snapshot.conference.id;
  await db.query(`INSERT INTO participants (conference_id, user_id, role, site_id, voting_right)
                  SELECT $1, u.id, 'site_operator', s.id, false FROM users u
                  JOIN sites s ON s.conference_id = $1 AND s.name = 'Điểm cầu ' || substring(u.username from 9)
                  WHERE u.username LIKE 'bench.op%'`, [conferenceId]);
  await db.end();
  for (const action of ['schedule', 'start']) {
    await fetch(`http://127.0.0.1:${PORT}/api/conferences/${conferenceId}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${chairToken}` } });
  }
  const siteTokens: string[] = [];
  for (let i = 1; i <= CLIENTS; i += 25) {
    siteTokens.push(...(await Promise.all(Array.from({ length: Math.min(25, CLIENTS - i + 1) }, (_, k) => login(`bench.op${i + k}`)))));
  }
  return { chairToken, conferenceId, mainSiteId: snapshot.sites.find((s) => s.isMain)!.id, siteTokens };
}

async function login(username: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  return ((await r.json()) as LoginResponse).accessToken;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function percentiles(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

function print(label: string, f: Figures): void {
  console.log(`${label}: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms`);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  await waitUntilAsync(async () => condition(), timeoutMs);
}

async function waitUntilAsync(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(50);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
