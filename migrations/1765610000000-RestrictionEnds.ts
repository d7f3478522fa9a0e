import { MigrationInterface, QueryRunner } from "typeorm";

// Restrictions with an end date: the instant each is lifted, for the due-clock sweep.
export class RestrictionEnds1765610000000 implements MigrationInterface {
    name = 'RestrictionEnds1765610000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "restriction_ends" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_item_id" uuid NOT NULL, "case_id" uuid NOT NULL, "article_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "lifted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_restriction_ends" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_restriction_ends_item" ON "restriction_ends" ("decision_item_id") `);
        await queryRunner.query(`CREATE INDEX "idx_restriction_ends_due" ON "restriction_ends" ("due_at", "id") WHERE "lifted_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_restriction_ends_due"`);
        await queryRunner.query(`DROP INDEX "public"."uq_restriction_ends_item"`);
        await queryRunner.query(`DROP TABLE "restriction_ends"`);
    }
}
