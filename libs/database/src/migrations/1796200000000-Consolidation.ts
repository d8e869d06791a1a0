import { MigrationInterface, QueryRunner } from "typeorm";

export class Consolidation1796200000000 implements MigrationInterface {
    name = 'Consolidation1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "consolidation_points" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "draft_id" uuid NOT NULL, "section_id" uuid, "section_label" character varying(60) NOT NULL DEFAULT '', "summary" text NOT NULL, "disposition" character varying(16), "response" text NOT NULL DEFAULT '', "absorbed_in_version" integer, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15f3484bf58b9cb5f34bfb0f7e9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_consolidation_points_draft" ON "consolidation_points" ("conference_id", "draft_id") `);
        await queryRunner.query(`CREATE TABLE "consolidation_point_comments" ("comment_id" uuid NOT NULL, "point_id" uuid NOT NULL, CONSTRAINT "PK_consolidation_point_comments_one_point_per_comment" PRIMARY KEY ("comment_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_consolidation_point_comments_point" ON "consolidation_point_comments" ("point_id") `);
        await queryRunner.query(`CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "subject_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "requested_by" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(100) NOT NULL, "content" bytea, "bytes" integer, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ready_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_documents_conference" ON "documents" ("conference_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "consolidation_points" ADD CONSTRAINT "FK_3727933eb0abbf3770e6be3aeff" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consolidation_points" ADD CONSTRAINT "FK_5c3aa3860371ae622cd8cb74c2d" FOREIGN KEY ("draft_id") REFERENCES "drafts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consolidation_points" ADD CONSTRAINT "FK_0f9eec3d758b29c4043fab6de25" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consolidation_point_comments" ADD CONSTRAINT "FK_3211ab5ee0c19e9a0b39f186ac6" FOREIGN KEY ("comment_id") REFERENCES "draft_comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consolidation_point_comments" ADD CONSTRAINT "FK_11bf2a3e0b511a9e0512370abce" FOREIGN KEY ("point_id") REFERENCES "consolidation_points"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_7027d109efd330015af441c10de" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_d40d617909aacfceea98d6a7d9a" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_d40d617909aacfceea98d6a7d9a"`);
        await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_7027d109efd330015af441c10de"`);
        await queryRunner.query(`ALTER TABLE "consolidation_point_comments" DROP CONSTRAINT "FK_11bf2a3e0b511a9e0512370abce"`);
        await queryRunner.query(`ALTER TABLE "consolidation_point_comments" DROP CONSTRAINT "FK_3211ab5ee0c19e9a0b39f186ac6"`);
        await queryRunner.query(`ALTER TABLE "consolidation_points" DROP CONSTRAINT "FK_0f9eec3d758b29c4043fab6de25"`);
        await queryRunner.query(`ALTER TABLE "consolidation_points" DROP CONSTRAINT "FK_5c3aa3860371ae622cd8cb74c2d"`);
        await queryRunner.query(`ALTER TABLE "consolidation_points" DROP CONSTRAINT "FK_3727933eb0abbf3770e6be3aeff"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_documents_conference"`);
        await queryRunner.query(`DROP TABLE "documents"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_consolidation_point_comments_point"`);
        await queryRunner.query(`DROP TABLE "consolidation_point_comments"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_consolidation_points_draft"`);
        await queryRunner.query(`DROP TABLE "consolidation_points"`);
    }

}
