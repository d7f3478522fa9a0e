import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { formValuesOf } from '../cases/desk-form';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, RequirePermission, StaffOnly } from '../staff/staff.decorators';
import { sendPage } from '../web/page-parts';
import { SuspensionAppealDecisionDto, SuspensionDecisionDto } from './dto/suspension-decision.dto';
import { MisuseForm, misusePage } from './misuse-pages';
import { MisuseService } from './misuse.service';

@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('cases.read')
@Controller('desk/misuse')
export class MisusePagesController {
  constructor(private readonly misuse: MisuseService) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query('done') done: unknown, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, 200, misusePage({ actor, csrfToken, listing: await this.misuse.list(actor), done: done === '1' }));
  }

  @Post('suspensions/:id/decision')
  @RequirePermission('misuse.decide')
  decide(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Param('id') id: string, @Body() body: unknown, @Meta() meta: RequestMeta, @Res() reply: FastifyReply) {
    const values = formValuesOf(body);
    const plain = { decision: values.decision, reasons: values.reasons, ...(values.days?.trim() ? { days: values.days.trim() } : {}) };
    return this.submit(actor, csrfToken, reply, { id, kind: 'decision', values, errors: [] }, SuspensionDecisionDto, plain, (dto) => this.misuse.decide(actor, id, dto, meta));
  }

  @Post('suspensions/:id/appeal-decision')
  @RequirePermission('misuse.decide')
  decideAppeal(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ) {
    const values = formValuesOf(body);
    return this.submit(
      actor,
      csrfToken,
      reply,
      { id, kind: 'appeal', values, errors: [] },
      SuspensionAppealDecisionDto,
      { outcome: values.outcome, answer: values.answer },
      (dto) => this.misuse.decideAppeal(actor, id, dto, meta),
    );
  }

  private async submit<T extends object>(
    actor: StaffActor,
    csrfToken: string,
    reply: FastifyReply,
    form: MisuseForm,
    dto: new () => T,
    plain: Record<string, unknown>,
    act: (value: T) => Promise<unknown>,
  ): Promise<void> {
    const { value, errors } = await validateAs(dto, plain);
    const again = async (status: number, extra: { errors?: typeof errors; problem?: string }) =>
      sendPage(reply, status, misusePage({ actor, csrfToken, listing: await this.misuse.list(actor), form: { ...form, errors: extra.errors ?? [] }, problem: extra.problem }));
    if (errors.length) return again(422, { errors });
    try {
      await act(value);
    } catch (error) {
      if (!(error instanceof DeskError) || error.status >= 500 || error.status === 404) throw error;
      return again(error.status, { problem: error.detail });
    }
    reply.status(303).header('location', '/desk/misuse?done=1').send();
  }
}
