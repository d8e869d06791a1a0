import { MigrationInterface, QueryRunner } from 'typeorm';

/** The two-key advisory lock class of polls (POLL_LOCK_CLASS in polls.repository.ts, fixed here as the migration ran). */
const POLL_LOCK_CLASS_SQL = 7301;

/** This migration's `cast_ballot`, also what CastBallots1797700000000 restores when it is reverted. */
export const CAST_BALLOT_CHECKING_ACCOUNT = `CREATE FUNCTION "cast_ballot"(p_poll uuid, p_conference uuid, p_user uuid, p_issued_at bigint, p_key varchar, p_choice varchar, p_sealed bytea)
      RETURNS TABLE (account boolean, status varchar, elector boolean, receipt uuid, prior_receipt uuid, prior_key varchar)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${POLL_LOCK_CLASS_SQL}, hashtext(p_poll::text));
        RETURN QUERY
        WITH account AS (
          SELECT 1 FROM users u WHERE u.id = p_user AND u.disabled_at IS NULL
             AND (u.tokens_valid_from IS NULL OR p_issued_at >= floor(extract(epoch FROM u.tokens_valid_from)))
        ), poll AS (
          SELECT p.status, p.allow_late_voters FROM polls p WHERE p.id = p_poll AND p.conference_id = p_conference
        ), me AS (
          SELECT e.participant_id, e.present_at_open FROM poll_electors e JOIN participants pa ON pa.id = e.participant_id
           WHERE e.poll_id = p_poll AND pa.user_id = p_user
        ), prior AS (
          SELECT v.receipt_id, v.idempotency_key FROM poll_voters v JOIN me ON me.participant_id = v.participant_id WHERE v.poll_id = p_poll
        ), allowed AS (
          SELECT me.participant_id, NOT me.present_at_open AS late FROM poll, me
           WHERE EXISTS (SELECT 1 FROM account) AND poll.status = 'open' AND NOT EXISTS (SELECT 1 FROM prior)
             AND (me.present_at_open OR (poll.allow_late_voters AND EXISTS (
                   SELECT 1 FROM attendance_records r WHERE r.participant_id = me.participant_id AND r.conference_id = p_conference
                      AND r.status IN ('present', 'late') AND r.checked_out_at IS NULL)))
        ), voter AS (
          INSERT INTO poll_voters (poll_id, participant_id, idempotency_key, late, choice)
          SELECT p_poll, allowed.participant_id, p_key, allowed.late, p_choice FROM allowed
          ON CONFLICT DO NOTHING RETURNING poll_voters.receipt_id
        ), box AS (
          INSERT INTO ballot_box (poll_id, sealed) SELECT p_poll, p_sealed FROM voter WHERE p_sealed IS NOT NULL RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM account), (SELECT poll.status FROM poll)::varchar, EXISTS (SELECT 1 FROM me), (SELECT voter.receipt_id FROM voter),
               (SELECT prior.receipt_id FROM prior), (SELECT prior.idempotency_key FROM prior)::varchar
          FROM (SELECT count(*) FROM box) AS written;
      END $$`;

/**
 * Casting checks the caller's account in its own statement: the user exists, is not disabled, and the
 * access token was issued after the last password reset (`p_issued_at`, the token's `iat` in seconds) —
 * what the HTTP guard otherwise reads in a query of its own for every request. A ballot's only round
 * trip is then this call (the 10,000-ballot burst of bench/ballots.ts). Nothing else changes: see
 * Polls1796300000000 for the lock, the snapshot and the voter mark's key.
 */
export class CastBallotChecksAccount1797600000001 implements MigrationInterface {
  name = 'CastBallotChecksAccount1797600000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "cast_ballot"(uuid, uuid, uuid, varchar, varchar, bytea)`);
    await queryRunner.query(CAST_BALLOT_CHECKING_ACCOUNT);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "cast_ballot"(uuid, uuid, uuid, bigint, varchar, varchar, bytea)`);
    await queryRunner.query(`CREATE FUNCTION "cast_ballot"(p_poll uuid, p_conference uuid, p_user uuid, p_key varchar, p_choice varchar, p_sealed bytea)
      RETURNS TABLE (status varchar, elector boolean, receipt uuid, prior_receipt uuid, prior_key varchar)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${POLL_LOCK_CLASS_SQL}, hashtext(p_poll::text));
        RETURN QUERY
        WITH poll AS (
          SELECT p.status, p.allow_late_voters FROM polls p WHERE p.id = p_poll AND p.conference_id = p_conference
        ), me AS (
          SELECT e.participant_id, e.present_at_open FROM poll_electors e JOIN participants pa ON pa.id = e.participant_id
           WHERE e.poll_id = p_poll AND pa.user_id = p_user
        ), prior AS (
          SELECT v.receipt_id, v.idempotency_key FROM poll_voters v JOIN me ON me.participant_id = v.participant_id WHERE v.poll_id = p_poll
        ), allowed AS (
          SELECT me.participant_id, NOT me.present_at_open AS late FROM poll, me
           WHERE poll.status = 'open' AND NOT EXISTS (SELECT 1 FROM prior)
             AND (me.present_at_open OR (poll.allow_late_voters AND EXISTS (
                   SELECT 1 FROM attendance_records r WHERE r.participant_id = me.participant_id AND r.conference_id = p_conference
                      AND r.status IN ('present', 'late') AND r.checked_out_at IS NULL)))
        ), voter AS (
          INSERT INTO poll_voters (poll_id, participant_id, idempotency_key, late, choice)
          SELECT p_poll, allowed.participant_id, p_key, allowed.late, p_choice FROM allowed
          ON CONFLICT DO NOTHING RETURNING poll_voters.receipt_id
        ), box AS (
          INSERT INTO ballot_box (poll_id, sealed) SELECT p_poll, p_sealed FROM voter WHERE p_sealed IS NOT NULL RETURNING 1
        )
        SELECT (SELECT poll.status FROM poll)::varchar, EXISTS (SELECT 1 FROM me), (SELECT voter.receipt_id FROM voter),
               (SELECT prior.receipt_id FROM prior), (SELECT prior.idempotency_key FROM prior)::varchar
          FROM (SELECT count(*) FROM box) AS written;
      END $$`);
  }
}
