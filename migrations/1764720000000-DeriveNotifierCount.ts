import { MigrationInterface, QueryRunner } from "typeorm";

// A sender's notice count is derived (count notices by notifier_id, idx_notices_notifier)
// instead of stored: keeping notifiers.notice_count exact made every filing of one sender
// lock that sender's row while its commit was written (trigger notices_count_notifier), so
// one busy sender's filings committed one at a time (~800/s at best, even for the
// one-INSERT baseline). Nothing read the column.

export class DeriveNotifierCount1764720000000 implements MigrationInterface {
    name = 'DeriveNotifierCount1764720000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "notices_count_notifier" ON "notices"`);
        await queryRunner.query(`DROP FUNCTION "count_notifier_filing"()`);
        await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "notice_count"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notifiers" ADD "notice_count" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`LOCK TABLE "notices" IN SHARE ROW EXCLUSIVE MODE`);
        await queryRunner.query(`UPDATE "notifiers" nf SET "notice_count" = counted.n FROM (SELECT "notifier_id", count(*)::int AS n FROM "notices" GROUP BY "notifier_id") counted WHERE counted."notifier_id" = nf."id"`);
        await queryRunner.query(`CREATE FUNCTION "count_notifier_filing"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE notifiers SET notice_count = notice_count + 1, updated_at = now() WHERE id = NEW.notifier_id;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER "notices_count_notifier" AFTER INSERT ON "notices" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "count_notifier_filing"()`);
    }

}
