import { MigrationInterface, QueryRunner } from "typeorm";

// Newsroom remedies: a decision item's per-action fields (the image, the correction or
// reply, the name replaced and by what) and the remedies in force on each article.
export class Remedies1765760000000 implements MigrationInterface {
    name = 'Remedies1765760000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "decision_items" ADD "media" text`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD "text" text`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD "correction_kind" text`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD "reply_by" text`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD "name" text`);
        await queryRunner.query(`ALTER TABLE "decision_items" ADD "replacement" text`);
        await queryRunner.query(`CREATE TABLE "article_remedies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "case_id" uuid NOT NULL, "decision_item_id" uuid NOT NULL, "kind" text NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lifted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_article_remedies" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_article_remedies_case" ON "article_remedies" ("case_id") `);
        await queryRunner.query(`CREATE INDEX "idx_article_remedies_in_force" ON "article_remedies" ("article_id", "applied_at") WHERE "lifted_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "article_remedies" ADD CONSTRAINT "fk_article_remedies_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_remedies" ADD CONSTRAINT "fk_article_remedies_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_remedies" ADD CONSTRAINT "fk_article_remedies_decision_item" FOREIGN KEY ("decision_item_id") REFERENCES "decision_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article_remedies" DROP CONSTRAINT "fk_article_remedies_decision_item"`);
        await queryRunner.query(`ALTER TABLE "article_remedies" DROP CONSTRAINT "fk_article_remedies_case"`);
        await queryRunner.query(`ALTER TABLE "article_remedies" DROP CONSTRAINT "fk_article_remedies_article"`);
        await queryRunner.query(`DROP INDEX "public"."idx_article_remedies_in_force"`);
        await queryRunner.query(`DROP INDEX "public"."idx_article_remedies_case"`);
        await queryRunner.query(`DROP TABLE "article_remedies"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "replacement"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "name"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "reply_by"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "correction_kind"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "text"`);
        await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "media"`);
    }
}
