import { MigrationInterface, QueryRunner } from "typeorm";

// Sender organisations and their API keys (src/senders); a notice names the key it was
// filed with. The queue's due-date order puts the priority lane (trusted flaggers) first:
// its two indexes lead with that lane so that a page is still a range of an index.
export class Senders1765710000000 implements MigrationInterface {
    name = 'Senders1765710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sender_organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, "contact_name" text, "contact_email" text NOT NULL, "contact_address" text, "contact_phone" text, "status" text NOT NULL DEFAULT 'active', "rate_limit_per_minute" integer NOT NULL DEFAULT '600', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_sender_organisations" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_sender_organisations_name" ON "sender_organisations" ("name") `);
        await queryRunner.query(`CREATE TABLE "sender_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "key_hash" bytea NOT NULL, "prefix" text NOT NULL, "allowed_types" text array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_sender_keys" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_sender_keys_organisation" ON "sender_keys" ("organisation_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_sender_keys_key_hash" ON "sender_keys" ("key_hash") `);
        await queryRunner.query(`ALTER TABLE "sender_keys" ADD CONSTRAINT "fk_sender_keys_organisation" FOREIGN KEY ("organisation_id") REFERENCES "sender_organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notices" ADD "sender_key_id" uuid`);
        await queryRunner.query(`CREATE INDEX "idx_notices_sender_key" ON "notices" ("sender_key_id") `);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_open_due"`);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases" ("status", ("priority" <> 'high'), (coalesce("next_due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "idx_cases_open_due" ON "cases" (("priority" <> 'high'), (coalesce("next_due_at", 'infinity'::timestamptz)), "id") WHERE "status" IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_cases_open_due"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases" ("status", (coalesce("next_due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "idx_cases_open_due" ON "cases" ((coalesce("next_due_at", 'infinity'::timestamptz)), "id") WHERE "status" IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval')`);
        await queryRunner.query(`DROP INDEX "public"."idx_notices_sender_key"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "sender_key_id"`);
        await queryRunner.query(`ALTER TABLE "sender_keys" DROP CONSTRAINT "fk_sender_keys_organisation"`);
        await queryRunner.query(`DROP INDEX "public"."uq_sender_keys_key_hash"`);
        await queryRunner.query(`DROP INDEX "public"."idx_sender_keys_organisation"`);
        await queryRunner.query(`DROP TABLE "sender_keys"`);
        await queryRunner.query(`DROP INDEX "public"."uq_sender_organisations_name"`);
        await queryRunner.query(`DROP TABLE "sender_organisations"`);
    }
}
