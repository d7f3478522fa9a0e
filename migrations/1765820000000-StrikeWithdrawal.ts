import { MigrationInterface, QueryRunner } from "typeorm";

// A strike is withdrawn, not deleted, when the removal it counted is undone (reversed on
// appeal, a reversing decision, the content restored after a counter-notice); an account
// review keeps how many of the strikes it counted were withdrawn since.
export class StrikeWithdrawal1765820000000 implements MigrationInterface {
    name = 'StrikeWithdrawal1765820000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "contributor_strikes" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "contributor_strikes" ADD "withdrawn_reason" text`);
        await queryRunner.query(`ALTER TABLE "contributor_account_reviews" ADD "withdrawn_strikes" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`CREATE INDEX "idx_contributor_strikes_case" ON "contributor_strikes" ("case_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_contributor_strikes_case"`);
        await queryRunner.query(`ALTER TABLE "contributor_account_reviews" DROP COLUMN "withdrawn_strikes"`);
        await queryRunner.query(`ALTER TABLE "contributor_strikes" DROP COLUMN "withdrawn_reason"`);
        await queryRunner.query(`ALTER TABLE "contributor_strikes" DROP COLUMN "withdrawn_at"`);
    }
}
