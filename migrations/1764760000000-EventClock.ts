import { MigrationInterface, QueryRunner } from "typeorm";

// Sealing orders events by the id of the transaction that wrote them, and the PostgreSQL
// transaction counter only grows within one cluster. A database restored from a dump into
// another cluster starts again from a low count: new events would then fall below the last
// seal's range (verification names them as slipped in) and the sealer, whose horizon would
// be below where the seals ended, would never seal again. So transaction ids in the log
// are the counter plus a base kept here; at start-up the desk moves the base on when the
// counter is behind the log (ensureEventClockAhead). Until a restore it is 0.

export class EventClock1764760000000 implements MigrationInterface {
    name = 'EventClock1764760000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "event_clock" ("id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1), "tx_base" bigint NOT NULL)`);
        await queryRunner.query(`INSERT INTO "event_clock" ("id", "tx_base") VALUES (1, 0)`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION "stamp_event_tx"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.tx_id := (SELECT tx_base FROM event_clock) + pg_current_xact_id()::text::bigint;
                RETURN NEW;
            END $$`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE OR REPLACE FUNCTION "stamp_event_tx"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.tx_id := pg_current_xact_id()::text::bigint;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`DROP TABLE "event_clock"`);
    }

}
