import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the current term (nhiệm kỳ) of a body began: a Party committee's documents are numbered from 01
 * per type within a term (Hướng dẫn 36-HD/VPTW), so its minutes' numbers restart then. Null for a body
 * without a term recorded: its numbers run per calendar year, as a state body's do.
 */
export class OrgUnitTerms1797700000200 implements MigrationInterface {
  name = 'OrgUnitTerms1797700000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_units" ADD "term_started_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_units" DROP COLUMN "term_started_at"`);
  }
}
