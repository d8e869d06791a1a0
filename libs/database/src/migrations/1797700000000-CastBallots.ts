import { MigrationInterface, QueryRunner } from 'typeorm';
import { CAST_BALLOT_CHECKING_ACCOUNT } from './1797600000001-CastBallotChecksAccount';

/** The two-key advisory lock class of polls (POLL_LOCK_CLASS in polls.repository.ts, fixed here as the migration ran). */
const POLL_LOCK_CLASS_SQL = 7301;

/**
 * Ballots cast in groups (group commit, `BallotBox`): the ballots of one poll that arrive while a group
 * is in flight on a meeting instance go together in one call, one transaction, one commit — PostgreSQL's
 * cost per ballot was mostly per transaction. `cast_ballots` does for every member what `cast_ballot` did
 * for one, in the same statement and with the same checks (account, poll open, elector, present or a
 * late voter checked in, not voted yet), and returns one row per member, `n` being its place in the
 * arrays. The poll's advisory lock is taken shared, once. One ballot per voter is still the voter mark's
 * primary key with ON CONFLICT DO NOTHING: the statement never fails on a second ballot, so PostgreSQL
 * logs nothing. The group's sealed ballots go into the ballot box in an order of their own, drawn from
 * PostgreSQL's strong random source (`gen_random_uuid`), never the members' order: within a group, the
 * physical order of the ballot box says nothing of the order of the voter marks.
 */
export class CastBallots1797700000000 implements MigrationInterface {
  name = 'CastBallots1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "cast_ballots"(p_poll uuid, p_conference uuid, p_users uuid[], p_issued bigint[], p_keys varchar[], p_choices varchar[], p_sealed bytea[])
      RETURNS TABLE (n bigint, account boolean, status varchar, elector boolean, receipt uuid, prior_receipt uuid, prior_key varchar)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${POLL_LOCK_CLASS_SQL}, hashtext(p_poll::text));
        RETURN QUERY
        WITH poll AS (
          SELECT p.status, p.allow_late_voters FROM polls p WHERE p.id = p_poll AND p.conference_id = p_conference
        ), member AS (
          SELECT m.n, m.user_id, m.idem_key, m.choice, m.sealed, e.participant_id, e.present_at_open,
                 EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id AND u.disabled_at IS NULL
                            AND (u.tokens_valid_from IS NULL OR m.issued_at >= floor(extract(epoch FROM u.tokens_valid_from)))) AS account
            FROM unnest(p_users, p_issued, p_keys, p_choices, p_sealed) WITH ORDINALITY AS m(user_id, issued_at, idem_key, choice, sealed, n)
            LEFT JOIN (poll_electors e JOIN participants pa ON pa.id = e.participant_id) ON e.poll_id = p_poll AND pa.user_id = m.user_id
        ), prior AS (
          SELECT member.n, v.receipt_id, v.idempotency_key FROM member JOIN poll_voters v ON v.poll_id = p_poll AND v.participant_id = member.participant_id
        ), allowed AS (
          SELECT member.n, member.participant_id, NOT member.present_at_open AS late, member.idem_key, member.choice FROM poll, member
           WHERE member.account AND poll.status = 'open' AND NOT EXISTS (SELECT 1 FROM prior WHERE prior.n = member.n)
             AND (member.present_at_open OR (poll.allow_late_voters AND EXISTS (
                   SELECT 1 FROM attendance_records r WHERE r.participant_id = member.participant_id AND r.conference_id = p_conference
                      AND r.status IN ('present', 'late') AND r.checked_out_at IS NULL)))
        ), voter AS (
          INSERT INTO poll_voters (poll_id, participant_id, idempotency_key, late, choice)
          SELECT p_poll, allowed.participant_id, allowed.idem_key, allowed.late, allowed.choice FROM allowed
          ON CONFLICT DO NOTHING RETURNING poll_voters.participant_id, poll_voters.receipt_id
        ), box AS (
          -- Executed whether or not the query below reads it (a data-modifying WITH always runs to completion).
          INSERT INTO ballot_box (poll_id, sealed)
          SELECT p_poll, member.sealed FROM voter JOIN member ON member.participant_id = voter.participant_id
           WHERE member.sealed IS NOT NULL ORDER BY gen_random_uuid()
        )
        SELECT member.n, member.account, (SELECT poll.status FROM poll)::varchar, member.participant_id IS NOT NULL,
               voter.receipt_id, prior.receipt_id, prior.idempotency_key::varchar
          FROM member LEFT JOIN voter ON voter.participant_id = member.participant_id LEFT JOIN prior ON prior.n = member.n
         ORDER BY member.n;
      END $$`);
    await queryRunner.query(`DROP FUNCTION "cast_ballot"(uuid, uuid, uuid, bigint, varchar, varchar, bytea)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "cast_ballots"(uuid, uuid, uuid[], bigint[], varchar[], varchar[], bytea[])`);
    await queryRunner.query(CAST_BALLOT_CHECKING_ACCOUNT);
  }
}
