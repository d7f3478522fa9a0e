import { MigrationInterface, QueryRunner } from "typeorm";

// Sender organisations change after registration (issue 11): a version for optimistic
// locking, `inactive` becomes `suspended` (with an optional end) beside `closed`, and the end
// of a misuse suspension (DSA Art. 23) of the whole organisation, which intake reads with
// the key. Misuse marks and suspensions name the organisation whose key filed the notice.
export class SenderChanges1765810000000 implements MigrationInterface {
    name = 'SenderChanges1765810000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sender_organisations" ADD "suspended_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "sender_organisations" ADD "misuse_suspended_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "sender_organisations" ADD "version" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`UPDATE "sender_organisations" SET "status" = 'suspended' WHERE "status" = 'inactive'`);
        await queryRunner.query(`ALTER TABLE "misuse_marks" ADD "sender_organisation_id" uuid`);
        await queryRunner.query(`ALTER TABLE "misuse_suspensions" ADD "sender_organisation_id" uuid`);
        await queryRunner.query(`CREATE INDEX "idx_misuse_marks_organisation" ON "misuse_marks" ("sender_organisation_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "idx_misuse_suspensions_organisation" ON "misuse_suspensions" ("sender_organisation_id", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_misuse_suspensions_organisation"`);
        await queryRunner.query(`DROP INDEX "public"."idx_misuse_marks_organisation"`);
        await queryRunner.query(`ALTER TABLE "misuse_suspensions" DROP COLUMN "sender_organisation_id"`);
        await queryRunner.query(`ALTER TABLE "misuse_marks" DROP COLUMN "sender_organisation_id"`);
        await queryRunner.query(`UPDATE "sender_organisations" SET "status" = 'inactive' WHERE "status" <> 'active'`);
        await queryRunner.query(`ALTER TABLE "sender_organisations" DROP COLUMN "version"`);
        await queryRunner.query(`ALTER TABLE "sender_organisations" DROP COLUMN "misuse_suspended_until"`);
        await queryRunner.query(`ALTER TABLE "sender_organisations" DROP COLUMN "suspended_until"`);
    }
}
