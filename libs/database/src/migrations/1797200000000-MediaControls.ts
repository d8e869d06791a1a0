import { MigrationInterface, QueryRunner } from "typeorm";

/** The chair's media controls per conference: whether the floor holder may share a screen, which sites are muted. */
export class MediaControls1797200000000 implements MigrationInterface {
    name = 'MediaControls1797200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "media_controls" ("conference_id" uuid NOT NULL, "floor_share_allowed" boolean NOT NULL DEFAULT false, "muted_site_ids" uuid array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_media_controls" PRIMARY KEY ("conference_id"))`);
        await queryRunner.query(`ALTER TABLE "media_controls" ADD CONSTRAINT "FK_media_controls_conference" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "media_controls" DROP CONSTRAINT "FK_media_controls_conference"`);
        await queryRunner.query(`DROP TABLE "media_controls"`);
    }
}
