import { MigrationInterface, QueryRunner } from "typeorm";

// What a post of the queue's bulk form did, case by case: its result page is a GET
// (/desk/bulk/<id>), so refreshing it does not offer to send the form again.
export class BulkRuns1765830000000 implements MigrationInterface {
    name = 'BulkRuns1765830000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bulk_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid NOT NULL, "action" text NOT NULL, "results" jsonb NOT NULL, "queue_query" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_bulk_runs" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_bulk_runs_actor" ON "bulk_runs"  ("actor_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "bulk_runs" ADD CONSTRAINT "fk_bulk_runs_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bulk_runs" DROP CONSTRAINT "fk_bulk_runs_actor"`);
        await queryRunner.query(`DROP INDEX "public"."idx_bulk_runs_actor"`);
        await queryRunner.query(`DROP TABLE "bulk_runs"`);
    }

}
