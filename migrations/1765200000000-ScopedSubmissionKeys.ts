import { MigrationInterface, QueryRunner } from "typeorm";

// Idempotency keys belong to their caller (a staff member's token, or an anonymous filer's
// body and e-mail): the same key from another caller is another filing, never a replay of
// theirs. Keys kept before this have no known caller: they get the scope `legacy`, which
// no request carries, so a retry of one files anew instead of replaying.

export class ScopedSubmissionKeys1765200000000 implements MigrationInterface {
    name = 'ScopedSubmissionKeys1765200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "submission_keys" ADD "scope" text NOT NULL DEFAULT 'legacy'`);
        await queryRunner.query(`ALTER TABLE "submission_keys" ALTER COLUMN "scope" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "submission_keys" DROP CONSTRAINT "PK_ef57a888f93db082a1bb6b389da"`);
        await queryRunner.query(`ALTER TABLE "submission_keys" ADD CONSTRAINT "PK_f851dbb2812aaed2e85c1069783" PRIMARY KEY ("key_hash", "scope")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "submission_keys" DROP CONSTRAINT "PK_f851dbb2812aaed2e85c1069783"`);
        // One row per key again: the oldest use of each key wins.
        await queryRunner.query(`DELETE FROM "submission_keys" a USING "submission_keys" b WHERE a."key_hash" = b."key_hash" AND (a."created_at", a."scope") > (b."created_at", b."scope")`);
        await queryRunner.query(`ALTER TABLE "submission_keys" DROP COLUMN "scope"`);
        await queryRunner.query(`ALTER TABLE "submission_keys" ADD CONSTRAINT "PK_ef57a888f93db082a1bb6b389da" PRIMARY KEY ("key_hash")`);
    }

}
