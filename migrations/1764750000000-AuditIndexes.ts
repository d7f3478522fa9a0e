import { MigrationInterface, QueryRunner } from "typeorm";

// The audit log's filters on a large log. Its pages are read newest first (ORDER BY id
// DESC, keyset). Action, case and subject filters have their indexes already; a person's
// events had none, so filtering on someone who acted rarely walked the whole log backwards
// to fill a page: (actor_id, id) makes a page one range read however many events they
// have. The period filter gets a BRIN index on occurred_at (events arrive in time order, so
// a few pages cover millions of rows, and it costs intake next to nothing).
// Plain CREATE INDEX: on an existing large log it holds writes to events while it builds.

export class AuditIndexes1764750000000 implements MigrationInterface {
    name = 'AuditIndexes1764750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "idx_events_actor" ON "events" ("actor_id", "id")`);
        await queryRunner.query(`CREATE INDEX "idx_events_occurred_brin" ON "events" USING brin ("occurred_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_events_occurred_brin"`);
        await queryRunner.query(`DROP INDEX "idx_events_actor"`);
    }

}
