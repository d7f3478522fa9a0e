import { MigrationInterface, QueryRunner } from "typeorm";

// The editors' desk: assignment and the paused review clock on cases, internal notes,
// questions to the notifier, and decisions with their items and approvals, which are
// immutable like the event log (a later decision supersedes, never edits).

export class Desk1764500000000 implements MigrationInterface {
    name = 'Desk1764500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_474011f166285b8da9a653af5c5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_case_notes_case" ON "case_notes"  ("case_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "decision_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "notice_item_id" uuid NOT NULL, "action" text NOT NULL, "territories" jsonb NOT NULL DEFAULT '[]', "until" date, "passage" text, CONSTRAINT "PK_c6a6c92b898b721168f8d687188" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_decision_items_decision" ON "decision_items"  ("decision_id") `);
        await queryRunner.query(`CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "decided_by" uuid NOT NULL, "ground" text NOT NULL, "reasons" text NOT NULL, "public_note" text, "outcome" text NOT NULL, "requires_approval" boolean NOT NULL DEFAULT false, "supersedes_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_decisions_case" ON "decisions"  ("case_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "decision_approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "approver_id" uuid NOT NULL, "outcome" text NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7af97a68cc99c9dcd793221f051" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_decision_approvals_decision" ON "decision_approvals"  ("decision_id") `);
        await queryRunner.query(`CREATE TABLE "info_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "message" text NOT NULL, "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_afa26d9c9c1bb77d4ed3e862725" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_info_requests_case" ON "info_requests"  ("case_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD "assignee_id" uuid`);
        await queryRunner.query(`ALTER TABLE "cases" ADD "sla_remaining_seconds" integer`);
        await queryRunner.query(`ALTER TABLE "cases" ADD "notifier_replied_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "idx_cases_assignee" ON "cases"  ("assignee_id") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD CONSTRAINT "fk_decision_items_decision" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD CONSTRAINT "fk_decision_items_notice_item" FOREIGN KEY ("notice_item_id") REFERENCES "notice_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "fk_decisions_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "fk_decisions_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_approvals" ADD CONSTRAINT "fk_decision_approvals_decision" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_approvals" ADD CONSTRAINT "fk_decision_approvals_approver" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "info_requests" ADD CONSTRAINT "fk_info_requests_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "info_requests" ADD CONSTRAINT "fk_info_requests_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'rows of % are immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        for (const table of ["decisions", "decision_items", "decision_approvals"]) {
            await queryRunner.query(`CREATE TRIGGER "${table}_immutable" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
            await queryRunner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ["decisions", "decision_items", "decision_approvals"]) {
            await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER "${table}_immutable" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION "refuse_change"()`);
        await queryRunner.query(`ALTER TABLE "info_requests" DROP CONSTRAINT "fk_info_requests_requested_by"`);
        await queryRunner.query(`ALTER TABLE "info_requests" DROP CONSTRAINT "fk_info_requests_case"`);
        await queryRunner.query(`ALTER TABLE "decision_approvals" DROP CONSTRAINT "fk_decision_approvals_approver"`);
        await queryRunner.query(`ALTER TABLE "decision_approvals" DROP CONSTRAINT "fk_decision_approvals_decision"`);
        await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "fk_decisions_decided_by"`);
        await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "fk_decisions_case"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP CONSTRAINT "fk_decision_items_notice_item"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP CONSTRAINT "fk_decision_items_decision"`);
        await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "fk_case_notes_author"`);
        await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "fk_case_notes_case"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_assignee"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_assignee"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "notifier_replied_at"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "sla_remaining_seconds"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "assignee_id"`);
        await queryRunner.query(`DROP INDEX "public"."idx_info_requests_case"`);
        await queryRunner.query(`DROP TABLE "info_requests"`);
        await queryRunner.query(`DROP INDEX "public"."uq_decision_approvals_decision"`);
        await queryRunner.query(`DROP TABLE "decision_approvals"`);
        await queryRunner.query(`DROP INDEX "public"."idx_decisions_case"`);
        await queryRunner.query(`DROP TABLE "decisions"`);
        await queryRunner.query(`DROP INDEX "public"."idx_decision_items_decision"`);
        await queryRunner.query(`DROP TABLE "decision_items"`);
        await queryRunner.query(`DROP INDEX "public"."idx_case_notes_case"`);
        await queryRunner.query(`DROP TABLE "case_notes"`);
    }

}
