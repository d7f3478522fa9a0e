import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { ApiTokensService } from './api-tokens.service';
import { CreateApiTokenDto } from './dto/api-token.dto';
import type { StaffActor } from './staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from './staff.decorators';
import { tokensPage } from './staff-pages';
import { sendPage } from '../web/page-parts';

// /account/tokens: the same as the tokens API, for people.
@ApiExcludeController()
@Controller('account/tokens')
@StaffOnly('tokens.own')
export class AccountTokensPageController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    const tokens = await this.tokens.listMine(actor);
    sendPage(reply, 200, tokensPage({ actor, csrfToken, tokens, done: typeof done === 'string' ? done : undefined }));
  }

  // Answers with the page itself (no redirect): the new token must not travel in a URL.
  @Post()
  async create(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Body() body: Record<string, unknown>,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = { name: text(body.name), expiresInDays: text(body.expiresInDays) };
    const days = values.expiresInDays.trim();
    const { value, errors } = await validateAs(CreateApiTokenDto, { name: values.name, expiresInDays: days === '' ? undefined : /^\d{1,6}$/.test(days) ? Number(days) : days });
    if (errors.length) {
      sendPage(reply, 422, tokensPage({ actor, csrfToken, tokens: await this.tokens.listMine(actor), values, errors }));
      return;
    }
    const { token, record } = await this.tokens.create(actor, value, meta);
    sendPage(reply, 201, tokensPage({ actor, csrfToken, tokens: await this.tokens.listMine(actor), created: { token, name: record.name } }));
  }

  @Post(':id/revoke')
  async revoke(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    await this.tokens.revoke(actor, id, meta);
    reply.status(303).header('location', '/account/tokens?done=revoked').send();
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
