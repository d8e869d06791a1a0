import { MigrationInterface, QueryRunner } from "typeorm";

export class Drafts1796061000000 implements MigrationInterface {
    name = 'Drafts1796061000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "agenda_item_id" uuid, "title" character varying(300) NOT NULL, "current_version" integer NOT NULL, "consultation" character varying(16) NOT NULL DEFAULT 'not_open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0598e229012c6cbd4ccbba97328" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_drafts_conference" ON "drafts" ("conference_id") `);
        await queryRunner.query(`CREATE TABLE "draft_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "draft_id" uuid NOT NULL, "version" integer NOT NULL, "source" character varying(8) NOT NULL, "file_name" character varying(255), "note" character varying(1000) NOT NULL DEFAULT '', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eb1ffdb8f52739cb76a94656883" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_draft_versions_number" ON "draft_versions" ("draft_id", "version") `);
        await queryRunner.query(`CREATE TABLE "draft_sections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "position" integer NOT NULL, "label" character varying(60) NOT NULL, "heading" character varying(1000) NOT NULL, "text" text NOT NULL, "level" integer NOT NULL, "parent_id" uuid, CONSTRAINT "PK_7c5ebcead670ea33e91b32792a0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_draft_sections_position" ON "draft_sections" ("version_id", "position") `);
        await queryRunner.query(`ALTER TABLE "drafts" ADD CONSTRAINT "FK_1d5d41aa372758b2d8e0d84c061" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "drafts" ADD CONSTRAINT "FK_53314cac18f911fcbdc86e6d5c2" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_versions" ADD CONSTRAINT "FK_70d9a9c8434da405890a7182abe" FOREIGN KEY ("draft_id") REFERENCES "drafts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_versions" ADD CONSTRAINT "FK_f712fccd27c968a2e5d27a764c9" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "draft_sections" ADD CONSTRAINT "FK_a49a7cb463aa17051b1174a3326" FOREIGN KEY ("version_id") REFERENCES "draft_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "draft_sections" DROP CONSTRAINT "FK_a49a7cb463aa17051b1174a3326"`);
        await queryRunner.query(`ALTER TABLE "draft_versions" DROP CONSTRAINT "FK_f712fccd27c968a2e5d27a764c9"`);
        await queryRunner.query(`ALTER TABLE "draft_versions" DROP CONSTRAINT "FK_70d9a9c8434da405890a7182abe"`);
        await queryRunner.query(`ALTER TABLE "drafts" DROP CONSTRAINT "FK_53314cac18f911fcbdc86e6d5c2"`);
        await queryRunner.query(`ALTER TABLE "drafts" DROP CONSTRAINT "FK_1d5d41aa372758b2d8e0d84c061"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_draft_sections_position"`);
        await queryRunner.query(`DROP TABLE "draft_sections"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_draft_versions_number"`);
        await queryRunner.query(`DROP TABLE "draft_versions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_drafts_conference"`);
        await queryRunner.query(`DROP TABLE "drafts"`);
    }

}
