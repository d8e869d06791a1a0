import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PollStatus, VoteChoice } from '@hoinghi/contracts';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export interface CastBallot {
  pollId: string;
  conferenceId: string;
  userId: string;
  /** The access token's `iat` (seconds): a password reset after it refuses the ballot. */
  issuedAt: number;
  idempotencyKey: string;
  /** Open votes: the choice, kept with the voter. */
  choice: VoteChoice | null;
  /** Secret ballots: the sealed code, kept apart from the voter. */
  sealed: Buffer | null;
}

export type CastOutcome =
  | { kind: 'no-account' }
  | { kind: 'recorded'; receiptId: string }
  | { kind: 'resent'; receiptId: string }
  | { kind: 'already-voted' }
  | { kind: 'not-open'; status: PollStatus }
  | { kind: 'not-elector' }
  | { kind: 'not-present' }
  | { kind: 'no-poll' };

/**
 * Casting is one call of `cast_ballot` (migrations Polls1796300000000, CastBallotChecksAccount1797600000001):
 * one transaction, one round trip. The caller's account is valid (exists, not disabled, token issued after
 * any password reset), the poll is open (its advisory lock, shared, keeps a close from passing a ballot in flight), the caller is an elector frozen on the poll and present (at
 * opening, or now when late voters are allowed), has not voted — then the voter mark and, for a secret
 * ballot, the sealed ballot in the ballot box. The mark's primary key holds "one ballot per voter":
 * two ballots at the same instant meet there and the second inserts nothing (ON CONFLICT, so no error
 * and nothing in the server's log). Run on the driver directly, as a prepared statement: TypeORM logs a
 * failing statement with its parameters, and this one's must never be logged.
 */
@Injectable()
export class BallotBox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cast(ballot: CastBallot): Promise<CastOutcome> {
    // The pool itself, not a TypeORM query runner: one checkout, one prepared call, one release.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows: [row] } = await pool.query<CastRow>({
      name: 'cast-ballot',
      text: 'SELECT account, status, elector, receipt, prior_receipt AS "priorReceipt", prior_key AS "priorKey" FROM cast_ballot($1, $2, $3, $4, $5, $6, $7)',
      values: [ballot.pollId, ballot.conferenceId, ballot.userId, ballot.issuedAt, ballot.idempotencyKey, ballot.choice, ballot.sealed],
    });
    if (!row.account) return { kind: 'no-account' };
    if (row.receipt) return { kind: 'recorded', receiptId: row.receipt };
    if (row.status === null) return { kind: 'no-poll' };
    // Voted before (maybe this very ballot, resent), or at the same instant on another connection.
    const prior = row.priorReceipt ? row : row.elector && row.status === 'open' ? (await pool.query<CastRow>(PRIOR, [ballot.pollId, ballot.userId])).rows[0] : undefined;
    if (prior?.priorReceipt) return prior.priorKey === ballot.idempotencyKey ? { kind: 'resent', receiptId: prior.priorReceipt } : { kind: 'already-voted' };
    if (row.status !== 'open') return { kind: 'not-open', status: row.status };
    if (!row.elector) return { kind: 'not-elector' };
    return { kind: 'not-present' };
  }
}

interface CastRow {
  account: boolean;
  status: PollStatus | null;
  elector: boolean;
  receipt: string | null;
  priorReceipt: string | null;
  priorKey: string | null;
}

const PRIOR = `
  SELECT v.receipt_id AS "priorReceipt", v.idempotency_key AS "priorKey" FROM poll_voters v JOIN participants pa ON pa.id = v.participant_id
   WHERE v.poll_id = $1 AND pa.user_id = $2`;
