// Consultation burst benchmark (issue #9): 2,000 comments from 700 sites in 10 seconds through the API (each
// site's operator sends its site's opinion on a section of the draft). Measures the acknowledgement (202,
// receipt) p50/p99, the time until every comment is stored by the worker and has reached the secretary's
// socket, and, in the same run, a raw PostgreSQL INSERT of the same rows; checks that none is lost or doubled.
//
//   npm run build:server && npm run bench:consultation
//   knobs: BENCH_SITES (700), BENCH_COMMENTS (2000), BENCH_SECONDS (10), BENCH_RESENDS (100: resends of acknowledged comments)
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { dropDatabase } from '@hoinghi/database';
import {
  ClientEvent, ServerEvent, type ConferenceDelta, type ConferenceSnapshot, type DraftVersionView, type JoinAck,
} from '@hoinghi/contracts';
import { loadAverage, sleep } from './proc';
import {
  accessToken, api, fmt, inParallel, insertRows, now, percentiles, ROOT, startMeeting, stopChild, timed, Timed, waitForHealth, waitUntilAsync,
} from './support';

const SITES = Number(process.env.BENCH_SITES ?? 700); // including the main hall
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RESENDS = Number(process.env.BENCH_RESENDS ?? 100);
const PORT = 3393;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi_bench_consultation';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const children: ChildProcess[] = [];

interface Setup {
  conferenceId: string;
  chairToken: string;
  secretaryToken: string;
  draft: DraftVersionView;
  sites: Array<{ id: string; token: string }>;
}

