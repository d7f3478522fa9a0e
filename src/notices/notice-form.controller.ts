import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { FileNoticeDto } from './dto/file-notice.dto';
import { FormTokens } from './form-token';
import { CHOOSE_TYPE_ERROR, formTokenError, pickValues, readNoticeForm, toFormErrors } from './notice-form';
import { isNoticeType } from './notice-form-fields';
import { alreadyReceivedPage, noticeFormPage, receiptPage, submissionReceivedPage, typeChoicePage } from './notice-pages';
import { sendPage } from '../web/page-parts';
import { noticeReviewPage, STEP_FIELD } from './notice-review-page';
import { NoticeReviewService } from './notice-review.service';
import { NoticesService } from './notices.service';

// The form's own button asks for the review step; the review page's buttons send or go back.
// A post without a step files at once (as before the review step: scripts, old pages).
type Step = 'review' | 'edit' | 'send';

function stepOf(body: Record<string, unknown>): Step {
  const step = pickValues(body, [STEP_FIELD])[STEP_FIELD];
  return step === 'review' || step === 'edit' ? step : 'send';
}

// The public filing form: works without JavaScript, re-renders with everything typed
// on an error, and files through the same service and DTO rules as the JSON API.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller()
export class NoticeFormController {
  constructor(
    private readonly notices: NoticesService,
    private readonly formTokens: FormTokens,
    private readonly reviews: NoticeReviewService,
  ) {}

  @Get('notices/new')
  async form(@Query('type') type: unknown, @Query('step') step: unknown, @Res() reply: FastifyReply): Promise<void> {
    // A type step sent with no choice carries only its `step` marker.
    if (type === undefined && step !== 'type') return sendPage(reply, 200, typeChoicePage());
    if (!isNoticeType(type)) return sendPage(reply, 422, typeChoicePage({ values: {}, errors: [CHOOSE_TYPE_ERROR] }));
    sendPage(reply, 200, noticeFormPage(type, await this.formTokens.issue(), { values: { language: 'en' }, errors: [] }));
  }

  @Post('notices')
  @RateLimited('filing')
  async submit(@Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readNoticeForm(body ?? {});
    // Telling a bot it was caught only teaches it; it gets what a person would see.
    if (form.honeypotFilled) return sendPage(reply, 201, submissionReceivedPage());
    if (!form.type) return sendPage(reply, 422, typeChoicePage({ values: {}, errors: [CHOOSE_TYPE_ERROR] }));

    const step = stepOf(body ?? {});
    const token = await this.formTokens.check(form.formToken);
    // "Go back and fix": the form again, as typed.
    if (step === 'edit') return sendPage(reply, 200, noticeFormPage(form.type, token.valid ? form.formToken! : await this.formTokens.issue(), { values: form.values, errors: [] }));
    if (!token.valid) {
      return sendPage(reply, 422, noticeFormPage(form.type, await this.formTokens.issue(), { values: form.values, errors: [formTokenError(token.reason)] }));
    }
    const { value, errors } = await validateAs(FileNoticeDto, form.notice);
    if (errors.length) {
      return sendPage(reply, 422, noticeFormPage(form.type, form.formToken!, { values: form.values, errors: toFormErrors(errors, form.itemSources) }));
    }
    if (step === 'review') return sendPage(reply, 200, noticeReviewPage(form.type, form.formToken!, form.values, await this.reviews.review(value)));
    // The token's nonce is the submission key: the same page sent twice files once.
    const result = await this.notices.file(value, 'form', meta, { key: token.nonce, strict: false, owner: 'form' });
    if (result.replayed) return sendPage(reply, 200, alreadyReceivedPage(result));
    sendPage(reply, 201, receiptPage(result, value.notifier.email));
  }
}
