import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import type { NoticeType } from './completeness';
import { correctionErrors, correctionFields, correctionSections, currentValues, readCorrectionForm } from './correction-form';
import { CorrectNoticeDto } from './dto/correct-notice.dto';
import { NoticeCorrectionService } from './notice-correction.service';
import { sendPage } from '../web/page-parts';
import { correctionPage } from './tracking-sections';
import { TrackingService } from './tracking.service';

// The correction form behind the tracking link: the same rules as the API's PATCH.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('track/:token/correct')
export class CorrectionPageController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly corrections: NoticeCorrectionService,
  ) {}

  @Get()
  @RateLimited('tracking')
  async form(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.tracking.view(token);
    if (!view.actions.correct) return reply.redirect(`/track/${token}`, 303);
    sendPage(reply, 200, correctionPage(view, token, { values: currentValues(view), errors: [] }));
  }

  @Post()
  @RateLimited('tracking')
  async correct(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.tracking.view(token);
    const fields = correctionFields(correctionSections(view.type as NoticeType, view.items));
    const form = readCorrectionForm(body ?? {}, fields, currentValues(view));
    const { value, errors } = await validateAs(CorrectNoticeDto, form.correction);
    const formErrors = [...form.emptied, ...correctionErrors(form, errors)];
    if (formErrors.length) return sendPage(reply, 422, correctionPage(view, token, { values: form.values, errors: formErrors }));
    try {
      await this.corrections.correct(token, value, meta);
    } catch (error) {
      // The service's own checks (nothing changed, no way to reach you) land beside the fields.
      if (error instanceof DeskError && error.status === 422 && error.errors?.length) {
        return sendPage(reply, 422, correctionPage(view, token, { values: form.values, errors: correctionErrors(form, error.errors) }));
      }
      throw error;
    }
    reply.redirect(`/track/${token}?done=corrected`, 303);
  }
}
