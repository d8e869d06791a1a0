import { MigrationInterface, QueryRunner } from 'typeorm';

/** Administrators disable accounts and reset passwords: a disabled account, or a token from before a reset, is refused. */
export class UserAccounts1796710000000 implements MigrationInterface {
  name = 'UserAccounts1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "tokens_valid_from" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "tokens_valid_from"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "disabled_at"`);
  }
}
