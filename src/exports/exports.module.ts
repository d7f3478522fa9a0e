import { Module } from '@nestjs/common';
import { CaseStatementsPageController } from './case-statements-page.controller';
import { DsaSubmissionJob } from './dsa-submission.job';
import { DsaSubmissionService } from './dsa-submission.service';
import { CaseStatementsController, ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

// DSA statements of reasons (per case, NDJSON export, submission job) and the Lumen export.
@Module({
  controllers: [ExportsController, CaseStatementsController, CaseStatementsPageController],
  providers: [ExportsService, DsaSubmissionService, DsaSubmissionJob],
  exports: [DsaSubmissionService],
})
export class ExportsModule {}
