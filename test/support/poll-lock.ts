import { POLL_LOCK_CLASS } from '@hoinghi/database';
import type { Client } from 'pg';
import { until } from './electorate';

/**
 * Sends requests at once while the poll's advisory lock is held exclusively (as a closing chair holds
 * it): the first ballots' group waits for it in PostgreSQL and the ballots after it queue on the meeting
 * instance, so that once the lock is released they go together as the next group. Says which requests
 * were answered while the lock was held (a ballot must not be, before its group commits).
 */
export async function sendBehindPollLock<T>(admin: Client, pollId: string, requests: Array<() => Promise<T>>, holdMs = 1000): Promise<{ answers: T[]; answeredWhileHeld: boolean[] }> {
  await admin.query('SELECT pg_advisory_lock($1, hashtext($2::text))', [POLL_LOCK_CLASS, pollId]);
  const answered = requests.map(() => false);
  let answers: Promise<T[]>;
  let answeredWhileHeld: boolean[];
  try {
    answers = Promise.all(requests.map((send, i) => send().finally(() => (answered[i] = true))));
    await until(() => admin.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [POLL_LOCK_CLASS],
    ).then((r) => r.rows[0].n as number), (n) => n > 0);
    // The other requests reach the meeting instance meanwhile and queue behind the waiting group.
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    answeredWhileHeld = [...answered];
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1, hashtext($2::text))', [POLL_LOCK_CLASS, pollId]);
  }
  return { answers: await answers, answeredWhileHeld };
}
