import { MigrationInterface, QueryRunner } from 'typeorm';

/** The two-key advisory lock class of polls (POLL_LOCK_CLASS in polls.repository.ts, fixed here as the migration ran). */
const POLL_LOCK_CLASS_SQL = 7301;

/**
 * Votes and ballots. What says *that* someone voted (`poll_voters`) and what says *how* a secret
 * ballot was cast (`ballot_box` while the poll is open, sealed; `ballots` once counted) share no column,
 * no timestamp and no sequence: their keys are random UUIDs (docs/security.md, "Secret ballots").
 */
export class Polls1796300000000 implements MigrationInterface {
  name = 'Polls1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "polls" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "conference_id" uuid NOT NULL,
      "agenda_item_id" uuid NOT NULL,
      "kind" character varying(16) NOT NULL,
      "title" character varying(300) NOT NULL,
      "labels" jsonb NOT NULL,
      "options" jsonb NOT NULL DEFAULT '[]',
      "max_choices" integer NOT NULL DEFAULT 1,
      "base" character varying(32) NOT NULL DEFAULT 'electorate',
      "threshold" character varying(16) NOT NULL DEFAULT 'more_than_half',
      "quorum_numerator" integer NOT NULL,
      "quorum_denominator" integer NOT NULL,
      "allow_late_voters" boolean NOT NULL DEFAULT true,
      "status" character varying(16) NOT NULL DEFAULT 'draft',
      "electorate" integer,
      "excused" integer,
      "present_at_open" integer,
      "voted" integer NOT NULL DEFAULT 0,
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "opened_at" TIMESTAMP WITH TIME ZONE,
      "closed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_polls" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_polls_kind" CHECK ("kind" IN ('open', 'confidence', 'election')),
      CONSTRAINT "CHK_polls_status" CHECK ("status" IN ('draft', 'open', 'closed', 'published')),
      CONSTRAINT "FK_polls_conference" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_polls_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_polls_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await queryRunner.query(`CREATE INDEX "IDX_polls_conference" ON "polls" ("conference_id")`);
    // One vote at a time in a conference: its live turnout is one stream.
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_polls_one_open" ON "polls" ("conference_id") WHERE "status" = 'open'`);
    await queryRunner.query(`CREATE INDEX "IDX_polls_pending" ON "polls" ("status") WHERE "status" IN ('open', 'closed')`);
    // A published poll never changes (its result is in poll_results, which the services may not update).
    await queryRunner.query(`CREATE FUNCTION "polls_published_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD."status" = 'published' THEN RAISE EXCEPTION 'poll % is published and cannot change', OLD."id"; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "TR_polls_published_final" BEFORE UPDATE ON "polls" FOR EACH ROW EXECUTE FUNCTION "polls_published_final"()`);

    // The electorate, frozen when the poll opens: who may vote and who was present then. A participant who is
    // an elector cannot be deleted on their own (checked at commit): the count checks one sealed ballot per
    // voter mark, and a record of who was summoned must not shrink. Deleting the conference takes both with it
    // (both cascades have run by the time the check is made).
    await queryRunner.query(`CREATE TABLE "poll_electors" (
      "poll_id" uuid NOT NULL,
      "participant_id" uuid NOT NULL,
      "site_id" uuid,
      "present_at_open" boolean NOT NULL,
      "excused" boolean NOT NULL,
      CONSTRAINT "PK_poll_electors" PRIMARY KEY ("poll_id", "participant_id"),
      CONSTRAINT "FK_poll_electors_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_poll_electors_participant" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") DEFERRABLE INITIALLY DEFERRED
    )`);

    // That an elector has voted: one row per voter per poll, held by the primary key (a second ballot is a 409).
    // No timestamp. `choice` only for open votes (the chair sees who voted what); a secret ballot is elsewhere.
    await queryRunner.query(`CREATE TABLE "poll_voters" (
      "poll_id" uuid NOT NULL,
      "participant_id" uuid NOT NULL,
      "receipt_id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "idempotency_key" character varying(100) NOT NULL,
      "late" boolean NOT NULL,
      "choice" character varying(8),
      CONSTRAINT "PK_poll_voters" PRIMARY KEY ("poll_id", "participant_id"),
      CONSTRAINT "CHK_poll_voters_choice" CHECK ("choice" IS NULL OR "choice" IN ('yes', 'no', 'abstain')),
      CONSTRAINT "FK_poll_voters_elector" FOREIGN KEY ("poll_id", "participant_id") REFERENCES "poll_electors"("poll_id", "participant_id") ON DELETE CASCADE
    )`);

    // Secret ballots while the poll is open: sealed (AES-GCM, a key PostgreSQL never sees), random ids, no time.
    await queryRunner.query(`CREATE TABLE "ballot_box" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "poll_id" uuid NOT NULL,
      "sealed" bytea NOT NULL,
      CONSTRAINT "PK_ballot_box" PRIMARY KEY ("id"),
      CONSTRAINT "FK_ballot_box_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(`CREATE INDEX "IDX_ballot_box_poll" ON "ballot_box" ("poll_id")`);

    // Secret ballots once counted: opened and written all at once, in a random order, by one transaction.
    await queryRunner.query(`CREATE TABLE "ballots" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "poll_id" uuid NOT NULL,
      "code" character varying(200) NOT NULL,
      CONSTRAINT "PK_ballots" PRIMARY KEY ("id"),
      CONSTRAINT "FK_ballots_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(`CREATE INDEX "IDX_ballots_poll" ON "ballots" ("poll_id")`);

    // Casting a ballot, in one call (one round trip, its plan cached per connection): a VOLATILE function
    // takes a fresh snapshot per statement, so the work reads after the poll's lock is granted — a close
    // that committed meanwhile is seen. The voter mark's primary key refuses a second ballot without an
    // error (nothing in the server's log); the caller decides 409 from what is returned.
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

    await queryRunner.query(`CREATE TABLE "poll_results" (
      "poll_id" uuid NOT NULL,
      "result" jsonb NOT NULL,
      "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_poll_results" PRIMARY KEY ("poll_id"),
      CONSTRAINT "FK_poll_results_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "poll_results"`);
    await queryRunner.query(`DROP FUNCTION "cast_ballot"(uuid, uuid, uuid, varchar, varchar, bytea)`);
    await queryRunner.query(`DROP TABLE "ballots"`);
    await queryRunner.query(`DROP TABLE "ballot_box"`);
    await queryRunner.query(`DROP TABLE "poll_voters"`);
    await queryRunner.query(`DROP TABLE "poll_electors"`);
    await queryRunner.query(`DROP TRIGGER "TR_polls_published_final" ON "polls"`);
    await queryRunner.query(`DROP FUNCTION "polls_published_final"()`);
    await queryRunner.query(`DROP TABLE "polls"`);
  }
}
