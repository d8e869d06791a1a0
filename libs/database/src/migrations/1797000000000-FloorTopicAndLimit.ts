import { MigrationInterface, QueryRunner } from "typeorm";

/** A speaker's topic as a draft section (beside the free-text note), and the chair's speaking-time limit. */
export class FloorTopicAndLimit1797000000000 implements MigrationInterface {
    name = 'FloorTopicAndLimit1797000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD "section_id" uuid`);
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD "limit_seconds" integer`);
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD CONSTRAINT "FK_floor_requests_section" FOREIGN KEY ("section_id") REFERENCES "draft_sections"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD CONSTRAINT "CHK_floor_requests_limit" CHECK ("limit_seconds" IS NULL OR "limit_seconds" BETWEEN 30 AND 3600)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP CONSTRAINT "CHK_floor_requests_limit"`);
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP CONSTRAINT "FK_floor_requests_section"`);
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP COLUMN "limit_seconds"`);
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP COLUMN "section_id"`);
    }
}
