import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail keeps no foreign key to its conference: deleting a conference no longer erases it. */
export class AuditTrailOutlivesConference1796060000000 implements MigrationInterface {
  name = 'AuditTrailOutlivesConference1796060000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "FK_e51bb699c4ac08fb09477149bf2"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_e51bb699c4ac08fb09477149bf2" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
