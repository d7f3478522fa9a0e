import { MigrationInterface, QueryRunner } from "typeorm";

// Articles, notices, cases, the append-only event log, messages, idempotency keys and
// rate-limit windows. Generated from the entities, plus what TypeORM does not model:
// the case reference sequence and the trigger that keeps events append-only.

export class Initial1764300000000 implements MigrationInterface {
    name = 'Initial1764300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "articles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "canonical_url" text NOT NULL, "normalized_url" text NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "byline" text, "author_email" text, "section" text, "published_at" TIMESTAMP WITH TIME ZONE, "body" text NOT NULL, "state" text NOT NULL DEFAULT 'live', "previous_state" text, "public_interest" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a6e2c450d83e0b6052c2793334" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_articles_normalized_url" ON "articles"  ("normalized_url") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_articles_slug" ON "articles"  ("slug") `);
        await queryRunner.query(`CREATE TABLE "article_aliases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "url" text NOT NULL, "normalized_url" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce543616c1aa04397df07cdf02a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_article_aliases_article" ON "article_aliases"  ("article_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_article_aliases_normalized_url" ON "article_aliases"  ("normalized_url") `);
        await queryRunner.query(`CREATE TABLE "notice_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_id" uuid NOT NULL, "position" integer NOT NULL, "url" text NOT NULL, "normalized_url" text NOT NULL, "article_id" uuid, "match" text NOT NULL, "state" text NOT NULL, "passage" text, "media" text, "reason" text, CONSTRAINT "PK_eeb509b2c6c9d1a2bf430fd97d1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_notice_items_normalized_url" ON "notice_items"  ("normalized_url") `);
        await queryRunner.query(`CREATE INDEX "idx_notice_items_article" ON "notice_items"  ("article_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notice_items_position" ON "notice_items"  ("notice_id", "position") `);
        await queryRunner.query(`CREATE TABLE "notifiers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text, "name" text NOT NULL, "organization" text, "kind" text NOT NULL, "notice_count" integer NOT NULL DEFAULT '0', "misuse_state" text NOT NULL DEFAULT 'ok', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e12d8842eb8da3744aa72cfdaea" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifiers_email" ON "notifiers"  ("email") `);
        await queryRunner.query(`CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "channel" text NOT NULL, "notifier_id" uuid NOT NULL, "notifier" jsonb NOT NULL, "principal_name" text, "work_description" text, "work_original_urls" jsonb NOT NULL DEFAULT '[]', "explanation" text, "statements" jsonb NOT NULL, "attestations" jsonb NOT NULL, "signature" text, "jurisdiction" text, "language" text, "details" jsonb NOT NULL DEFAULT '{}', "completeness" jsonb NOT NULL, "tracking_token_hash" bytea NOT NULL, "tracking_token_revoked_at" TIMESTAMP WITH TIME ZONE, "client_ip" text, "user_agent" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_notices_notifier" ON "notices"  ("notifier_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notices_tracking_token_hash" ON "notices"  ("tracking_token_hash") `);
        await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "notice_id" uuid NOT NULL, "status" text NOT NULL, "priority" text NOT NULL DEFAULT 'normal', "due_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_a84bdfc817a413fdccadb13002" UNIQUE ("notice_id"), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_cases_reference" ON "cases"  ("reference") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_queue" ON "cases"  ("status", "due_at") `);
        await queryRunner.query(`CREATE TABLE "app_secrets" ("name" text NOT NULL, "value" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c785a9da9881929b0d1d780423" PRIMARY KEY ("name"))`);
        await queryRunner.query(`CREATE TABLE "events" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" text NOT NULL, "actor_id" text, "actor_role" text, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "case_id" uuid, "case_reference" text, "changes" jsonb NOT NULL DEFAULT '{}', "data" jsonb NOT NULL DEFAULT '{}', "visibility" text NOT NULL, "request_id" text, "client_network" text, CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_events_action" ON "events"  ("action") `);
        await queryRunner.query(`CREATE INDEX "idx_events_case_reference" ON "events"  ("case_reference") `);
        await queryRunner.query(`CREATE INDEX "idx_events_subject" ON "events"  ("subject_type", "subject_id") `);
        await queryRunner.query(`CREATE INDEX "idx_events_case" ON "events"  ("case_id", "id") `);
        await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid, "kind" text NOT NULL, "recipient_role" text NOT NULL, "to_address" text, "subject" text NOT NULL, "body" text NOT NULL, "state" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_messages_state" ON "messages"  ("state") `);
        await queryRunner.query(`CREATE INDEX "idx_messages_case" ON "messages"  ("case_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "submission_keys" ("key_hash" bytea NOT NULL, "request_hash" bytea NOT NULL, "case_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef57a888f93db082a1bb6b389da" PRIMARY KEY ("key_hash"))`);
        await queryRunner.query(`CREATE TABLE "rate_limit_windows" ("bucket" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_ae593e8e73f95b5e7da682a8b7b" PRIMARY KEY ("bucket", "window_start"))`);
        await queryRunner.query(`ALTER TABLE "article_aliases" ADD CONSTRAINT "fk_article_aliases_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_items" ADD CONSTRAINT "fk_notice_items_notice" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_items" ADD CONSTRAINT "fk_notice_items_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notices" ADD CONSTRAINT "fk_notices_notifier" FOREIGN KEY ("notifier_id") REFERENCES "notifiers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_notice" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE SEQUENCE "case_reference_seq" AS bigint START 1`);
        await queryRunner.query(`CREATE FUNCTION "refuse_event_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the event log is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "refuse_event_change"()`);
        await queryRunner.query(`CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_event_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "events_no_truncate" ON "events"`);
        await queryRunner.query(`DROP TRIGGER "events_append_only" ON "events"`);
        await queryRunner.query(`DROP FUNCTION "refuse_event_change"()`);
        await queryRunner.query(`DROP SEQUENCE "case_reference_seq"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_notice"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_notifier"`);
        await queryRunner.query(`ALTER TABLE "notice_items" DROP CONSTRAINT "fk_notice_items_article"`);
        await queryRunner.query(`ALTER TABLE "notice_items" DROP CONSTRAINT "fk_notice_items_notice"`);
        await queryRunner.query(`ALTER TABLE "article_aliases" DROP CONSTRAINT "fk_article_aliases_article"`);
        await queryRunner.query(`DROP TABLE "rate_limit_windows"`);
        await queryRunner.query(`DROP TABLE "submission_keys"`);
        await queryRunner.query(`DROP INDEX "public"."idx_messages_case"`);
        await queryRunner.query(`DROP INDEX "public"."idx_messages_state"`);
        await queryRunner.query(`DROP TABLE "messages"`);
        await queryRunner.query(`DROP INDEX "public"."idx_events_case"`);
        await queryRunner.query(`DROP INDEX "public"."idx_events_subject"`);
        await queryRunner.query(`DROP INDEX "public"."idx_events_case_reference"`);
        await queryRunner.query(`DROP INDEX "public"."idx_events_action"`);
        await queryRunner.query(`DROP TABLE "events"`);
        await queryRunner.query(`DROP TABLE "app_secrets"`);
        await queryRunner.query(`DROP INDEX "public"."idx_cases_queue"`);
        await queryRunner.query(`DROP INDEX "public"."uq_cases_reference"`);
        await queryRunner.query(`DROP TABLE "cases"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notices_tracking_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notices_notifier"`);
        await queryRunner.query(`DROP TABLE "notices"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notifiers_email"`);
        await queryRunner.query(`DROP TABLE "notifiers"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notice_items_position"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notice_items_article"`);
        await queryRunner.query(`DROP INDEX "public"."idx_notice_items_normalized_url"`);
        await queryRunner.query(`DROP TABLE "notice_items"`);
        await queryRunner.query(`DROP INDEX "public"."uq_article_aliases_normalized_url"`);
        await queryRunner.query(`DROP INDEX "public"."idx_article_aliases_article"`);
        await queryRunner.query(`DROP TABLE "article_aliases"`);
        await queryRunner.query(`DROP INDEX "public"."uq_articles_slug"`);
        await queryRunner.query(`DROP INDEX "public"."uq_articles_normalized_url"`);
        await queryRunner.query(`DROP TABLE "articles"`);
    }

}
