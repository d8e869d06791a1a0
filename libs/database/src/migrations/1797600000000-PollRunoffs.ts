import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A re-vote that resolves a tie at the last seat of an election names the election it resolves. One per
 * tie (the unique index; a tie in the re-vote is resolved by a re-vote of its own). The link is on the
 * re-vote because the tied election is published and can no longer change.
 */
export class PollRunoffs1797600000000 implements MigrationInterface {
  name = 'PollRunoffs1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "polls" ADD "runoff_of" uuid`);
    await queryRunner.query(`ALTER TABLE "polls" ADD CONSTRAINT "FK_polls_runoff_of" FOREIGN KEY ("runoff_of") REFERENCES "polls"("id") ON DELETE CASCADE`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_polls_runoff_of" ON "polls" ("runoff_of")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_polls_runoff_of"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP CONSTRAINT "FK_polls_runoff_of"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP COLUMN "runoff_of"`);
  }
}
