import { MigrationInterface, QueryRunner } from "typeorm";

// An article's origin (staff, contributor, syndicated) chooses the legal regime after a
// decision; existing articles are the publisher's own.
export class ArticleOrigin1765500000000 implements MigrationInterface {
    name = 'ArticleOrigin1765500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" ADD "origin" text NOT NULL DEFAULT 'staff'`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "licensor" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "licensor"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "origin"`);
    }

}
