import { MigrationInterface, QueryRunner } from "typeorm";

// The approver's optional comment, kept with the approval (the reason column stays for a
// decision sent back).

export class ApprovalComment1765300000000 implements MigrationInterface {
    name = 'ApprovalComment1765300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "decision_approvals" ADD "comment" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "decision_approvals" DROP COLUMN "comment"`);
    }

}
