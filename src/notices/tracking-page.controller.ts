import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { SupplementNoticeDto, WithdrawNoticeDto } from './dto/supplement-notice.dto';
import type { NoticeType } from './completeness';
import type { FormField } from '../web/form-fields';
import { readSupplementForm, readWithdrawForm, supplementErrors } from './notice-form';
import { supplementFields } from './notice-form-fields';
import { trackingPage, withdrawPage } from './notice-pages';
import { sendPage } from '../web/page-parts';
import { TrackingService } from './tracking.service';
import type { TrackingView } from './tracking-view';
import { trackingAftercare } from '../aftercare/aftercare-pages';
import { trackingEvidence } from '../attachments/tracking-evidence';
import { activeSuspensionOf } from '../misuse/open-suspension';
import { html } from '../common/html';
import { Database } from '../database/database.service';

// The notifier's private case page behind the tracking link. An unknown, revoked or
// malformed token gets the same HTML 404, whatever the client asks for.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('track/:token')
export class TrackingPageController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly db: Database,
  ) {}

  @Get()
  @RateLimited('tracking')
  async show(
    @Param('token') token: string,
    @Query('done') done: unknown,
    @Query('confirm') confirm: unknown,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // The link from the receipt e-mail: it proves the address, then leaves the address bar.
    if (typeof confirm === 'string') {
      const confirmed = await this.tracking.confirmAddress(token, confirm, meta);
      return reply.redirect(confirmed ? `/track/${token}?done=confirmed` : `/track/${token}`, 303);
    }
    const { notice, filed } = await this.tracking.resolve(token);
    const view = await this.tracking.viewOf(notice, filed);
    const supplement = { fields: fieldsToSupply(view), state: { values: {}, errors: [] } };
    // Evidence (src/attachments) follows the aftercare part.
    const aftercare = html`${trackingAftercare(view, token)}${await trackingEvidence(this.db, filed.id, view, token)}`;
    const suspension = await activeSuspensionOf(this.db.repos, notice, new Date());
    sendPage(reply, 200, trackingPage(view, { token, done: typeof done === 'string' ? done : undefined, supplement, aftercare, suspension }));
  }

  @Post('supplement')
  @RateLimited('tracking')
  async supplement(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.tracking.view(token);
    const fields = fieldsToSupply(view);
    const form = readSupplementForm(body ?? {}, fields);
    const { value, errors } = await validateAs(SupplementNoticeDto, form.supplement);
    // A case no longer waiting for information is refused by the service (409).
    const formErrors = view.actions.supplyInfo ? supplementErrors(form, errors) : [];
    if (formErrors.length) {
      return sendPage(reply, 422, trackingPage(view, { token, supplement: { fields, state: { values: form.values, errors: formErrors } } }));
    }
    await this.tracking.supplement(token, value, meta);
    reply.redirect(`/track/${token}?done=supplied`, 303);
  }

  @Get('withdraw')
  @RateLimited('tracking')
  async confirmWithdrawal(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, withdrawPage(await this.tracking.view(token), token));
  }

  @Post('withdraw')
  @RateLimited('tracking')
  async withdraw(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readWithdrawForm(body ?? {});
    const { value, errors } = await validateAs(WithdrawNoticeDto, form.withdrawal);
    if (errors.length) {
      return sendPage(reply, 422, withdrawPage(await this.tracking.view(token), token, { values: form.values, errors }));
    }
    await this.tracking.withdraw(token, value, meta);
    reply.redirect(`/track/${token}?done=withdrawn`, 303);
  }
}

// An open question from the desk gets an answer box first; missing elements follow.
const ANSWER_FIELD: FormField = { name: 'answer', kind: 'textarea', label: 'Your answer to our question' };

export function fieldsToSupply(view: TrackingView): FormField[] {
  if (!view.actions.supplyInfo) return [];
  const missing = supplementFields(view.type as NoticeType, view.missing, view.items);
  return view.openQuestion ? [ANSWER_FIELD, ...missing] : missing;
}
