import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditPlatformActor1795432662354 implements MigrationInterface {
    name = 'AuditPlatformActor1795432662354'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "FK_eeff0593464209220a1d6929397"`);
        await queryRunner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "actor_user_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_eeff0593464209220a1d6929397" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "FK_eeff0593464209220a1d6929397"`);
        await queryRunner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "actor_user_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_eeff0593464209220a1d6929397" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

}
