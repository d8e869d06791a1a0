import { MigrationInterface, QueryRunner } from "typeorm";

export class StatusReasons1796810000000 implements MigrationInterface {
    name = 'StatusReasons1796810000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "agenda_items" ADD "state_reason" character varying(500)`);
        await queryRunner.query(`ALTER TABLE "conferences" ADD "status_reason" character varying(500)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "conferences" DROP COLUMN "status_reason"`);
        await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "state_reason"`);
    }
}
