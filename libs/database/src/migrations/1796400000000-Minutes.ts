import { MigrationInterface, QueryRunner } from "typeorm";

export class Minutes1796400000000 implements MigrationInterface {
    name = 'Minutes1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "minutes_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "document_number" character varying(40), "corrects" integer, "correction_reason" character varying(1000), "return_reason" character varying(1000), "submitted_at" TIMESTAMP WITH TIME ZONE, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "content" jsonb, "sha256" character(64), "facts_version" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7a9a3e73923ffaddc370c83b869" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_minutes_versions_one_open" ON "minutes_versions" ("conference_id") WHERE "status" <> 'published'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_minutes_versions_number" ON "minutes_versions" ("conference_id", "version") `);
        await queryRunner.query(`CREATE TABLE "minutes_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "summary" text NOT NULL DEFAULT '', "speakers" jsonb NOT NULL DEFAULT '[]', "conclusion" text NOT NULL DEFAULT '', "tasks" jsonb NOT NULL DEFAULT '[]', "revision" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE, "updated_by" uuid, CONSTRAINT "PK_d523920d587eaf5e0fe143b59ff" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_minutes_items_item" ON "minutes_items" ("version_id", "agenda_item_id") `);
        await queryRunner.query(`ALTER TABLE "minutes_versions" ADD CONSTRAINT "FK_7d585910865ae1d8c81309524ea" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "minutes_items" ADD CONSTRAINT "FK_8ddb0209c2013eb36993f38caac" FOREIGN KEY ("version_id") REFERENCES "minutes_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "minutes_items" ADD CONSTRAINT "FK_14e789bb330f9707e3c22bfa449" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Published minutes are final, whoever connects (the service or the schema's owner): a
        // correction is a new version. Enforced here so that no code path can forget it.
        await queryRunner.query(`CREATE FUNCTION minutes_published_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
          DECLARE published boolean;
          BEGIN
            IF TG_TABLE_NAME = 'minutes_versions' THEN
              published := OLD.status = 'published';
            ELSE
              SELECT v.status = 'published' INTO published FROM minutes_versions v
               WHERE v.id = CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
            END IF;
            IF published THEN
              RAISE EXCEPTION 'published minutes cannot be changed; publish a correction' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
          END $$`);
        await queryRunner.query(`CREATE TRIGGER minutes_versions_final BEFORE UPDATE OR DELETE ON minutes_versions FOR EACH ROW EXECUTE FUNCTION minutes_published_is_final()`);
        await queryRunner.query(`CREATE TRIGGER minutes_items_final BEFORE INSERT OR UPDATE OR DELETE ON minutes_items FOR EACH ROW EXECUTE FUNCTION minutes_published_is_final()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER minutes_items_final ON minutes_items`);
        await queryRunner.query(`DROP TRIGGER minutes_versions_final ON minutes_versions`);
        await queryRunner.query(`DROP FUNCTION minutes_published_is_final()`);
        await queryRunner.query(`ALTER TABLE "minutes_items" DROP CONSTRAINT "FK_14e789bb330f9707e3c22bfa449"`);
        await queryRunner.query(`ALTER TABLE "minutes_items" DROP CONSTRAINT "FK_8ddb0209c2013eb36993f38caac"`);
        await queryRunner.query(`ALTER TABLE "minutes_versions" DROP CONSTRAINT "FK_7d585910865ae1d8c81309524ea"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_minutes_items_item"`);
        await queryRunner.query(`DROP TABLE "minutes_items"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_minutes_versions_number"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_minutes_versions_one_open"`);
        await queryRunner.query(`DROP TABLE "minutes_versions"`);
    }

}
