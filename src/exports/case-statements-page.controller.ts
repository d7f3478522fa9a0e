import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter';
import { sendPage, staffNav } from '../web/page-parts';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { caseStatementsPage } from './case-statements-page';
import { DsaSubmissionService } from './dsa-submission.service';
import { ExportsService } from './exports.service';

// /desk/cases/<reference>/statements: a case's statements of reasons, for staff.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('cases.read')
@Controller('desk/cases')
export class CaseStatementsPageController {
  constructor(
    private readonly exports: ExportsService,
    private readonly submissions: DsaSubmissionService,
  ) {}

  @Get(':reference/statements')
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Param('reference') reference: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.exports.statementsOfCase(actor, reference);
    sendPage(reply, 200, caseStatementsPage({ ...found, submissionOn: this.submissions.enabled, staff: staffNav(actor, csrfToken) }));
  }
}
