import { MigrationInterface, QueryRunner } from "typeorm";

/** The private channel between the main hall's technical desk and each site: messages per site thread, read markers. */
export class DeskMessages1797010000000 implements MigrationInterface {
    name = 'DeskMessages1797010000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "desk_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "site_id" uuid NOT NULL, "author_id" uuid NOT NULL, "from_desk" boolean NOT NULL, "text" character varying(1000) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_desk_messages" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_desk_messages_thread" ON "desk_messages" ("conference_id", "site_id", "sent_at") `);
        await queryRunner.query(`CREATE TABLE "desk_reads" ("site_id" uuid NOT NULL, "user_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_desk_reads" PRIMARY KEY ("site_id", "user_id"))`);
        await queryRunner.query(`ALTER TABLE "desk_messages" ADD CONSTRAINT "FK_desk_messages_conference" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "desk_messages" ADD CONSTRAINT "FK_desk_messages_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "desk_messages" ADD CONSTRAINT "FK_desk_messages_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "desk_reads" ADD CONSTRAINT "FK_desk_reads_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "desk_reads" ADD CONSTRAINT "FK_desk_reads_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "desk_reads" DROP CONSTRAINT "FK_desk_reads_user"`);
        await queryRunner.query(`ALTER TABLE "desk_reads" DROP CONSTRAINT "FK_desk_reads_site"`);
        await queryRunner.query(`ALTER TABLE "desk_messages" DROP CONSTRAINT "FK_desk_messages_author"`);
        await queryRunner.query(`ALTER TABLE "desk_messages" DROP CONSTRAINT "FK_desk_messages_site"`);
        await queryRunner.query(`ALTER TABLE "desk_messages" DROP CONSTRAINT "FK_desk_messages_conference"`);
        await queryRunner.query(`DROP TABLE "desk_reads"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_desk_messages_thread"`);
        await queryRunner.query(`DROP TABLE "desk_messages"`);
    }
}
