import { MigrationInterface, QueryRunner } from "typeorm";

// Sealing of the event log (src/events/event-seal.service.ts): each event records the id of
// the transaction that wrote it, stamped by a trigger so that neither the app nor a forger
// can choose it; seals and their per-event entries are append-only like the events.
// Generated from the entities, plus the triggers. Events written before this migration get
// tx_id 0: they are all committed (ADD COLUMN waits for every writer) and go in the first seal.

export class EventSeals1764600000000 implements MigrationInterface {
    name = 'EventSeals1764600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "event_seals" ("id" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_tx" bigint NOT NULL, "to_tx" bigint NOT NULL, "first_event_id" bigint NOT NULL, "last_event_id" bigint NOT NULL, "event_count" integer NOT NULL, "root_hash" bytea NOT NULL, "previous_hash" bytea NOT NULL, "seal_hash" bytea NOT NULL, CONSTRAINT "PK_c92cd2aa8e1e03a3b346b8e81ce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "seal_entries" ("seal_id" bigint NOT NULL, "position" integer NOT NULL, "event_ids" bigint array NOT NULL, "event_hashes" bytea NOT NULL, CONSTRAINT "PK_7547cd1ce3f9e5111502c3b9eb0" PRIMARY KEY ("seal_id", "position"))`);
        // Random bytes do not compress: do not try.
        await queryRunner.query(`ALTER TABLE "seal_entries" ALTER COLUMN "event_hashes" SET STORAGE EXTERNAL`);
        // A default for the rows already there (no rewrite, no UPDATE of the log), then none.
        await queryRunner.query(`ALTER TABLE "events" ADD "tx_id" bigint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE "events" ALTER COLUMN "tx_id" DROP DEFAULT`);
        await queryRunner.query(`CREATE INDEX "idx_events_tx" ON "events"  ("tx_id", "id") `);
        await queryRunner.query(`CREATE FUNCTION "stamp_event_tx"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.tx_id := pg_current_xact_id()::text::bigint;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "events_stamp_tx" BEFORE INSERT ON "events" FOR EACH ROW EXECUTE FUNCTION "stamp_event_tx"()`);
        for (const table of ["event_seals", "seal_entries"]) {
            await queryRunner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_event_change"()`);
            await queryRunner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_event_change"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ["event_seals", "seal_entries"]) {
            await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
        }
        await queryRunner.query(`DROP TRIGGER "events_stamp_tx" ON "events"`);
        await queryRunner.query(`DROP FUNCTION "stamp_event_tx"()`);
        await queryRunner.query(`DROP INDEX "public"."idx_events_tx"`);
        await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "tx_id"`);
        await queryRunner.query(`DROP TABLE "seal_entries"`);
        await queryRunner.query(`DROP TABLE "event_seals"`);
    }

}
