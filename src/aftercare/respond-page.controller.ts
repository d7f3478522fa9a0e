import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { sendPage } from '../web/page-parts';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { APPEAL_FIELDS, COUNTER_NOTICE_FIELDS, readNestedForm, respondPage } from './aftercare-pages';
import { AppealDto } from './dto/appeal.dto';
import { CounterNoticeDto } from './dto/counter-notice.dto';
import { RespondService } from './respond.service';

// The author's private page behind the response link; an unknown link gets the HTML 404.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('respond/:token')
export class RespondPageController {
  constructor(private readonly respond: RespondService) {}

  @Get()
  @RateLimited('tracking')
  async show(@Param('token') token: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, respondPage(await this.respond.view(token), token, { done: typeof done === 'string' ? done : undefined }));
  }

  // An incomplete counter-notice is kept, and the form comes back with what is missing
  // beside each field.
  @Post('counter-notice')
  @RateLimited('tracking')
  async counterNotice(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readNestedForm(body ?? {}, COUNTER_NOTICE_FIELDS);
    const { value, errors } = await validateAs(CounterNoticeDto, form.dto);
    if (errors.length) return sendPage(reply, 422, respondPage(await this.respond.view(token), token, { form: { values: form.values, errors } }));
    const result = await this.respond.counterNotice(token, value, meta);
    if (!result.complete) {
      const missing = result.missing.map((element) => ({ field: element.field, message: element.message }));
      return sendPage(reply, 422, respondPage(result, token, { form: { values: form.values, errors: missing } }));
    }
    reply.redirect(`/respond/${token}?done=counter_noticed`, 303);
  }

  @Post('appeal')
  @RateLimited('tracking')
  async appeal(@Param('token') token: string, @Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readNestedForm(body ?? {}, APPEAL_FIELDS);
    const { value, errors } = await validateAs(AppealDto, form.dto);
    if (errors.length) return sendPage(reply, 422, respondPage(await this.respond.view(token), token, { appeal: { values: form.values, errors } }));
    await this.respond.appeal(token, value, meta);
    reply.redirect(`/respond/${token}?done=appealed`, 303);
  }
}
