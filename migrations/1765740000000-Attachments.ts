import { MigrationInterface, QueryRunner } from "typeorm";

// Evidence attached to cases (files in the attachment store, rows here) and the media
// (images with caption and credit) of articles.
export class Attachments1765740000000 implements MigrationInterface {
    name = 'Attachments1765740000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "uploaded_by_type" text NOT NULL, "uploaded_by" uuid, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "preview_key" text, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_attachments_case" ON "attachments" ("case_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "articles" ADD "media" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "fk_attachments_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "fk_attachments_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "fk_attachments_uploaded_by"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "fk_attachments_case"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "media"`);
        await queryRunner.query(`DROP INDEX "public"."idx_attachments_case"`);
        await queryRunner.query(`DROP TABLE "attachments"`);
    }
}
