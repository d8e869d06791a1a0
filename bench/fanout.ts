// Fan-out benchmark: 1 chair and N site clients on one meeting instance; the chair makes M changes.
// Reports delivery latency to all sites (p50/p95/p99), the instance's CPU and memory, and the same
// latencies for a bare socket.io broadcast of the same payloads measured in the same run (the floor).
//
//   npm run build:server && npm run bench:fanout      (BENCH_CLIENTS, BENCH_CHANGES, BENCH_INTERVAL_MS)
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { dropDatabase } from '@hoinghi/database';
import { CLOCK_TICKS, loadAverage, processMemory, processTicks, sleep } from './proc';
import { accessToken, Figures, mb, now, percentiles, startMeeting, stopChild, waitForHealth, waitUntil } from './support';
import { Server } from 'socket.io';
import { io, Socket } from 'socket.io-client';
import {
  ClientEvent, ConferenceDelta, ConferenceSnapshot, FloorState, JoinAck, ServerEvent,
} from '@hoinghi/contracts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 25);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi_bench';

async function main(): Promise<void> {
  console.log(`fan-out: ${CLIENTS} site clients + 1 chair, ${CHANGES} changes every ${INTERVAL_MS} ms; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; load average ${loadAverage()}`);
  await dropDatabase({ url: DATABASE_URL }); // the meeting service creates it afresh
  const server = startMeeting(PORT, DATABASE_URL);
  try {
    await waitForHealth(PORT);
    const { chairToken, conferenceId, mainSiteId, siteTokens } = await setUp();
    const clients = await Promise.all(siteTokens.map((token) => joinClient(token, conferenceId)));
    const chair = await joinClient(chairToken, conferenceId);
    const all = [...clients, chair];

    const ticksBefore = processTicks(server.pid!);
    const started = process.hrtime.bigint();
    // Every site hears of the holder (floor.holder, audience conference); a request reaches only the main
    // hall's stream and the leaders (floor.requests). So 2 changes of 3 reach every site: those are measured.
    const holderSentAt: number[] = []; // k-th holder change → when the chair sent it
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${PORT}/api/conferences/${conferenceId}${path}`, {
        method, headers: { authorization: `Bearer ${chairToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => (r.ok ? r.json() : Promise.reject(new Error(`${path}: ${r.status} ${await r.text()}`))));

    // The chair's cycle: the main hall asks for the floor, is granted it, the turn ends (3 changes).
    let requestId = '';
    for (let i = 0; i < CHANGES; i++) {
      const tick = Date.now();
      if (i % 3 === 0) requestId = ((await api('POST', '/floor/requests', { siteId: mainSiteId })) as { id: string }).id;
      else {
        holderSentAt.push(now());
        if (i % 3 === 1) await api('POST', `/floor/requests/${requestId}/grant`) as FloorState;
        else await api('POST', '/floor/end');
      }
      await sleep(Math.max(0, INTERVAL_MS - (Date.now() - tick)));
    }
    await waitUntil(() => all.every((c) => c.arrivals.length >= holderSentAt.length), 30_000, 'every holder change at every site');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ticksAfter = processTicks(server.pid!);
    const memory = processMemory(server.pid!);

    const deliveries = all.flatMap((c) => c.arrivals.map((at, k) => at - holderSentAt[k]));
    const lastSite = holderSentAt.map((sentAt, k) => Math.max(...all.map((c) => c.arrivals[k])) - sentAt);
    for (const c of all) c.socket.disconnect();

    const cpuPercent = ((ticksAfter - ticksBefore) / CLOCK_TICKS / seconds) * 100;
    console.log(`\nhoinghi (HTTP change → transaction → Redis adapter → every site), ${holderSentAt.length} holder changes, ${deliveries.length} deliveries:`);
    const hoinghi = percentiles(deliveries);
    print('  per delivery', hoinghi);
    print('  last site of each change', percentiles(lastSite));
    console.log(`  meeting instance: CPU ${cpuPercent.toFixed(0)}% of one core over ${seconds.toFixed(1)} s; RSS ${mb(memory.rss)} (peak ${mb(memory.peakRss)})`);

    const payloads = chair.holderDeltas;
    const baseline = await bareBroadcast(CLIENTS + 1, CHANGES, INTERVAL_MS, payloads);
    const sizes = payloads.map((p) => JSON.stringify(p).length);
    console.log(`\nbaseline (bare socket.io broadcast of the same ${payloads.length} holder deltas, ${Math.min(...sizes)}–${Math.max(...sizes)} bytes, same clients and pacing, no DB, no Redis):`);
    print('  per delivery', baseline);
    console.log(`\nratio hoinghi/baseline: p50 ${(hoinghi.p50 / baseline.p50).toFixed(1)}×, p99 ${(hoinghi.p99 / baseline.p99).toFixed(1)}×`);
    console.log(`target p99 < 100 ms: ${hoinghi.p99 < 100 ? 'met' : 'NOT met'} (p99 ${hoinghi.p99.toFixed(1)} ms)`);
  } finally {
    await stopChild(server);
  }
}

