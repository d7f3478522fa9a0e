import { MigrationInterface, QueryRunner } from "typeorm";

// After a decision: the author's private response links (hashes only), counter-notices,
// court actions, appeals, and the restoration window on cases.
export class Aftercare1765510000000 implements MigrationInterface {
    name = 'Aftercare1765510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "appellant" text NOT NULL, "decision_id" uuid NOT NULL, "grounds" text NOT NULL, "status_before" text NOT NULL, "outcome" text, "answer" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ebd2050a02aa78081b5346152bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_appeals_case" ON "appeals"  ("case_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "respond_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "article_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a815e006791a1c6182b147e2761" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_respond_links_token_hash" ON "respond_links"  ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "idx_respond_links_case" ON "respond_links"  ("case_id") `);
        await queryRunner.query(`CREATE TABLE "counter_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "respond_link_id" uuid NOT NULL, "filing" jsonb NOT NULL, "completeness" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2fe31d52f4c6767ee7c452b24b9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_counter_notices_case" ON "counter_notices"  ("case_id", "received_at") `);
        await queryRunner.query(`CREATE TABLE "court_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "court" text NOT NULL, "case_number" text NOT NULL, "filed_on" date NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ea8b25c39d0ff3191c4d92ab9c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_court_actions_case" ON "court_actions"  ("case_id") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD "restore_earliest_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "cases" ADD "restore_latest_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "idx_cases_restore_due" ON "cases"  ("restore_earliest_at") `);
        await queryRunner.query(`ALTER TABLE "appeals" ADD CONSTRAINT "fk_appeals_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "appeals" ADD CONSTRAINT "fk_appeals_decision" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "appeals" ADD CONSTRAINT "fk_appeals_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "respond_links" ADD CONSTRAINT "fk_respond_links_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "respond_links" ADD CONSTRAINT "fk_respond_links_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "counter_notices" ADD CONSTRAINT "fk_counter_notices_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "counter_notices" ADD CONSTRAINT "fk_counter_notices_respond_link" FOREIGN KEY ("respond_link_id") REFERENCES "respond_links"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "court_actions" ADD CONSTRAINT "fk_court_actions_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "court_actions" DROP CONSTRAINT "fk_court_actions_case"`);
        await queryRunner.query(`ALTER TABLE "counter_notices" DROP CONSTRAINT "fk_counter_notices_respond_link"`);
        await queryRunner.query(`ALTER TABLE "counter_notices" DROP CONSTRAINT "fk_counter_notices_case"`);
        await queryRunner.query(`ALTER TABLE "respond_links" DROP CONSTRAINT "fk_respond_links_article"`);
        await queryRunner.query(`ALTER TABLE "respond_links" DROP CONSTRAINT "fk_respond_links_case"`);
        await queryRunner.query(`ALTER TABLE "appeals" DROP CONSTRAINT "fk_appeals_decided_by"`);
        await queryRunner.query(`ALTER TABLE "appeals" DROP CONSTRAINT "fk_appeals_decision"`);
        await queryRunner.query(`ALTER TABLE "appeals" DROP CONSTRAINT "fk_appeals_case"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_restore_due"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "restore_latest_at"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "restore_earliest_at"`);
        await queryRunner.query(`DROP INDEX "public"."idx_court_actions_case"`);
        await queryRunner.query(`DROP TABLE "court_actions"`);
        await queryRunner.query(`DROP INDEX "public"."idx_counter_notices_case"`);
        await queryRunner.query(`DROP TABLE "counter_notices"`);
        await queryRunner.query(`DROP INDEX "public"."idx_respond_links_case"`);
        await queryRunner.query(`DROP INDEX "public"."uq_respond_links_token_hash"`);
        await queryRunner.query(`DROP TABLE "respond_links"`);
        await queryRunner.query(`DROP INDEX "public"."idx_appeals_case"`);
        await queryRunner.query(`DROP TABLE "appeals"`);
    }

}
