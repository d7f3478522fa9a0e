import { MigrationInterface, QueryRunner } from "typeorm";

// The notice as it stood before each correction by the notifier (revision 1: as filed).
export class NoticeRevisions1765750000000 implements MigrationInterface {
    name = 'NoticeRevisions1765750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notice_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_id" uuid NOT NULL, "revision" integer NOT NULL, "snapshot" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notice_revisions" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notice_revisions_number" ON "notice_revisions" ("notice_id", "revision") `);
        await queryRunner.query(`ALTER TABLE "notice_revisions" ADD CONSTRAINT "fk_notice_revisions_notice" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notice_revisions" DROP CONSTRAINT "fk_notice_revisions_notice"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notice_revisions_number"`);
        await queryRunner.query(`DROP TABLE "notice_revisions"`);
    }
}