interface JoinedClient {
  socket: Socket;
  /** When each floor.holder delta arrived, in order. */
  arrivals: number[];
  holderDeltas: ConferenceDelta[];
}

async function joinClient(token: string, conferenceId: string): Promise<JoinedClient> {
  const socket = io(`http://127.0.0.1:${PORT}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  const client: JoinedClient = { socket, arrivals: [], holderDeltas: [] };
  socket.on(ServerEvent.Delta, (delta: ConferenceDelta) => {
    if (delta.type !== 'floor.holder') return;
    client.arrivals.push(now());
    client.holderDeltas.push(delta);
  });
  const ack = await new Promise<JoinAck>((resolve) => socket.emit(ClientEvent.Join, { conferenceId }, resolve));
  if (!ack.ok || ack.mode !== 'snapshot') throw new Error(`join failed: ${JSON.stringify(ack)}`);
  return client;
}

/** The same clients, payloads and pacing through a bare socket.io server: what fan-out alone costs. */
async function bareBroadcast(clients: number, changes: number, intervalMs: number, payloads: ConferenceDelta[]): Promise<Figures> {
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
  for (const s of sockets) s.on('delta', (m: { sentAt: number }) => latencies.push(now() - m.sentAt));
  let k = 0;
  for (let i = 0; i < changes; i++) {
    // The same pacing as the chair's cycle; a request (1 change in 3) reaches no district, so nothing is sent.
    if (i % 3 !== 0) ioServer.to('room').emit('delta', { ...payloads[k++], sentAt: now() });
    await sleep(intervalMs);
  }
  await waitUntil(() => latencies.length >= clients * payloads.length, 30_000);
  for (const s of sockets) s.disconnect();
  ioServer.close();
  return percentiles(latencies);
}

/**
 * Users straight into the database (there is no user-admin API yet), with access tokens signed as the
 * service signs them (no argon2 logins); the conference through the API.
 */
async function setUp() {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const [{ id: chairId }] = (await db.query(`INSERT INTO users (username, full_name, full_name_search, password_hash, can_convene)
                  VALUES ('bench.chair', 'Chủ trì', 'chu tri', 'not-a-hash', true) RETURNING id`)).rows;
  const operators = (await db.query(`INSERT INTO users (username, full_name, full_name_search, password_hash)
                  SELECT 'bench.op' || i, 'Kỹ thuật viên ' || i, 'ky thuat vien ' || i, 'not-a-hash' FROM generate_series(1, $1) i RETURNING id`, [CLIENTS])).rows as { id: string }[];
  const [{ id: unitId }] = (await db.query(`INSERT INTO org_units (name, name_search, level) VALUES ('Tỉnh', 'tinh', 'province') RETURNING id`)).rows;
  const chairToken = accessToken(chairId);
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
  const siteTokens = operators.map((u) => accessToken(u.id));
  return { chairToken, conferenceId, mainSiteId: snapshot.sites.find((s) => s.isMain)!.id, siteTokens };
}

function print(label: string, f: Figures): void {
  console.log(`${label}: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
