import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError, FieldError } from '../common/desk-error';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { sendPage } from '../web/page-parts';
import { CreateSenderDto, CreateSenderKeyDto, UpdateSenderDto } from './dto/sender.dto';
import { EDIT_FIELDS, senderPage, SenderPageState } from './sender-page';
import { sendersPage, SendersPageState } from './senders-pages';
import { SendersService } from './senders.service';

type Plain = Record<string, unknown>;

// /desk/senders: the senders API for people (admins). The service checks the role.
@ApiExcludeController()
@Controller('desk')
@StaffOnly('senders.manage')
export class SendersPageController {
  constructor(private readonly senders: SendersService) {}

  @Get('senders')
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    await this.render(reply, 200, { actor, csrfToken, done: typeof done === 'string' ? done : undefined });
  }

  @Post('senders')
  async register(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Body() body: Plain, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const fields = ['name', 'kind', 'contactName', 'contactEmail', 'contactAddress', 'contactPhone', 'rateLimitPerMinute'] as const;
    const values = Object.fromEntries(fields.map((field) => [field, text(body[field])]));
    const rate = values.rateLimitPerMinute.trim();
    const { value, errors } = await validateAs(CreateSenderDto, { ...values, rateLimitPerMinute: rate === '' ? undefined : /^\d{1,9}$/.test(rate) ? Number(rate) : rate });
    const again = (status: number, fieldErrors: FieldError[]) => this.render(reply, status, { actor, csrfToken, values, errors: fieldErrors });
    if (errors.length) return again(422, errors);
    try {
      await this.senders.register(actor, value, meta);
    } catch (error) {
      if (error instanceof DeskError && (error.status === 409 || error.status === 422)) return again(error.status, error.errors);
      throw error;
    }
    reply.status(303).header('location', '/desk/senders?done=registered').send();
  }

  // Answers with the page itself (no redirect): the new key must not travel in a URL.
  @Post('senders/keys')
  async issueKey(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Body() body: Plain, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const allowedTypes = (Array.isArray(body.allowedTypes) ? body.allowedTypes : body.allowedTypes === undefined ? [] : [body.allowedTypes]).map(text);
    const keyValues = { organisationId: text(body.organisationId), keyName: text(body.keyName), expiresInDays: text(body.expiresInDays), allowedTypes };
    const days = keyValues.expiresInDays.trim();
    const { value, errors } = await validateAs(CreateSenderKeyDto, {
      name: keyValues.keyName,
      allowedTypes,
      expiresInDays: days === '' ? undefined : /^\d{1,6}$/.test(days) ? Number(days) : days,
    });
    const fieldErrors = errors.map((error) => (error.field === 'name' ? { ...error, field: 'keyName' } : error));
    if (!allowedTypes.length) fieldErrors.push({ field: 'allowedTypes', message: 'Allow at least one notice type.' });
    const again = (status: number, shown: FieldError[]) => this.render(reply, status, { actor, csrfToken, keyValues, errors: shown });
    if (fieldErrors.length) return again(422, fieldErrors);
    try {
      const { key, record } = await this.senders.issueKey(actor, keyValues.organisationId, value, meta);
      const organisation = (await this.senders.get(actor, record.organisationId)).name;
      await this.render(reply, 201, { actor, csrfToken, created: { key, keyName: record.name, organisation } });
    } catch (error) {
      if (error instanceof DeskError && error.status === 404) return again(422, [{ field: 'organisationId', message: 'Choose an organisation from the list.' }]);
      throw error;
    }
  }

  @Get('senders/:id')
  async showOne(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Param('id') id: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    await this.renderOne(reply, 200, id, { actor, csrfToken, done: typeof done === 'string' ? done : undefined });
  }

  // The edit form: every field is sent; an unchanged date stays as stored (it may carry a time).
  @Post('senders/:id')
  async update(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('id') id: string,
    @Body() body: Plain,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const current = await this.senders.get(actor, id);
    const values = Object.fromEntries(EDIT_FIELDS.map((field) => [field.name, text(body[field.name])]));
    const version = text(body.version).trim();
    const rate = values.rateLimitPerMinute.trim();
    const until = values.suspendedUntil.trim();
    const { value, errors } = await validateAs(UpdateSenderDto, {
      ...values,
      version: /^\d{1,9}$/.test(version) ? Number(version) : version,
      rateLimitPerMinute: /^\d{1,9}$/.test(rate) ? Number(rate) : rate,
      suspendedUntil: current.suspendedUntil && until === current.suspendedUntil.toISOString().slice(0, 10) ? undefined : until,
    });
    const again = (status: number, extra: Partial<SenderPageState>) => this.renderOne(reply, status, id, { actor, csrfToken, values, ...extra });
    if (errors.length) return again(422, { errors, version: Number(version) || current.version });
    try {
      const saved = await this.senders.update(actor, id, value, meta);
      reply
        .status(303)
        .header('location', `/desk/senders/${id}?done=${saved.version === current.version ? 'unchanged' : 'saved'}`)
        .send();
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      if (error.code === 'stale_version') return again(409, { problem: error.detail, version: error.extra.currentVersion as number });
      if (error.status === 409 || error.status === 422) return again(error.status, { errors: error.errors, version: value.version });
      throw error;
    }
  }

  @Post('sender-keys/:id/revoke')
  async revoke(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() body: Plain, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const key = await this.senders.revokeKey(actor, id, meta);
    const back = body?.back === 'organisation' ? `/desk/senders/${key.organisationId}` : '/desk/senders';
    reply.status(303).header('location', `${back}?done=revoked`).send();
  }

  private async renderOne(reply: FastifyReply, status: number, id: string, state: Omit<SenderPageState, 'sender' | 'history' | 'suspensions'>): Promise<void> {
    sendPage(reply, status, senderPage({ ...state, ...(await this.senders.organisationPage(state.actor, id)) }));
  }

  private async render(reply: FastifyReply, status: number, state: Omit<SendersPageState, 'senders'>): Promise<void> {
    sendPage(reply, status, sendersPage({ ...state, senders: await this.senders.list(state.actor) }));
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
