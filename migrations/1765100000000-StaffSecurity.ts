import { MigrationInterface, QueryRunner } from "typeorm";

// Staff security: who made an API token (a session or a parent token) and whether it may
// make tokens; the first-start admin's forced password change; one-time set-password
// links; the networks each person has signed in from (they lift an account-wide lock).
// Generated from the entities in src/staff/, plus one data step: the live tokens of
// accounts deactivated before this release are revoked, as deactivation now does.

export class StaffSecurity1765100000000 implements MigrationInterface {
    name = 'StaffSecurity1765100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "login_networks" ("user_id" uuid NOT NULL, "network" text NOT NULL, "last_signed_in_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_33f04aa887f0baf310cf7042fbc" PRIMARY KEY ("user_id", "network"))`);
        await queryRunner.query(`CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "issued_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_password_resets_user" ON "password_resets"  ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_password_resets_token_hash" ON "password_resets"  ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "api_tokens" ADD "created_by_session_id" uuid`);
        await queryRunner.query(`ALTER TABLE "api_tokens" ADD "parent_token_id" uuid`);
        await queryRunner.query(`ALTER TABLE "api_tokens" ADD "can_create_tokens" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`CREATE INDEX "idx_api_tokens_parent" ON "api_tokens"  ("parent_token_id") `);
        await queryRunner.query(`ALTER TABLE "login_networks" ADD CONSTRAINT "fk_login_networks_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "password_resets" ADD CONSTRAINT "fk_password_resets_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`UPDATE "api_tokens" t SET "revoked_at" = COALESCE(u."deactivated_at", now()) FROM "users" u WHERE u."id" = t."user_id" AND NOT u."active" AND t."revoked_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "password_resets" DROP CONSTRAINT "fk_password_resets_user"`);
        await queryRunner.query(`ALTER TABLE "login_networks" DROP CONSTRAINT "fk_login_networks_user"`);
        await queryRunner.query(`DROP INDEX "public"."idx_api_tokens_parent"`);
        await queryRunner.query(`ALTER TABLE "api_tokens" DROP COLUMN "can_create_tokens"`);
        await queryRunner.query(`ALTER TABLE "api_tokens" DROP COLUMN "parent_token_id"`);
        await queryRunner.query(`ALTER TABLE "api_tokens" DROP COLUMN "created_by_session_id"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
        await queryRunner.query(`DROP INDEX "public"."uq_password_resets_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."idx_password_resets_user"`);
        await queryRunner.query(`DROP TABLE "password_resets"`);
        await queryRunner.query(`DROP TABLE "login_networks"`);
    }
}
