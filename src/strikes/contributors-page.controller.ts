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
import { contributorsPage } from './contributors-page';
import { AccountDecisionDto } from './dto/account-decision.dto';
import { pageNumber } from './strikes.controller';
import { StrikesService } from './strikes.service';

@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('cases.read')
@Controller('desk/contributors')
export class ContributorsPageController {
  constructor(private readonly strikes: StrikesService) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query('page') page: unknown, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    sendPage(reply, 200, contributorsPage({ actor, csrfToken, listing: await this.strikes.contributors(actor, pageNumber(page)), done: done === '1' }));
  }

  @Post('reviews/:id/decision')
  @RequirePermission('strikes.decide')
  async decide(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ) {
    const values = formValuesOf(body);
    const { value, errors } = await validateAs(AccountDecisionDto, { outcome: values.outcome, reasons: values.reasons });
    const again = async (status: number, extra: { errors?: typeof errors; problem?: string }) =>
      sendPage(
        reply,
        status,
        contributorsPage({ actor, csrfToken, listing: await this.strikes.contributors(actor, 1), form: { id, values, errors: extra.errors ?? [] }, problem: extra.problem }),
      );
    if (errors.length) return again(422, { errors });
    try {
      await this.strikes.decide(actor, id, value, meta);
    } catch (error) {
      if (!(error instanceof DeskError) || error.status !== 409) throw error;
      return again(409, { problem: error.detail });
    }
    reply.status(303).header('location', '/desk/contributors?done=1').send();
  }
}
