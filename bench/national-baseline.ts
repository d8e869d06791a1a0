// The baseline of bench/national.ts, in its own process: a bare socket.io server (no Nest, no database,
// no Redis) that sends the sites payloads of the sizes they received in the main run, at the same rates
// and with the same coalescing of totals. Forked by national.ts, driven over IPC.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';

export interface BaselinePlan {
  /** The site of each check-in, in order. */
  checkInSites: string[];
  ratePerSecond: number;
  coalesceMs: number;
  grantIntervalMs: number;
  /** Per grant, the floor.requests messages (one per site whose queue place changed) of the main run. */
  floorRequestsPerGrant: number;
  /** Sites that had a floor request queued, in queue order. */
  queuedSites: string[];
  bytes: { totals: number; record: number; site: number; holder: number; floorRequests: number };
}

export type ToBaseline = { type: 'go'; plan: BaselinePlan };
export type FromBaseline =
  | { type: 'ready'; port: number }
  | { type: 'done'; checkInTimes: number[]; grantTimes: number[]; lastSeq: number };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A payload of about `bytes` bytes on the wire (`42["event",{...}]`), carrying `fields`. */
function padded(event: string, bytes: number, fields: Record<string, number>): Record<string, number | string> {
  const bare = Buffer.byteLength(`42${JSON.stringify([event, { ...fields, pad: '' }])}`);
  return { ...fields, pad: 'x'.repeat(Math.max(0, bytes - bare)) };
}

async function main(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as { siteId?: string; chair?: boolean };
    if (auth.chair) void socket.join('leaders');
    else if (auth.siteId) void socket.join(`site:${auth.siteId}`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  process.send!({ type: 'ready', port } satisfies FromBaseline);

  process.on('message', (message: ToBaseline) => {
    if (message.type !== 'go') return;
    void run(io, message.plan).then((result) => process.send!(result));
  });
}

async function run(io: Server, plan: BaselinePlan): Promise<FromBaseline> {
  const { bytes } = plan;
  const checkInTimes: number[] = [];
  const grantTimes: number[] = [];
  let pendingSeq = -1;
  let flushTimer: NodeJS.Timeout | null = null;
  let lastSeq = -1;
  // As the change relay does: the first state change starts a timer, the newest goes out when it fires.
  const flush = () => {
    flushTimer = null;
    lastSeq = pendingSeq;
    io.emit('totals', padded('totals', bytes.totals, { seq: pendingSeq, sentAt: now() }));
  };

  const interval = 1000 / plan.ratePerSecond;
  const started = now();
  let grants = 0;
  let nextGrant = started + plan.grantIntervalMs / 2;
  for (let i = 0; i < plan.checkInSites.length; i++) {
    const due = started + i * interval;
    while (nextGrant <= due) {
      await sleep(Math.max(0, nextGrant - now()));
      const sentAt = now();
      grantTimes.push(sentAt);
      io.emit('holder', padded('holder', bytes.holder, { seq: grants, sentAt }));
      // The places of the requests still queued move up: each of those sites (and the chair) hears of its own.
      const queued = plan.queuedSites.slice(grants + 1, grants + 1 + plan.floorRequestsPerGrant);
      for (const site of queued) io.to([`site:${site}`, 'leaders']).emit('own', padded('own', bytes.floorRequests, { sentAt }));
      grants++;
      nextGrant += plan.grantIntervalMs;
    }
    await sleep(Math.max(0, due - now()));
    const site = plan.checkInSites[i];
    const sentAt = now();
    checkInTimes.push(sentAt);
    io.to(`site:${site}`).emit('own', padded('own', bytes.record, { sentAt }));
    io.to([`site:${site}`, 'leaders']).emit('own', padded('own', bytes.site, { sentAt }));
    pendingSeq = i;
    flushTimer ??= setTimeout(flush, plan.coalesceMs);
  }
  await sleep(plan.coalesceMs + 50);
  if (flushTimer) {
    clearTimeout(flushTimer);
    flush();
  }
  return { type: 'done', checkInTimes, grantTimes, lastSeq };
}

if (process.send) void main();
