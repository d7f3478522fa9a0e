import { MigrationInterface, QueryRunner } from "typeorm";

// Every running clock of a case, and the nearest one kept on the case for the queue.
// - GDPR answer (privacy notices: one month from receipt, once extendable to three) and the
//   UK defamation clocks (contact the author within 48 working hours; after contact, the
//   author's 5 days) as columns like the other clocks: a clock runs while its column is set.
// - next_due_at / next_due_kind: the earliest of the running clocks (review SLA, curable lapse,
//   counter-notice restoration, GDPR, defamation, unlifted restriction ends) and which it is.
//   A row trigger keeps them in the same statement as any change to the case, and a
//   restriction end written or lifted touches its case, so no write path can forget them.
//   The review order idx_cases_queue / idx_cases_open_due now follows next_due_at (same
//   shape as before: coalesce(.., 'infinity'), id); idx_cases_next_due replaces idx_cases_due
//   for overdue counts and filters.
export class CaseClocks1765700000000 implements MigrationInterface {
    name = 'CaseClocks1765700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const column of ["gdpr_due_at", "gdpr_extended_at", "defamation_contact_due_at", "author_contacted_at", "defamation_answer_due_at", "next_due_at"]) {
            await queryRunner.query(`ALTER TABLE "cases" ADD "${column}" TIMESTAMP WITH TIME ZONE`);
        }
        await queryRunner.query(`ALTER TABLE "cases" ADD "next_due_kind" text`);
        await queryRunner.query(`CREATE INDEX "idx_restriction_ends_case" ON "restriction_ends" ("case_id") WHERE "lifted_at" IS NULL`);

        await queryRunner.query(`CREATE FUNCTION "case_next_due"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                restriction timestamptz;
            BEGIN
                -- A new case has no restriction yet: the insert path stays a few expressions.
                IF TG_OP = 'UPDATE' THEN
                    SELECT min(r.due_at) INTO restriction FROM restriction_ends r WHERE r.case_id = NEW.id AND r.lifted_at IS NULL;
                END IF;
                NEW.next_due_at := least(NEW.due_at, NEW.lapse_due_at, NEW.restore_earliest_at, NEW.gdpr_due_at,
                                         NEW.defamation_contact_due_at, NEW.defamation_answer_due_at, restriction);
                NEW.next_due_kind := CASE NEW.next_due_at
                    WHEN NEW.due_at THEN 'review_sla'
                    WHEN NEW.lapse_due_at THEN 'curable_lapse'
                    WHEN NEW.restore_earliest_at THEN 'counter_notice_restore'
                    WHEN NEW.defamation_contact_due_at THEN 'defamation_contact'
                    WHEN NEW.defamation_answer_due_at THEN 'defamation_author_answer'
                    WHEN NEW.gdpr_due_at THEN 'gdpr_answer'
                    WHEN restriction THEN 'restriction_end'
                END;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE FUNCTION "restriction_end_touches_case"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE cases SET next_due_at = next_due_at WHERE id = NEW.case_id;
                RETURN NULL;
            END $$`);

        // Backfill before the trigger exists: one pass over the cases with a clock.
        await queryRunner.query(`LOCK TABLE "cases" IN SHARE ROW EXCLUSIVE MODE`);
        await queryRunner.query(`UPDATE "cases" c SET "next_due_at" = d.at, "next_due_kind" = d.kind
            FROM (SELECT c2.id, v.at, v.kind
                  FROM "cases" c2
                  CROSS JOIN LATERAL (SELECT at, kind FROM (VALUES
                      (c2.due_at, 'review_sla'), (c2.lapse_due_at, 'curable_lapse'), (c2.restore_earliest_at, 'counter_notice_restore'),
                      ((SELECT min(r.due_at) FROM restriction_ends r WHERE r.case_id = c2.id AND r.lifted_at IS NULL), 'restriction_end')) clocks(at, kind)
                      WHERE at IS NOT NULL ORDER BY at LIMIT 1) v) d
            WHERE d.id = c.id`);
        await queryRunner.query(`CREATE TRIGGER "cases_next_due" BEFORE INSERT OR UPDATE ON "cases" FOR EACH ROW EXECUTE FUNCTION "case_next_due"()`);
        await queryRunner.query(`CREATE TRIGGER "restriction_ends_next_due" AFTER INSERT OR UPDATE OF "due_at", "lifted_at" ON "restriction_ends" FOR EACH ROW EXECUTE FUNCTION "restriction_end_touches_case"()`);

        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_open_due"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_due"`);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases" ("status", (coalesce("next_due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "idx_cases_open_due" ON "cases" ((coalesce("next_due_at", 'infinity'::timestamptz)), "id") WHERE "status" IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval')`);
        await queryRunner.query(`CREATE INDEX "idx_cases_next_due" ON "cases" ("next_due_at") WHERE "next_due_at" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_cases_next_due"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_open_due"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases" ("status", (coalesce("due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "idx_cases_open_due" ON "cases" ((coalesce("due_at", 'infinity'::timestamptz)), "id") WHERE "status" IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval')`);
        await queryRunner.query(`CREATE INDEX "idx_cases_due" ON "cases" ("due_at") WHERE "due_at" IS NOT NULL`);
        await queryRunner.query(`DROP TRIGGER "restriction_ends_next_due" ON "restriction_ends"`);
        await queryRunner.query(`DROP TRIGGER "cases_next_due" ON "cases"`);
        await queryRunner.query(`DROP FUNCTION "restriction_end_touches_case"()`);
        await queryRunner.query(`DROP FUNCTION "case_next_due"()`);
        await queryRunner.query(`DROP INDEX "public"."idx_restriction_ends_case"`);
        for (const column of ["next_due_kind", "next_due_at", "defamation_answer_due_at", "author_contacted_at", "defamation_contact_due_at", "gdpr_extended_at", "gdpr_due_at"]) {
            await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "${column}"`);
        }
    }
}
