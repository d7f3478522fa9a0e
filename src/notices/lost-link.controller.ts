import { Body, Controller, Get, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { LostLinkDto } from './dto/lost-link.dto';
import { FormTokens } from './form-token';
import { lostLinkPage, lostLinkSentPage, LOST_LINK_FIELDS } from './lost-link-page';
import { LostLinkService } from './lost-link.service';
import { formTokenError, pickValues } from './notice-form';
import { FORM_TOKEN_FIELD } from './notice-form-fields';
import { sendPage } from '../web/page-parts';

// "Lost your link?" (and /track without a token): mails fresh tracking links for the open
// cases of a verified address. Counted per client (RateLimited) and per address (the service).
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@Controller('track')
export class LostLinkController {
  constructor(
    private readonly lostLinks: LostLinkService,
    private readonly formTokens: FormTokens,
  ) {}

  @Get()
  async withoutToken(@Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, lostLinkPage(await this.formTokens.issue()));
  }

  @Get('lost')
  async form(@Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, lostLinkPage(await this.formTokens.issue()));
  }

  @Post('lost')
  @RateLimited('lost-link')
  async request(@Body() body: Record<string, unknown> | undefined, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const values = pickValues(
      body ?? {},
      LOST_LINK_FIELDS.map((field) => field.name),
    );
    const token = await this.formTokens.check(pickValues(body ?? {}, [FORM_TOKEN_FIELD])[FORM_TOKEN_FIELD]);
    if (!token.valid) return sendPage(reply, 422, lostLinkPage(await this.formTokens.issue(), { values, errors: [formTokenError(token.reason)] }));
    const { value, errors } = await validateAs(LostLinkDto, values);
    if (errors.length) return sendPage(reply, 422, lostLinkPage(await this.formTokens.issue(), { values, errors }));
    await this.lostLinks.request(value.email, meta);
    sendPage(reply, 200, lostLinkSentPage());
  }
}
