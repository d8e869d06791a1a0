import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795430445898 implements MigrationInterface {
    name = 'Initial1795430445898'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "full_name" character varying(200) NOT NULL, "full_name_search" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "can_convene" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_username" ON "users" ("username") `);
        await queryRunner.query(`CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "name_search" character varying(200) NOT NULL, "level" character varying(16) NOT NULL, "parent_id" uuid, CONSTRAINT "PK_b4a19b7f3756560cd75643be5a7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_org_units_name_search" ON "org_units" ("name_search") `);
        await queryRunner.query(`CREATE INDEX "IDX_org_units_parent" ON "org_units" ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "conferences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "kind" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "host_unit_id" uuid NOT NULL, "planned_start" TIMESTAMP WITH TIME ZONE NOT NULL, "planned_end" TIMESTAMP WITH TIME ZONE NOT NULL, "quorum_numerator" integer NOT NULL DEFAULT '2', "quorum_denominator" integer NOT NULL DEFAULT '3', "version" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d28afb89755d548215ce4e7667b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "sites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "place" character varying(300) NOT NULL DEFAULT '', "org_unit_id" uuid NOT NULL, "parent_site_id" uuid, "is_main" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_4f5eccb1dfde10c9170502595a7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_sites_conference" ON "sites" ("conference_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sites_one_main" ON "sites" ("conference_id") WHERE "is_main"`);
        await queryRunner.query(`CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "site_id" uuid, "voting_right" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_participants_conference" ON "participants" ("conference_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_participants_user" ON "participants" ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_participants_role" ON "participants" ("conference_id", "user_id", "role") `);
        await queryRunner.query(`CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "position" integer NOT NULL, "title" character varying(300) NOT NULL, "kind" character varying(32) NOT NULL, "presenter" character varying(200) NOT NULL DEFAULT '', "planned_minutes" integer NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'pending', "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_agenda_items_conference" ON "agenda_items" ("conference_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_agenda_items_one_active" ON "agenda_items" ("conference_id") WHERE "state" = 'active'`);
        await queryRunner.query(`CREATE TABLE "attendance_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "site_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "reason" character varying(500), "checked_in_at" TIMESTAMP WITH TIME ZONE, "checked_out_at" TIMESTAMP WITH TIME ZONE, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_946920332f5bc9efad3f3023b96" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_attendance_participant" ON "attendance_records" ("conference_id", "participant_id") `);
        await queryRunner.query(`CREATE TABLE "floor_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "site_id" uuid NOT NULL, "participant_id" uuid, "note" character varying(500), "status" character varying(16) NOT NULL DEFAULT 'queued', "position" integer NOT NULL, "requested_by" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "spoken_seconds" integer, CONSTRAINT "PK_bba2a3792916f081ca1bf603f4e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_floor_requests_conference_status" ON "floor_requests" ("conference_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_floor_requests_one_speaker" ON "floor_requests" ("conference_id") WHERE "status" = 'speaking'`);
        await queryRunner.query(`CREATE TABLE "conference_events" ("conference_id" uuid NOT NULL, "version" integer NOT NULL, "type" character varying(32) NOT NULL, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2594bbcc042d071ae6423063804" PRIMARY KEY ("conference_id", "version"))`);
        await queryRunner.query(`CREATE TABLE "audit_entries" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "conference_id" uuid, "actor_user_id" uuid NOT NULL, "action" character varying(64) NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_audit_entries_conference" ON "audit_entries" ("conference_id", "at") `);
        await queryRunner.query(`ALTER TABLE "org_units" ADD CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conferences" ADD CONSTRAINT "FK_b5c63239f912e5d90b82f3b1f8e" FOREIGN KEY ("host_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conferences" ADD CONSTRAINT "FK_c421549a4f3bed859908cae994e" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sites" ADD CONSTRAINT "FK_7c43971b8590f9e0940e1b9906f" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sites" ADD CONSTRAINT "FK_9f590ab35cbf987bc3b57fa4ca8" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sites" ADD CONSTRAINT "FK_135843128b21e038cd9fb1d1f27" FOREIGN KEY ("parent_site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "participants" ADD CONSTRAINT "FK_dce36d9217702bd116aa96cf064" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "participants" ADD CONSTRAINT "FK_1427a77e06023c250ed3794a1ba" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "participants" ADD CONSTRAINT "FK_ef00f9fa7a2fef4c44a0a2df04b" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_74879979771114c62492f00d0bc" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attendance_records" ADD CONSTRAINT "FK_640c41e25c6083682d95e378d31" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attendance_records" ADD CONSTRAINT "FK_72df1e89964d5e0d3f21f68f6f9" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attendance_records" ADD CONSTRAINT "FK_ede814a9504f0f3a0c052bbd687" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD CONSTRAINT "FK_49f5dba71b820d4741da5baa5d8" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD CONSTRAINT "FK_e846830d50f16fa102808006d6a" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "floor_requests" ADD CONSTRAINT "FK_0b6e941b0ad45b86a051765a2d1" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conference_events" ADD CONSTRAINT "FK_08f60747e77f306b7d0244629df" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_e51bb699c4ac08fb09477149bf2" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_eeff0593464209220a1d6929397" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "FK_eeff0593464209220a1d6929397"`);
        await queryRunner.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "FK_e51bb699c4ac08fb09477149bf2"`);
        await queryRunner.query(`ALTER TABLE "conference_events" DROP CONSTRAINT "FK_08f60747e77f306b7d0244629df"`);
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP CONSTRAINT "FK_0b6e941b0ad45b86a051765a2d1"`);
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP CONSTRAINT "FK_e846830d50f16fa102808006d6a"`);
        await queryRunner.query(`ALTER TABLE "floor_requests" DROP CONSTRAINT "FK_49f5dba71b820d4741da5baa5d8"`);
        await queryRunner.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "FK_ede814a9504f0f3a0c052bbd687"`);
        await queryRunner.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "FK_72df1e89964d5e0d3f21f68f6f9"`);
        await queryRunner.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "FK_640c41e25c6083682d95e378d31"`);
        await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_74879979771114c62492f00d0bc"`);
        await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "FK_ef00f9fa7a2fef4c44a0a2df04b"`);
        await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "FK_1427a77e06023c250ed3794a1ba"`);
        await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "FK_dce36d9217702bd116aa96cf064"`);
        await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "FK_135843128b21e038cd9fb1d1f27"`);
        await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "FK_9f590ab35cbf987bc3b57fa4ca8"`);
        await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "FK_7c43971b8590f9e0940e1b9906f"`);
        await queryRunner.query(`ALTER TABLE "conferences" DROP CONSTRAINT "FK_c421549a4f3bed859908cae994e"`);
        await queryRunner.query(`ALTER TABLE "conferences" DROP CONSTRAINT "FK_b5c63239f912e5d90b82f3b1f8e"`);
        await queryRunner.query(`ALTER TABLE "org_units" DROP CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_entries_conference"`);
        await queryRunner.query(`DROP TABLE "audit_entries"`);
        await queryRunner.query(`DROP TABLE "conference_events"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_floor_requests_one_speaker"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_floor_requests_conference_status"`);
        await queryRunner.query(`DROP TABLE "floor_requests"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_attendance_participant"`);
        await queryRunner.query(`DROP TABLE "attendance_records"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_agenda_items_one_active"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_agenda_items_conference"`);
        await queryRunner.query(`DROP TABLE "agenda_items"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_participants_role"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_participants_user"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_participants_conference"`);
        await queryRunner.query(`DROP TABLE "participants"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_sites_one_main"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_sites_conference"`);
        await queryRunner.query(`DROP TABLE "sites"`);
        await queryRunner.query(`DROP TABLE "conferences"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_org_units_parent"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_org_units_name_search"`);
        await queryRunner.query(`DROP TABLE "org_units"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_users_username"`);
        await queryRunner.query(`DROP TABLE "users"`);
    }

}
