import { Controller, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CasesService } from '../cases/cases.service';
import { casePage } from '../cases/case-page';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { Database } from '../database/database.service';
import { CSRF_IN_MULTIPART } from '../staff/staff-auth.guard';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { sendPage } from '../web/page-parts';
import { SetMetadata } from '@nestjs/common';
import { AttachmentsService } from './attachments.service';
import { caseEvidence } from './case-evidence';

// The staff upload form on the case page (multipart, with its CSRF token as the first
// part). A refused upload comes back on the case page with the error beside the field.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('evidence.attach')
@Controller('desk/cases/:reference')
export class DeskEvidenceController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly cases: CasesService,
    private readonly db: Database,
  ) {}

  @Post('attachments')
  @SetMetadata(CSRF_IN_MULTIPART, true)
  async upload(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('reference') reference: string,
    @Req() request: FastifyRequest,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.attachments.uploadAsStaff(actor, reference, request, meta, { csrfInForm: csrfToken !== '' });
    } catch (error) {
      if (!(error instanceof DeskError) || error.status === 404 || error.code === 'csrf' || error.status >= 500) throw error;
      const errors = error.errors.length ? error.errors : [{ field: 'file', message: error.detail }];
      const detail = await this.cases.detail(actor, reference);
      const staff = await this.cases.staffDirectory(actor);
      const names = new Map(staff.map((member) => [member.id, member.name]));
      const evidence = await caseEvidence(this.db, actor, detail, csrfToken, names, { errors });
      return sendPage(reply, error.status, casePage({ actor, csrfToken, detail, staff, now: new Date(), evidence }));
    }
    reply
      .status(303)
      .header('location', `/desk/cases/${encodeURIComponent(reference)}?done=attached#evidence`)
      .send();
  }
}
