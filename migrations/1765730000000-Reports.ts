import { MigrationInterface, QueryRunner } from "typeorm";

// Public accountability (src/reports, src/exports):
// - notices.incomplete_at_filing: whether the notice lacked required elements when filed. A
//   supplement later rewrites `completeness`, so the transparency report cannot read it
//   from there; a BEFORE INSERT trigger stamps it from the completeness as filed (intake's
//   SQL stays as it is). Existing notices take it from their `notice.filed` event.
// - idx_notices_received_brin: the report's period scan over notices (BRIN: appended in
//   time order, a few pages of index, nothing measurable on intake).
// - idx_decisions_created: decisions of a period (report, exports); decisions are rare writes.
// - dsa_submissions: each statement of reasons sent (or being sent) to the DSA
//   Transparency Database, with its state.
export class Reports1765730000000 implements MigrationInterface {
    name = 'Reports1765730000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notices" ADD "incomplete_at_filing" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`UPDATE "notices" n SET "incomplete_at_filing" = true
            WHERE NOT coalesce((n.completeness->>'complete')::boolean, false)
               OR EXISTS (SELECT 1 FROM "events" e WHERE e.action = 'notice.filed' AND e.subject_type = 'notice' AND e.subject_id = n.id::text
                          AND jsonb_array_length(coalesce(e.data->'missing', '[]'::jsonb)) > 0)`);
        await queryRunner.query(`CREATE FUNCTION notices_stamp_incomplete_at_filing() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.incomplete_at_filing := NOT coalesce((NEW.completeness->>'complete')::boolean, false);
              RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER notices_incomplete_at_filing BEFORE INSERT ON "notices" FOR EACH ROW EXECUTE FUNCTION notices_stamp_incomplete_at_filing()`);
        await queryRunner.query(`CREATE INDEX "idx_notices_received_brin" ON "notices" USING brin ("received_at")`);
        await queryRunner.query(`CREATE INDEX "idx_decisions_created" ON "decisions" ("created_at") `);
        await queryRunner.query(`CREATE TABLE "dsa_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "puid" text NOT NULL, "case_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "decision_item_id" uuid NOT NULL, "statement" jsonb NOT NULL, "state" text NOT NULL, "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_dsa_submissions" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_dsa_submissions_puid" ON "dsa_submissions" ("puid") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_dsa_submissions_item" ON "dsa_submissions" ("decision_item_id") `);
        await queryRunner.query(`CREATE INDEX "idx_dsa_submissions_case" ON "dsa_submissions" ("case_id") `);
        await queryRunner.query(`CREATE INDEX "idx_dsa_submissions_due" ON "dsa_submissions" ("next_attempt_at") WHERE "state" = 'pending'`);
        await queryRunner.query(`ALTER TABLE "dsa_submissions" ADD CONSTRAINT "fk_dsa_submissions_decision" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "dsa_submissions" ADD CONSTRAINT "fk_dsa_submissions_item" FOREIGN KEY ("decision_item_id") REFERENCES "decision_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "dsa_submissions"`);
        await queryRunner.query(`DROP INDEX "public"."idx_decisions_created"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notices_received_brin"`);
        await queryRunner.query(`DROP TRIGGER notices_incomplete_at_filing ON "notices"`);
        await queryRunner.query(`DROP FUNCTION notices_stamp_incomplete_at_filing()`);
        await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "incomplete_at_filing"`);
    }
}
