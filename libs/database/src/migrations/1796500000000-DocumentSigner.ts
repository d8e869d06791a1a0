import { MigrationInterface, QueryRunner } from "typeorm";

export class DocumentSigner1796500000000 implements MigrationInterface {
    name = 'DocumentSigner1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "documents" ADD "signed_by" character varying(255)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "signed_by"`);
    }

}
