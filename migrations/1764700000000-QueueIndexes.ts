import { MigrationInterface, QueryRunner } from "typeorm";

// The staff queue at a million cases (BENCHMARKS.md): every queue page answers from an
// index in the order it shows, and text search narrows with trigram indexes instead of
// reading every open case with its notice and items.
// - Due-date order is "due_at ascending, undated last, then id": the expression
//   coalesce(due_at, 'infinity') sorts the same way (no case is due at infinity) and lets a
//   cursor be one row comparison. idx_cases_queue serves one status, idx_cases_open_due the
//   default queue (its predicate is OPEN_STATUSES in src/cases/case-workflow.ts).
// - idx_cases_status_received: received-date order (and its cursors) within a status.
// - idx_cases_due: overdue counts and the overdue filter only read cases with a due date.
// - Trigram (pg_trgm) GIN indexes for ILIKE '%text%' on references, the notifier's name and
//   e-mail as filed, notice URLs and article titles. Name and e-mail share one index, as do
//   a URL and its normalised form (the query re-checks each column).
// - case_status_counts: the queue's counts per status, kept by statement triggers on cases
//   instead of counting a million rows on every page. Each connection adds to its own
//   shard row (backend pid % 1024), so concurrent filings never wait for each other there;
//   a read sums the few rows. Not an entity: only CaseRepository.countByStatus reads it.
// TypeORM does not model expression, partial or GIN indexes: the entities declare them with
// `synchronize: false` so that the schema check leaves them alone.

export class QueueIndexes1764700000000 implements MigrationInterface {
    name = 'QueueIndexes1764700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases" ("status", (coalesce("due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "idx_cases_open_due" ON "cases" ((coalesce("due_at", 'infinity'::timestamptz)), "id") WHERE "status" IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval')`);
        await queryRunner.query(`CREATE INDEX "idx_cases_status_received" ON "cases" ("status", "received_at", "id")`);
        await queryRunner.query(`CREATE INDEX "idx_cases_due" ON "cases" ("due_at") WHERE "due_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "idx_cases_reference_trgm" ON "cases" USING gin ("reference" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "idx_notices_notifier_trgm" ON "notices" USING gin ((coalesce("notifier"->>'name', '') || E'\\n' || coalesce("notifier"->>'email', '')) gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "idx_notice_items_url_trgm" ON "notice_items" USING gin (("url" || E'\\n' || "normalized_url") gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "idx_articles_title_trgm" ON "articles" USING gin ("title" gin_trgm_ops)`);

        await queryRunner.query(`CREATE TABLE "case_status_counts" ("status" text NOT NULL, "shard" integer NOT NULL, "cases" bigint NOT NULL, CONSTRAINT "pk_case_status_counts" PRIMARY KEY ("status", "shard"))`);
        // One function for the four triggers, as in PostgreSQL's own transition-table example.
        // Rows in status order, so two transactions never take the same rows in opposite orders.
        await queryRunner.query(`CREATE FUNCTION "count_case_statuses"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    DELETE FROM case_status_counts;
                ELSIF TG_OP = 'INSERT' THEN
                    INSERT INTO case_status_counts AS total (status, shard, cases)
                    SELECT status, pg_backend_pid() % 1024, count(*) FROM new_cases GROUP BY status ORDER BY status
                    ON CONFLICT (status, shard) DO UPDATE SET cases = total.cases + EXCLUDED.cases;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO case_status_counts AS total (status, shard, cases)
                    SELECT status, pg_backend_pid() % 1024, -count(*) FROM old_cases GROUP BY status ORDER BY status
                    ON CONFLICT (status, shard) DO UPDATE SET cases = total.cases + EXCLUDED.cases;
                ELSE
                    INSERT INTO case_status_counts AS total (status, shard, cases)
                    SELECT status, pg_backend_pid() % 1024, sum(delta) FROM (
                        SELECT status, 1 AS delta FROM new_cases UNION ALL SELECT status, -1 FROM old_cases
                    ) changes
                    GROUP BY status HAVING sum(delta) <> 0 ORDER BY status
                    ON CONFLICT (status, shard) DO UPDATE SET cases = total.cases + EXCLUDED.cases;
                END IF;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`LOCK TABLE "cases" IN SHARE ROW EXCLUSIVE MODE`);
        await queryRunner.query(`INSERT INTO "case_status_counts" ("status", "shard", "cases") SELECT "status", 0, count(*) FROM "cases" GROUP BY "status"`);
        await queryRunner.query(`CREATE TRIGGER "cases_count_insert" AFTER INSERT ON "cases" REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION "count_case_statuses"()`);
        await queryRunner.query(`CREATE TRIGGER "cases_count_update" AFTER UPDATE ON "cases" REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION "count_case_statuses"()`);
        await queryRunner.query(`CREATE TRIGGER "cases_count_delete" AFTER DELETE ON "cases" REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION "count_case_statuses"()`);
        await queryRunner.query(`CREATE TRIGGER "cases_count_truncate" AFTER TRUNCATE ON "cases" FOR EACH STATEMENT EXECUTE FUNCTION "count_case_statuses"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const trigger of ["cases_count_truncate", "cases_count_delete", "cases_count_update", "cases_count_insert"]) {
            await queryRunner.query(`DROP TRIGGER "${trigger}" ON "cases"`);
        }
        await queryRunner.query(`DROP FUNCTION "count_case_statuses"()`);
        await queryRunner.query(`DROP TABLE "case_status_counts"`);
        await queryRunner.query(`DROP INDEX "public"."idx_articles_title_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notice_items_url_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notices_notifier_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_reference_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_due"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_status_received"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_open_due"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases" ("status", "due_at") `);
    }

}
