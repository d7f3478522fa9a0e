import { Controller, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trackingAftercare } from '../aftercare/aftercare-pages';
import { DeskError } from '../common/desk-error';
import { html } from '../common/html';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { trackingPage } from '../notices/notice-pages';
import { fieldsToSupply } from '../notices/tracking-page.controller';
import { TrackingService } from '../notices/tracking.service';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { sendPage } from '../web/page-parts';
import { AttachmentsService } from './attachments.service';
import { Database } from '../database/database.service';
import { trackingEvidence } from './tracking-evidence';

// The notifier's upload form on the tracking page (multipart, works without JavaScript).
// A refused upload comes back on the same page with the error beside the file field.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('track/:token')
export class TrackingEvidenceController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly tracking: TrackingService,
    private readonly db: Database,
  ) {}

  @Post('attachments')
  @RateLimited('tracking')
  async upload(@Param('token') token: string, @Req() request: FastifyRequest, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    try {
      await this.attachments.uploadAsNotifier(token, request, meta);
    } catch (error) {
      if (!(error instanceof DeskError) || error.status === 404 || error.status >= 500) throw error;
      const errors = error.errors.length ? error.errors : [{ field: 'file', message: error.detail }];
      const { notice, filed } = await this.tracking.resolve(token);
      const view = await this.tracking.viewOf(notice, filed);
      const evidence = await trackingEvidence(this.db, filed.id, view, token, { errors });
      const page = trackingPage(view, {
        token,
        supplement: { fields: fieldsToSupply(view), state: { values: {}, errors: [] } },
        aftercare: html`${trackingAftercare(view, token)}${evidence}`,
      });
      return sendPage(reply, error.status, page);
    }
    reply.redirect(`/track/${token}?done=attached#evidence`, 303);
  }
}
