import { MigrationInterface, QueryRunner } from "typeorm";

export class Comments1796062000000 implements MigrationInterface {
    name = 'Comments1796062000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "comment_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "draft_id" uuid NOT NULL, "author_user_id" uuid NOT NULL, "idempotency_key" character varying(100) NOT NULL, "content" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'accepted', "comment_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_355d13e7d5ec082db33115b00eb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_comment_submissions_key" ON "comment_submissions" ("conference_id", "author_user_id", "idempotency_key") `);
        await queryRunner.query(`CREATE INDEX "IDX_comment_submissions_pending" ON "comment_submissions" ("created_at") WHERE status = 'accepted'`);
        await queryRunner.query(`CREATE TABLE "draft_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "submission_id" uuid NOT NULL, "conference_id" uuid NOT NULL, "draft_id" uuid NOT NULL, "draft_version" integer NOT NULL, "section_id" uuid, "section_label" character varying(60) NOT NULL DEFAULT '', "kind" character varying(16) NOT NULL, "author_user_id" uuid NOT NULL, "site_id" uuid, "speaker_participant_id" uuid, "speaker_name" character varying(200), "floor_request_id" uuid, "text" text NOT NULL, "proposal" text, "status" character varying(16) NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f7f086bca30fc58e7411216785e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_draft_comments_submission" ON "draft_comments" ("submission_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_draft_comments_conference" ON "draft_comments" ("conference_id", "draft_id") `);
        await queryRunner.query(`ALTER TABLE "comment_submissions" ADD CONSTRAINT "FK_82c671e5870bc4af593d33d9451" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comment_submissions" ADD CONSTRAINT "FK_d31e7919f749296a426251e29ca" FOREIGN KEY ("draft_id") REFERENCES "drafts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comment_submissions" ADD CONSTRAINT "FK_037df4eb37d3994428a17cbdda9" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_comments" ADD CONSTRAINT "FK_319e83d5cfabf39d6eb4d8cca18" FOREIGN KEY ("submission_id") REFERENCES "comment_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_comments" ADD CONSTRAINT "FK_338d815638da2a4a7f06c597325" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_comments" ADD CONSTRAINT "FK_59ae9307fd671b2bdb558df9ea5" FOREIGN KEY ("draft_id") REFERENCES "drafts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_comments" ADD CONSTRAINT "FK_c386e81c8d0c0db8e58886c580c" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "draft_comments" DROP CONSTRAINT "FK_c386e81c8d0c0db8e58886c580c"`);
        await queryRunner.query(`ALTER TABLE "draft_comments" DROP CONSTRAINT "FK_59ae9307fd671b2bdb558df9ea5"`);
        await queryRunner.query(`ALTER TABLE "draft_comments" DROP CONSTRAINT "FK_338d815638da2a4a7f06c597325"`);
        await queryRunner.query(`ALTER TABLE "draft_comments" DROP CONSTRAINT "FK_319e83d5cfabf39d6eb4d8cca18"`);
        await queryRunner.query(`ALTER TABLE "comment_submissions" DROP CONSTRAINT "FK_037df4eb37d3994428a17cbdda9"`);
        await queryRunner.query(`ALTER TABLE "comment_submissions" DROP CONSTRAINT "FK_d31e7919f749296a426251e29ca"`);
        await queryRunner.query(`ALTER TABLE "comment_submissions" DROP CONSTRAINT "FK_82c671e5870bc4af593d33d9451"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_draft_comments_conference"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_draft_comments_submission"`);
        await queryRunner.query(`DROP TABLE "draft_comments"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_comment_submissions_pending"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_comment_submissions_key"`);
        await queryRunner.query(`DROP TABLE "comment_submissions"`);
    }

}
