import { MigrationInterface, QueryRunner } from "typeorm";

// The curable-notice lapse clock on cases: the instant a case waiting for the notifier
// lapses, and a partial index over the waiting cases for the due-clock sweep.
export class LapseDue1765600000000 implements MigrationInterface {
    name = 'LapseDue1765600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "cases" ADD "lapse_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "idx_cases_lapse_due" ON "cases" ("lapse_due_at", "id") WHERE "status" = 'awaiting_info' AND "lapse_due_at" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_cases_lapse_due"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "lapse_due_at"`);
    }
}
