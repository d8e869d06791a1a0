// One worker thread of bench/national.ts: a share of the 3,401 site clients. Each is written from the
// contracts alone (like test/support/live-client.ts): joins and keeps its copy with the contracts'
// LiveFeed (catch-up on a gap or a resync notice), and records when its totals reached which version and when each floor holder arrived.
// The same threads later connect to the bare socket.io baseline.
import { parentPort, workerData } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { LiveFeed, ServerEvent, type ConferenceDelta } from '@hoinghi/contracts';

export interface ClientSpec {
  siteId: string;
  token: string;
  port: number;
  chair: boolean;
}

export interface ThreadInput {
  index: number;
  conferenceId: string;
  clients: ClientSpec[];
  /** Joins in flight per thread. */
  concurrency: number;
  /** The thread's nice value (Linux: a thread's own), so the service's processes go first on a busy machine. */
  nice: number;
}

export type ToThread =
  | { type: 'join' }
  | { type: 'mark' }
  | { type: 'status' }
  | { type: 'collect' }
  | { type: 'close' }
  | { type: 'baseline-connect'; port: number }
  | { type: 'baseline-status' }
  | { type: 'baseline-collect' };

export interface JoinResult {
  siteId: string;
  chair: boolean;
  ms: number;
  ackBytes: number;
  error?: string;
}

export interface ClientResult {
  siteId: string;
  chair: boolean;
  /** Each time the totals moved: the version they are as of, and when (arrival). */
  totalsVersions: Float64Array;
  totalsTimes: Float64Array;
  /** Each floor.holder delta: its version, the holder's request id ('' for none), when. */
  holderVersions: Float64Array;
  holderTimes: Float64Array;
  holderIds: string[];
  /** The operator's own attendance.record deltas: participant, version, when. */
  records: Array<[string, number, number]>;
  gaps: number;
  resyncs: number;
  snapshotsAfterJoin: number;
}

export interface ThreadStats {
  /** Event-loop utilisation of this thread since 'mark' (1 = never idle). */
  elu: number;
  /** Delta count and payload bytes (socket.io packets as received) per delta type since 'mark'. */
  byType: Record<string, { count: number; bytes: number }>;
  /** Every byte of socket.io packets received since 'mark' (deltas, acks, pings). */
  bytes: number;
}

export type FromThread =
  | { type: 'joined'; index: number; joins: JoinResult[] }
  | { type: 'marked'; index: number }
  | { type: 'status'; index: number; minTotalsVersion: number; syncing: number }
  | { type: 'collected'; index: number; clients: ClientResult[]; stats: ThreadStats }
  | { type: 'closed'; index: number }
  | { type: 'baseline-joined'; index: number; failures: number }
  | { type: 'baseline-status'; index: number; minSeq: number }
  | { type: 'baseline-collected'; index: number; clients: BaselineResult[]; elu: number };

export interface BaselineResult {
  siteId: string;
  chair: boolean;
  totalsSeqs: Float64Array;
  totalsTimes: Float64Array;
  holderSeqs: Float64Array;
  holderTimes: Float64Array;
  /** Per-site messages (records, counts, floor requests) this socket got: [sentAt, arrival]. */
  ownSent: Float64Array;
  ownTimes: Float64Array;
}

const now = () => performance.timeOrigin + performance.now();

