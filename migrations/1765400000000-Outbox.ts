import { MigrationInterface, QueryRunner } from "typeorm";

// The messages table becomes the outbox: a queued message waits for its next attempt
// (next_attempt_at), is held while being sent (claimed_until), and keeps its tracking link
// sealed until sent (sealed_link). Notifiers' addresses are verified by opening a
// confirming link (email_verified_at, notices.email_confirm_hash); unverified addresses get
// at most a few messages a day (message_quotas). Queued messages of the old fire-and-forget
// sender are due at once; their link was never kept, so they go out with the link withheld.
export class Outbox1765400000000 implements MigrationInterface {
    name = 'Outbox1765400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "messages" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "messages" ADD "sealed_link" bytea`);
        await queryRunner.query(`UPDATE "messages" SET "next_attempt_at" = now() WHERE "state" = 'queued'`);
        await queryRunner.query(`ALTER TABLE "notifiers" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "notices" ADD "email_confirm_hash" bytea`);
        await queryRunner.query(`CREATE TABLE "message_quotas" ("address" text NOT NULL, "day" date NOT NULL, "sent" integer NOT NULL, CONSTRAINT "PK_message_quotas" PRIMARY KEY ("address", "day"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "message_quotas"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "email_confirm_hash"`);
        await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "email_verified_at"`);
        await queryRunner.query(`UPDATE "messages" SET "state" = 'queued' WHERE "state" IN ('sending', 'suppressed')`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "sealed_link"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "claimed_until"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "next_attempt_at"`);
    }

}
