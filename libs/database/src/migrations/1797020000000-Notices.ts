import { MigrationInterface, QueryRunner } from "typeorm";

/** Notices of a conference to everyone convened (scheduling, changes, start …), and who has read each. */
export class Notices1797020000000 implements MigrationInterface {
    name = 'Notices1797020000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "planned_start" TIMESTAMP WITH TIME ZONE NOT NULL, "planned_end" TIMESTAMP WITH TIME ZONE NOT NULL, "place" character varying(300) NOT NULL DEFAULT '', "reason" character varying(500), CONSTRAINT "PK_notices" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notices_conference" ON "notices" ("conference_id", "at") `);
        await queryRunner.query(`CREATE TABLE "notice_reads" ("notice_id" uuid NOT NULL, "user_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_notice_reads" PRIMARY KEY ("notice_id", "user_id"))`);
        await queryRunner.query(`ALTER TABLE "notices" ADD CONSTRAINT "FK_notices_conference" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_reads" ADD CONSTRAINT "FK_notice_reads_notice" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_reads" ADD CONSTRAINT "FK_notice_reads_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notice_reads" DROP CONSTRAINT "FK_notice_reads_user"`);
        await queryRunner.query(`ALTER TABLE "notice_reads" DROP CONSTRAINT "FK_notice_reads_notice"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_notices_conference"`);
        await queryRunner.query(`DROP TABLE "notice_reads"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notices_conference"`);
        await queryRunner.query(`DROP TABLE "notices"`);
    }
}