async function main(): Promise<void> {
  console.log(`consultation: ${COMMENTS} comments from ${SITES - 1} district sites in ${SECONDS} s, ${RESENDS} resends; `
    + `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; load average ${loadAverage()}`);
  await dropDatabase({ url: DATABASE_URL });
  children.push(startMeeting(PORT, DATABASE_URL, { REDIS_URL }));
  await waitForHealth(PORT);
  children.push(startWorker());
  const setup = await setUp();

  // The secretary's socket: every comment must reach it (`comment.changed` to the leaders).
  const seenAt = new Map<string, number>();
  const secretary = io(`http://127.0.0.1:${PORT}`, { auth: { token: setup.secretaryToken }, transports: ['websocket'], reconnection: false });
  secretary.on(ServerEvent.Delta, (delta: ConferenceDelta) => {
    if (delta.type === 'comment.changed' && !seenAt.has(delta.data.comment.id)) seenAt.set(delta.data.comment.id, now());
  });
  const joined = await new Promise<JoinAck>((resolve) => secretary.emit(ClientEvent.Join, { conferenceId: setup.conferenceId }, resolve));
  if (!joined.ok) throw new Error(`secretary join: ${joined.error.message}`);

  // The burst: comment i at i × (SECONDS / COMMENTS), from site i mod (SITES - 1), on a section of the draft.
  const sections = setup.draft.sections;
  const plan = Array.from({ length: COMMENTS }, (_, i) => {
    const site = setup.sites[i % setup.sites.length];
    return {
      site, body: {
        idempotencyKey: randomUUID(), kind: 'site', siteId: site.id, sectionId: sections[i % sections.length].id,
        text: `Ý kiến số ${i + 1} của điểm cầu: đề nghị bổ sung giải pháp thực hiện chỉ tiêu tại địa phương.`,
      },
    };
  });
  const path = `/conferences/${setup.conferenceId}/drafts/${setup.draft.draftId}/comments`;
  const acks: Timed[] = new Array(plan.length);
  const pending: Promise<void>[] = [];
  const started = now();
  for (let i = 0; i < plan.length; i++) {
    const due = started + (i * SECONDS * 1000) / COMMENTS;
    if (due > now() + 1) await sleep(Math.max(0, due - now()));
    pending.push(timed(PORT, plan[i].site.token, 'POST', path, plan[i].body).then((r) => void (acks[i] = r)));
  }
  const sentSeconds = (now() - started) / 1000;
  await Promise.all(pending);
  const lastAck = Math.max(...acks.map((a) => a.answeredAt));
  const failures = acks.filter((a) => a.status !== 202);
  // Resends of acknowledged comments (a client that missed the answer): the same receipt, nothing new.
  const resends = await inParallel(plan.slice(0, RESENDS), 10, (p) => timed(PORT, p.site.token, 'POST', path, p.body));
  const resendFailures = resends.filter((r) => r.status !== 202);

  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const count = async () => Number((await db.query('SELECT count(*) AS n FROM draft_comments WHERE conference_id = $1', [setup.conferenceId])).rows[0].n);
    await waitUntilAsync(async () => (await count()) >= COMMENTS, 120_000, 'every comment stored');
    const storedAt = now();
    await waitUntilAsync(async () => seenAt.size >= COMMENTS, 60_000, 'every comment at the secretary');
    const visibleAt = Math.max(...seenAt.values());
    const [check] = (await db.query(
      `SELECT (SELECT count(*) FROM comment_submissions WHERE conference_id = $1)::int AS submissions,
              (SELECT count(*) FROM comment_submissions WHERE conference_id = $1 AND status = 'received')::int AS received,
              (SELECT count(*) FROM draft_comments WHERE conference_id = $1)::int AS comments,
              (SELECT count(*) FROM (SELECT submission_id FROM draft_comments WHERE conference_id = $1 GROUP BY submission_id HAVING count(*) > 1) d)::int AS doubled`,
      [setup.conferenceId],
    )).rows as Array<{ submissions: number; received: number; comments: number; doubled: number }>;
    const acknowledged = acks.filter((a) => a.status === 202).length;
    const lost = acknowledged - check.received;

    // The same rows by raw INSERTs, one statement each, 10 connections: what PostgreSQL alone costs.
    const raw = await rawInserts(setup, plan.map((p) => p.body));

    const ack = percentiles(acks.filter((a) => a.status === 202).map((a) => a.answeredAt - a.sentAt));
    const storedSeconds = (storedAt - started) / 1000;
    const visibleSeconds = (visibleAt - started) / 1000;
    console.log(`\nsent ${COMMENTS} in ${sentSeconds.toFixed(1)} s; ${acknowledged} acknowledged (202), ${failures.length} failed${failures[0] ? ` (e.g. ${failures[0].status} ${failures[0].error})` : ''}`);
    console.log(`acknowledgement: ${fmt(ack)}`);
    console.log(`all stored ${storedSeconds.toFixed(2)} s after the first send (${((storedAt - lastAck) / 1000).toFixed(2)} s after the last acknowledgement)`);
    console.log(`all at the secretary's socket ${visibleSeconds.toFixed(2)} s after the first send (${((visibleAt - lastAck) / 1000).toFixed(2)} s after the last acknowledgement)`);
    console.log(`raw INSERT of the same ${COMMENTS} rows (10 connections): ${raw.seconds.toFixed(2)} s; per INSERT ${fmt(raw.latency)}`);
    console.log(`ratio: acknowledgement p50 ${(ack.p50 / raw.latency.p50).toFixed(1)}× a raw INSERT's, p99 ${(ack.p99 / raw.latency.p99).toFixed(1)}×; `
      + `all stored after the burst ${((storedAt - lastAck) / 1000 / raw.seconds).toFixed(1)}× the raw INSERTs' time`);
    console.log(`check: ${check.submissions} submissions, ${check.received} received, ${check.comments} comments, ${check.doubled} doubled; `
      + `${resends.length} resends, ${resendFailures.length} failed`);
    const verdicts = [
      ['zero lost', lost === 0 && check.comments === acknowledged, `${lost} lost`],
      ['zero doubled', check.doubled === 0 && check.submissions === acknowledged && check.comments === check.received, `${check.doubled} doubled, ${check.submissions} submissions`],
      ['every request answered 202', failures.length === 0 && resendFailures.length === 0, `${failures.length + resendFailures.length} failed`],
      ['every comment at the secretary', seenAt.size === COMMENTS, `${seenAt.size}`],
    ] as const;
    console.log('\nchecks:');
    for (const [what, ok, figure] of verdicts) console.log(`  ${ok ? 'ok    ' : 'FAILED'}  ${what} (${figure})`);
    if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    secretary.disconnect();
    await db.end();
  }
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], {
    env: { ...process.env, DATABASE_URL, REDIS_URL, NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => code && !signal && console.error(`worker exited with ${code}`));
  return child;
}

