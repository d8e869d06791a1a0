import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { POLL_LOCK_CLASS } from '@hoinghi/database';
import type { PollStatus, VoteChoice } from '@hoinghi/contracts';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';

export interface CastBallot {
  pollId: string;
  conferenceId: string;
  userId: string;
  idempotencyKey: string;
  /** Open votes: the choice, kept with the voter. */
  choice: VoteChoice | null;
  /** Secret ballots: the sealed code, kept apart from the voter. */
  sealed: Buffer | null;
}

export type CastOutcome =
  | { kind: 'recorded'; receiptId: string }
  | { kind: 'resent'; receiptId: string }
  | { kind: 'already-voted' }
  | { kind: 'not-open'; status: PollStatus }
  | { kind: 'not-elector' }
  | { kind: 'not-present' }
  | { kind: 'no-poll' };

/**
 * Casting is one transaction and one statement: the poll is open (its advisory lock, shared, keeps a
 * close from passing a ballot in flight), the caller is an elector frozen on the poll and present (at
 * opening, or now when late voters are allowed), has not voted — then the voter mark and, for a secret
 * ballot, the sealed ballot in the ballot box. The mark's primary key holds "one ballot per voter":
 * two ballots at the same instant meet there and the second inserts nothing (ON CONFLICT, so no error
 * and nothing in the server's log). Run on the driver directly: TypeORM logs a failing statement with
 * its parameters, and this one's must never be logged.
 */
@Injectable()
export class BallotBox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cast(ballot: CastBallot): Promise<CastOutcome> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN');
      // Its own statement: the work below then reads with a snapshot taken after a close has committed.
      await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2::text))', [POLL_LOCK_CLASS, ballot.pollId]);
      const { rows: [row] } = await client.query<CastRow>(CAST, [
        ballot.pollId, ballot.conferenceId, ballot.userId, ballot.idempotencyKey, ballot.choice, ballot.sealed,
      ]);
      if (row.receipt) {
        await client.query('COMMIT');
        return { kind: 'recorded', receiptId: row.receipt };
      }
      await client.query('ROLLBACK');
      if (row.status === null) return { kind: 'no-poll' };
      // Voted before (maybe this very ballot, resent), or at the same instant on another connection.
      const prior = row.priorReceipt ? row : row.elector && row.status === 'open' ? (await client.query<CastRow>(PRIOR, [ballot.pollId, ballot.userId])).rows[0] : undefined;
      if (prior?.priorReceipt) return prior.priorKey === ballot.idempotencyKey ? { kind: 'resent', receiptId: prior.priorReceipt } : { kind: 'already-voted' };
      if (row.status !== 'open') return { kind: 'not-open', status: row.status };
      if (!row.elector) return { kind: 'not-elector' };
      return { kind: 'not-present' };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

interface CastRow {
  status: PollStatus | null;
  elector: boolean;
  receipt: string | null;
  priorReceipt: string | null;
  priorKey: string | null;
}

const CAST = `
  WITH poll AS (
    SELECT status, allow_late_voters FROM polls WHERE id = $1 AND conference_id = $2
  ), me AS (
    SELECT e.participant_id, e.present_at_open FROM poll_electors e JOIN participants pa ON pa.id = e.participant_id
     WHERE e.poll_id = $1 AND pa.user_id = $3
  ), prior AS (
    SELECT v.receipt_id, v.idempotency_key FROM poll_voters v JOIN me ON me.participant_id = v.participant_id WHERE v.poll_id = $1
  ), allowed AS (
    SELECT me.participant_id, NOT me.present_at_open AS late FROM poll, me
     WHERE poll.status = 'open' AND NOT EXISTS (SELECT 1 FROM prior)
       AND (me.present_at_open OR (poll.allow_late_voters AND EXISTS (
             SELECT 1 FROM attendance_records r WHERE r.participant_id = me.participant_id AND r.conference_id = $2
                AND r.status IN ('present', 'late') AND r.checked_out_at IS NULL)))
  ), voter AS (
    INSERT INTO poll_voters (poll_id, participant_id, idempotency_key, late, choice)
    SELECT $1, participant_id, $4, late, $5 FROM allowed
    ON CONFLICT DO NOTHING RETURNING receipt_id
  ), box AS (
    INSERT INTO ballot_box (poll_id, sealed) SELECT $1, $6::bytea FROM voter WHERE $6::bytea IS NOT NULL RETURNING 1
  )
  SELECT (SELECT status FROM poll) AS status, EXISTS (SELECT 1 FROM me) AS elector,
         (SELECT receipt_id FROM voter) AS receipt, (SELECT count(*) FROM box) AS boxed,
         (SELECT receipt_id FROM prior) AS "priorReceipt", (SELECT idempotency_key FROM prior) AS "priorKey"`;

const PRIOR = `
  SELECT v.receipt_id AS "priorReceipt", v.idempotency_key AS "priorKey" FROM poll_voters v JOIN participants pa ON pa.id = v.participant_id
   WHERE v.poll_id = $1 AND pa.user_id = $2`;