/** A growable list of numbers, handed over as a Float64Array. */
class Numbers {
  private data = new Float64Array(64);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  take(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

type Delta = ConferenceDelta & { conferenceId: string };

class SiteClient {
  socket!: Socket;
  feed: LiveFeed;
  lastPacketBytes = 0;
  totalsVersion = -1;
  totalsVersions = new Numbers();
  totalsTimes = new Numbers();
  holderVersions = new Numbers();
  holderTimes = new Numbers();
  holderIds: string[] = [];
  records: Array<[string, number, number]> = [];
  resyncs = 0;

  constructor(readonly spec: ClientSpec, conferenceId: string, private readonly thread: ThreadState) {
    this.feed = new LiveFeed(conferenceId, (event, request) => new Promise((resolve) => this.socket.emit(event, request, resolve)), {
      onChange: (snapshot) => this.noteTotals(snapshot.totalsVersion),
      onError: (error) => console.error(`site ${spec.siteId.slice(0, 8)}: ${error.message}`),
    });
  }

  join(): Promise<JoinResult> {
    const started = now();
    const { spec } = this;
    return new Promise<JoinResult>((resolve) => {
      const socket = io(`http://127.0.0.1:${spec.port}`, {
        auth: { token: spec.token }, transports: ['websocket'], forceNew: true, reconnection: false,
      });
      this.socket = socket;
      socket.io.on('open', () => socket.io.engine.on('packet', (packet: { data?: unknown }) => {
        const bytes = typeof packet.data === 'string' ? Buffer.byteLength(packet.data) : 0;
        this.lastPacketBytes = bytes;
        this.thread.bytes += bytes;
      }));
      const failed = (error: string) => resolve({ siteId: spec.siteId, chair: spec.chair, ms: now() - started, ackBytes: 0, error });
      socket.on('connect_error', (error) => failed(error.message));
      socket.on(ServerEvent.Delta, (delta: Delta) => this.onDelta(delta));
      socket.on(ServerEvent.Resync, () => {
        this.resyncs++;
        this.feed.resync().catch((error: Error) => console.error(`resync: ${error.message}`));
      });
      socket.on('connect', () => {
        this.feed.join().then(
          () => resolve({ siteId: spec.siteId, chair: spec.chair, ms: now() - started, ackBytes: this.lastPacketBytes }),
          (error: Error) => failed(error.message),
        );
      });
    });
  }

  private onDelta(delta: Delta): void {
    const at = now();
    if (this.thread.counting) {
      const entry = (this.thread.byType[delta.type] ??= { count: 0, bytes: 0 });
      entry.count++;
      entry.bytes += this.lastPacketBytes;
    }
    if (delta.type === 'floor.holder') {
      this.holderVersions.push(delta.version);
      this.holderTimes.push(at);
      this.holderIds.push(delta.data.holder?.id ?? '');
    } else if (delta.type === 'attendance.record') {
      this.records.push([delta.data.record.participantId, delta.version, at]);
    }
    this.feed.receive(delta);
  }

  /** Each time the totals move to a newer version (by attendance.totals or its own site's attendance.site). */
  private noteTotals(version: number): void {
    if (version > this.totalsVersion) {
      this.totalsVersion = version;
      this.totalsVersions.push(version);
      this.totalsTimes.push(now());
    }
  }

  get isSyncing(): boolean {
    return this.feed.catchingUp;
  }

  result(): ClientResult {
    return {
      siteId: this.spec.siteId, chair: this.spec.chair,
      totalsVersions: this.totalsVersions.take(), totalsTimes: this.totalsTimes.take(),
      holderVersions: this.holderVersions.take(), holderTimes: this.holderTimes.take(), holderIds: this.holderIds,
      records: this.records, gaps: this.feed.gaps, resyncs: this.resyncs, snapshotsAfterJoin: this.feed.snapshots - 1,
    };
  }
}

/** A socket of the bare socket.io baseline: no feed, only what arrived when. */
class BaselineClient {
  socket!: Socket;
  maxSeq = -1;
  totalsSeqs = new Numbers();
  totalsTimes = new Numbers();
  holderSeqs = new Numbers();
  holderTimes = new Numbers();
  ownSent = new Numbers();
  ownTimes = new Numbers();

  constructor(readonly spec: ClientSpec) {}

  connect(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = io(`http://127.0.0.1:${port}`, {
        auth: { siteId: this.spec.siteId, chair: this.spec.chair }, transports: ['websocket'], forceNew: true, reconnection: false,
      });
      this.socket = socket;
      socket.on('totals', (m: { seq: number }) => {
        this.maxSeq = Math.max(this.maxSeq, m.seq);
        this.totalsSeqs.push(m.seq);
        this.totalsTimes.push(now());
      });
      socket.on('holder', (m: { seq: number }) => {
        this.holderSeqs.push(m.seq);
        this.holderTimes.push(now());
      });
      socket.on('own', (m: { sentAt: number }) => {
        this.ownSent.push(m.sentAt);
        this.ownTimes.push(now());
      });
      socket.on('connect', () => resolve(true));
      socket.on('connect_error', () => resolve(false));
    });
  }

