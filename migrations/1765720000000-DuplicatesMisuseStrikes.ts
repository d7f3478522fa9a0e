import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 11, duplicates, misuse and repeat infringers: the probable-duplicate key and link on
// cases (partial indexes: only filings with an e-mail, only linked cases), the suspension end
// on notifiers (read by intake with the sender), misuse marks and suspensions, contributor
// strikes and legal's account reviews.
export class DuplicatesMisuseStrikes1765720000000 implements MigrationInterface {
    name = 'DuplicatesMisuseStrikes1765720000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "cases" ADD "duplicate_key" bytea`);
        await queryRunner.query(`ALTER TABLE "cases" ADD "probable_duplicate_of" uuid`);
        await queryRunner.query(`ALTER TABLE "cases" ADD "duplicate_link" text`);
        await queryRunner.query(`CREATE INDEX "idx_cases_duplicate_key" ON "cases" ("duplicate_key", "received_at") WHERE "duplicate_key" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "idx_cases_probable_duplicate_of" ON "cases" ("probable_duplicate_of") WHERE "probable_duplicate_of" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "notifiers" ADD "suspended_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE TABLE "misuse_marks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "notifier_email" text NOT NULL, "organization" text, "reason" text NOT NULL, "marked_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_misuse_marks" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_misuse_marks_case" ON "misuse_marks"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "idx_misuse_marks_email" ON "misuse_marks"  ("notifier_email", "created_at") `);
        await queryRunner.query(`CREATE TABLE "misuse_suspensions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notifier_email" text NOT NULL, "organization" text, "state" text NOT NULL, "case_id" uuid NOT NULL, "mark_count" integer NOT NULL, "days" integer NOT NULL, "reasons" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE, "appeal_token_hash" bytea, "appeal_grounds" text, "appealed_at" TIMESTAMP WITH TIME ZONE, "appeal_outcome" text, "appeal_answer" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_misuse_suspensions" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_misuse_suspensions_appeal_token" ON "misuse_suspensions"  ("appeal_token_hash") `);
        await queryRunner.query(`CREATE INDEX "idx_misuse_suspensions_email" ON "misuse_suspensions"  ("notifier_email", "created_at") `);
        await queryRunner.query(`CREATE TABLE "contributor_account_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_email" text NOT NULL, "active_strikes" integer NOT NULL, "outcome" text, "reasons" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_contributor_account_reviews" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_contributor_account_reviews_author" ON "contributor_account_reviews"  ("author_email", "created_at") `);
        await queryRunner.query(`CREATE TABLE "contributor_strikes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_email" text NOT NULL, "article_id" uuid NOT NULL, "case_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_contributor_strikes" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_contributor_strikes_decision_article" ON "contributor_strikes"  ("decision_id", "article_id") `);
        await queryRunner.query(`CREATE INDEX "idx_contributor_strikes_author" ON "contributor_strikes"  ("author_email", "expires_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "contributor_strikes"`);
        await queryRunner.query(`DROP TABLE "contributor_account_reviews"`);
        await queryRunner.query(`DROP TABLE "misuse_suspensions"`);
        await queryRunner.query(`DROP TABLE "misuse_marks"`);
        await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "suspended_until"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_probable_duplicate_of"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_duplicate_key"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "duplicate_link"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "probable_duplicate_of"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "duplicate_key"`);
    }
}
