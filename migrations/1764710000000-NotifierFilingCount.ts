import { MigrationInterface, QueryRunner } from "typeorm";

// A sender's notice_count is counted by the database when a filing commits (a deferred
// constraint trigger), no longer by an UPDATE inside the filing: concurrent filings by one
// busy sender (an agency sending a batch over the API) queued on that row for the whole of
// each other's transaction, which capped intake at a few dozen notices a second. Now the
// row is locked only while the commit is written. The counts so far are already right.

export class NotifierFilingCount1764710000000 implements MigrationInterface {
    name = 'NotifierFilingCount1764710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION "count_notifier_filing"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE notifiers SET notice_count = notice_count + 1, updated_at = now() WHERE id = NEW.notifier_id;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER "notices_count_notifier" AFTER INSERT ON "notices" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "count_notifier_filing"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "notices_count_notifier" ON "notices"`);
        await queryRunner.query(`DROP FUNCTION "count_notifier_filing"()`);
    }

}
