import { Body, Controller, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { trackingPage } from '../notices/notice-pages';
import { sendPage } from '../web/page-parts';
import { TrackingService } from '../notices/tracking.service';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { APPEAL_FIELDS, COURT_ACTION_FIELDS, readNestedForm, trackingAftercare } from './aftercare-pages';
import { AppealDto } from './dto/appeal.dto';
import { CourtActionDto } from './dto/court-action.dto';
import { NotifierActionsService } from './notifier-actions.service';

// The notifier's forms after a decision, on the tracking page.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('track/:token')
export class TrackActionsPageController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly actions: NotifierActionsService,
  ) {}

  @Post('court-action')
  @RateLimited('tracking')
  async courtAction(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readNestedForm(body ?? {}, COURT_ACTION_FIELDS);
    const { value, errors } = await validateAs(CourtActionDto, form.dto);
    if (errors.length) {
      const view = await this.tracking.view(token);
      return sendPage(reply, 422, trackingPage(view, { token, aftercare: trackingAftercare(view, token, { courtAction: { values: form.values, errors } }) }));
    }
    await this.actions.courtAction(token, value, meta);
    reply.redirect(`/track/${token}?done=court_action`, 303);
  }

  @Post('appeal')
  @RateLimited('tracking')
  async appeal(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readNestedForm(body ?? {}, APPEAL_FIELDS);
    const { value, errors } = await validateAs(AppealDto, form.dto);
    if (errors.length) {
      const view = await this.tracking.view(token);
      return sendPage(reply, 422, trackingPage(view, { token, aftercare: trackingAftercare(view, token, { appeal: { values: form.values, errors } }) }));
    }
    await this.actions.appeal(token, value, meta);
    reply.redirect(`/track/${token}?done=appealed`, 303);
  }
}