/** The same rows as draft comments, straight into a table of the same shape. */
async function rawInserts(setup: Setup, bodies: Array<{ sectionId: string; siteId: string; text: string }>): Promise<{ seconds: number; latency: ReturnType<typeof percentiles> }> {
  const clients = await Promise.all(Array.from({ length: 10 }, async () => {
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    return c;
  }));
  try {
    await clients[0].query('CREATE TABLE bench_raw_comments (LIKE draft_comments INCLUDING DEFAULTS INCLUDING INDEXES)');
    const latencies: number[] = [];
    const t0 = now();
    let next = 0;
    await Promise.all(clients.map(async (c) => {
      while (next < bodies.length) {
        const b = bodies[next++];
        const t = now();
        await c.query(
          `INSERT INTO bench_raw_comments (submission_id, conference_id, draft_id, draft_version, section_id, section_label, kind, author_user_id, site_id, text)
           VALUES ($1, $2, $3, 1, $4, '', 'site', $5, $6, $7)`,
          [randomUUID(), setup.conferenceId, setup.draft.draftId, b.sectionId, randomUUID(), b.siteId, b.text],
        );
        latencies.push(now() - t);
      }
    }));
    return { seconds: (now() - t0) / 1000, latency: percentiles(latencies) };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * Users, sites and participants by SQL (700 sites are over the API's body limit, and 700 argon2 logins
 * would take minutes); the conference, the draft and its consultation through the API. Tokens signed as
 * the service does.
 */
async function setUp(): Promise<Setup> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const [chairId, secretaryId, provinceId] = [randomUUID(), randomUUID(), randomUUID()];
    await insertRows(db, 'users', ['id', 'username', 'full_name', 'full_name_search', 'password_hash', 'can_convene'], [
      [chairId, 'bench.chair', 'Chủ trì', 'chu tri', 'not-a-hash', true],
      [secretaryId, 'bench.thuky', 'Thư ký', 'thu ky', 'not-a-hash', false],
    ]);
    await insertRows(db, 'org_units', ['id', 'name', 'name_search', 'level', 'parent_id'], [[provinceId, 'Tỉnh ủy', 'tinh uy', 'province', null]]);
    const chairToken = accessToken(chairId);
    const created = await api<ConferenceSnapshot>(PORT, chairToken, 'POST', '/conferences', {
      title: 'Hội nghị lấy ý kiến dự thảo', kind: 'draft_consultation', hostUnitId: provinceId,
      plannedStart: '2026-12-01T00:30:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [{ key: 'main', name: 'Hội trường Tỉnh ủy', place: 'Tỉnh ủy', orgUnitId: provinceId, isMain: true }],
      agenda: [{ title: 'Góp ý dự thảo', kind: 'draft_consultation', presenter: '', plannedMinutes: 60 }],
    });
    const conferenceId = created.conference.id;
    const mainId = created.sites[0].id;
    const siteIds = Array.from({ length: SITES - 1 }, () => randomUUID());
    await insertRows(db, 'sites', ['id', 'conference_id', 'name', 'place', 'org_unit_id', 'parent_site_id', 'is_main', 'position'],
      siteIds.map((id, i) => [id, conferenceId, `Điểm cầu số ${i + 1}`, '', provinceId, mainId, false, i + 1]));
    await insertRows(db, 'site_attendance', ['site_id', 'conference_id'], siteIds.map((id) => [id, conferenceId]));
    const operatorIds = siteIds.map(() => randomUUID());
    await insertRows(db, 'users', ['id', 'username', 'full_name', 'full_name_search', 'password_hash'],
      operatorIds.map((id, i) => [id, `bench.op${i}`, `Kỹ thuật viên ${i}`, `ky thuat vien ${i}`, 'not-a-hash']));
    await insertRows(db, 'participants', ['id', 'conference_id', 'user_id', 'role', 'site_id', 'voting_right'], [
      [randomUUID(), conferenceId, secretaryId, 'secretary', mainId, false],
      ...operatorIds.map((id, i) => [randomUUID(), conferenceId, id, 'site_operator', siteIds[i], false]),
    ]);
    await db.query('ANALYZE');
    const secretaryToken = accessToken(secretaryId);
    const draft = await api<DraftVersionView>(PORT, secretaryToken, 'POST', `/conferences/${conferenceId}/drafts`, {
      title: 'Dự thảo Kết luận',
      text: ['Điều 1. Mục tiêu', 'Nâng cao chất lượng tổ chức cơ sở đảng.', 'Điều 2. Chỉ tiêu', 'Đảng viên đạt trên 4% dân số.',
        'Điều 3. Giải pháp', 'Đổi mới sinh hoạt chi bộ.', 'Điều 4. Tổ chức thực hiện', 'Các huyện ủy xây dựng kế hoạch.'].join('\n'),
    });
    for (const action of ['schedule', 'start']) await api(PORT, chairToken, 'POST', `/conferences/${conferenceId}/${action}`);
    await api(PORT, chairToken, 'POST', `/conferences/${conferenceId}/drafts/${draft.draftId}/consultation/open`);
    return { conferenceId, chairToken, secretaryToken, draft, sites: siteIds.map((id, i) => ({ id, token: accessToken(operatorIds[i]) })) };
  } finally {
    await db.end();
  }
}

async function cleanUp(): Promise<void> {
  await Promise.allSettled(children.map((c) => stopChild(c)));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().then(() => process.exit(130)));
main().then(
  async () => {
    await cleanUp();
    process.exit(process.exitCode ?? 0);
  },
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
