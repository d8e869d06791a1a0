import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GroupQueue } from '@hoinghi/change-log';
import type { PollStatus, VoteChoice } from '@hoinghi/contracts';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { APP_CONFIG, AppConfig } from '../config/app-config';

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
 * Casting in groups (group commit): the ballots of a poll that arrive while a group of that poll is in
 * flight on this instance wait, and then go together as one call of `cast_ballots` (migration
 * CastBallots1797700000000) — one statement, one transaction, one commit for up to BALLOT_GROUP_MAX
 * ballots; a ballot alone goes at once. Two ballots of one voter never share a group (the second is a
 * resend or a second ballot, decided against the first once committed). For every member the statement
 * checks what one ballot's did: the caller's account (exists, not disabled, token issued after any
 * password reset), the poll open (its advisory lock, shared, once per group, keeps a close from passing
 * a group in flight), the caller an elector frozen on the poll and present (at opening, or now when late
 * voters are allowed), not voted yet — then the voter marks and, for a secret poll, the sealed ballots,
 * in an order of their own. The voter mark's primary key holds "one ballot per voter": two ballots at the
 * same instant on two connections meet there and the second inserts nothing (ON CONFLICT, so no error
 * and nothing in the server's log). Each member is answered from its own row, only after the commit.
 * Run on the driver directly, as a prepared statement: TypeORM logs a failing statement with its
 * parameters, and this one's must never be logged.
 */
@Injectable()
export class BallotBox {
  private readonly queue: GroupQueue<CastBallot, CastOutcome>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new GroupQueue({ keyOf: (ballot) => ballot.userId, maxMembers: config.ballotGroupMax, run: (_, group) => this.castGroup(group) });
  }

  cast(ballot: CastBallot): Promise<CastOutcome> {
    return this.queue.submit(`${ballot.conferenceId}/${ballot.pollId}`, ballot);
  }

  /** Every member's outcome, in the members' order. */
  private async castGroup(group: CastBallot[]): Promise<CastOutcome[]> {
    // The pool itself, not a TypeORM query runner: one checkout, one prepared call, one release.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { pollId, conferenceId } = group[0];
    const { rows } = await pool.query<CastRow>({
      name: 'cast-ballots',
      text: 'SELECT account, status, elector, receipt, prior_receipt AS "priorReceipt", prior_key AS "priorKey" FROM cast_ballots($1, $2, $3, $4, $5, $6, $7)',
      values: [
        pollId, conferenceId, group.map((b) => b.userId), group.map((b) => b.issuedAt), group.map((b) => b.idempotencyKey),
        group.map((b) => b.choice), group.map((b) => b.sealed),
      ],
    });
    // Electors of an open poll who neither voted before nor now: voted at the same instant on another connection, or not present.
    const raced = group.filter((_, i) => rows[i].account && rows[i].elector && rows[i].status === 'open' && !rows[i].receipt && !rows[i].priorReceipt);
    const prior = new Map<string, CastRow>();
    if (raced.length) {
      const found = await pool.query<CastRow & { userId: string }>(PRIOR, [pollId, raced.map((b) => b.userId)]);
      for (const row of found.rows) prior.set(row.userId, row);
    }
    return group.map((ballot, i) => outcomeOf(ballot, rows[i], prior.get(ballot.userId)));
  }
}

/** One member's answer, from its row, and from the voter mark that won a race against it if there was one. */
function outcomeOf(ballot: CastBallot, row: CastRow, raced: CastRow | undefined): CastOutcome {
  if (!row.account) return { kind: 'no-account' };
  if (row.receipt) return { kind: 'recorded', receiptId: row.receipt };
  if (row.status === null) return { kind: 'no-poll' };
  const prior = row.priorReceipt ? row : raced;
  if (prior?.priorReceipt) return prior.priorKey === ballot.idempotencyKey ? { kind: 'resent', receiptId: prior.priorReceipt } : { kind: 'already-voted' };
  if (row.status !== 'open') return { kind: 'not-open', status: row.status };
  if (!row.elector) return { kind: 'not-elector' };
  return { kind: 'not-present' };
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
  SELECT pa.user_id AS "userId", v.receipt_id AS "priorReceipt", v.idempotency_key AS "priorKey" FROM poll_voters v JOIN participants pa ON pa.id = v.participant_id
   WHERE v.poll_id = $1 AND pa.user_id = ANY($2::uuid[])`;