  result(): BaselineResult {
    return {
      siteId: this.spec.siteId, chair: this.spec.chair,
      totalsSeqs: this.totalsSeqs.take(), totalsTimes: this.totalsTimes.take(),
      holderSeqs: this.holderSeqs.take(), holderTimes: this.holderTimes.take(),
      ownSent: this.ownSent.take(), ownTimes: this.ownTimes.take(),
    };
  }
}

interface ThreadState {
  counting: boolean;
  byType: Record<string, { count: number; bytes: number }>;
  bytes: number;
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  }));
  return results;
}

function run(): void {
  const input = workerData as ThreadInput;
  if (input.nice) setPriority(input.nice); // pid 0: on Linux, this thread only
  const port = parentPort!;
  const thread: ThreadState = { counting: false, byType: {}, bytes: 0 };
  const clients = input.clients.map((spec) => new SiteClient(spec, input.conferenceId, thread));
  let baseline: BaselineClient[] = [];
  let elu = performance.eventLoopUtilization();
  const send = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

  port.on('message', (message: ToThread) => {
    void (async () => {
      switch (message.type) {
        case 'join': {
          const joins = await inParallel(clients, input.concurrency, (c) => c.join());
          send({ type: 'joined', index: input.index, joins });
          break;
        }
        case 'mark':
          thread.counting = true;
          thread.byType = {};
          thread.bytes = 0;
          elu = performance.eventLoopUtilization();
          send({ type: 'marked', index: input.index });
          break;
        case 'status':
          send({
            type: 'status', index: input.index,
            minTotalsVersion: Math.min(...clients.map((c) => c.totalsVersion)), syncing: clients.filter((c) => c.isSyncing).length,
          });
          break;
        case 'collect': {
          thread.counting = false;
          const used = performance.eventLoopUtilization(elu).utilization;
          const results = clients.map((c) => c.result());
          const transfer = results.flatMap((r) => [r.totalsVersions, r.totalsTimes, r.holderVersions, r.holderTimes].map((a) => a.buffer as ArrayBuffer));
          send({ type: 'collected', index: input.index, clients: results, stats: { elu: used, byType: thread.byType, bytes: thread.bytes } }, transfer);
          break;
        }
        case 'close':
          for (const c of clients) c.socket?.disconnect();
          send({ type: 'closed', index: input.index });
          break;
        case 'baseline-connect': {
          baseline = input.clients.map((spec) => new BaselineClient(spec));
          const ok = await inParallel(baseline, input.concurrency, (c) => c.connect(message.port));
          elu = performance.eventLoopUtilization();
          send({ type: 'baseline-joined', index: input.index, failures: ok.filter((x) => !x).length });
          break;
        }
        case 'baseline-status':
          send({ type: 'baseline-status', index: input.index, minSeq: Math.min(...baseline.map((c) => c.maxSeq)) });
          break;
        case 'baseline-collect': {
          const used = performance.eventLoopUtilization(elu).utilization;
          const results = baseline.map((c) => c.result());
          for (const c of baseline) c.socket.disconnect();
          const transfer = results.flatMap((r) => [r.totalsSeqs, r.totalsTimes, r.holderSeqs, r.holderTimes, r.ownSent, r.ownTimes].map((a) => a.buffer as ArrayBuffer));
          send({ type: 'baseline-collected', index: input.index, clients: results, elu: used }, transfer);
          break;
        }
      }
    })().catch((error: unknown) => {
      console.error(`client thread ${input.index}:`, error);
      process.exit(1);
    });
  });
}

if (parentPort) run();
