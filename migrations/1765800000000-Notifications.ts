import { MigrationInterface, QueryRunner } from "typeorm";

// Staff notifications (desk and e-mail): one row per recipient, written in the transaction
// of the event that caused it, or by the clock-reminder sweep.
// - idx_notifications_recipient: a person's list, newest first (bigint id order).
// - idx_notifications_unread: the header count, one index-only count per desk page.
// - uq_notifications_clock: one reminder per recipient, case, clock and due time, so that
//   sweeps on several instances (ON CONFLICT DO NOTHING) remind once.
// - users.notify_by_email: each person may turn the e-mail copies off.
export class Notifications1765800000000 implements MigrationInterface {
    name = 'Notifications1765800000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "recipient_id" uuid NOT NULL, "kind" text NOT NULL, "case_id" uuid, "case_reference" text, "text" text NOT NULL, "clock_kind" text, "due_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_notifications_kind" CHECK ("kind" IN ('assigned', 'approval_needed', 'notifier_answered', 'clock_due')), CONSTRAINT "pk_notifications" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_notifications_recipient" ON "notifications" ("recipient_id", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_notifications_unread" ON "notifications" ("recipient_id") WHERE "read_at" IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifications_clock" ON "notifications" ("recipient_id", "case_id", "clock_kind", "due_at") WHERE "kind" = 'clock_due'`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "users" ADD "notify_by_email" boolean NOT NULL DEFAULT true`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "notify_by_email"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_case"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_recipient"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notifications_clock"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notifications_unread"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notifications_recipient"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
    }
}
