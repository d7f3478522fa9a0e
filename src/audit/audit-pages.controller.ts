import { Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import type { FormValues } from '../web/form-fields';
import { sendPage } from '../web/page-parts';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { AuditPageState, auditPage } from './audit-log-page';
import { EVENT_FILTER_NAMES, formValuesOfQuery, pick } from './audit-pages';
import { toEventFilters } from './audit-query';
import { AuditService } from './audit.service';
import { EventQueryDto } from './dto/event-query.dto';

// /admin/audit: the event log for people, with the same filters as GET /api/v1/events,
// export links to the API and the verify button. A signed-out browser goes to sign in.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('events.read')
@Controller('admin/audit')
export class AuditPagesController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = formValuesOfQuery(query);
    const sealed = /^\d+$/.test(values.sealed ?? '') ? { events: Number(values.sealed) } : undefined;
    await this.render(reply, actor, csrfToken, values, { sealed });
  }

  // Answers with the page and the report (no redirect): the report is the result.
  @Post('verify')
  async verify(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query() query: unknown, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const report = await this.audit.verify(actor, meta);
    await this.render(reply, actor, csrfToken, formValuesOfQuery(query), { report });
  }

  @Post('seal')
  async seal(@CurrentStaff() actor: StaffActor, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.audit.sealNow(actor, meta);
    reply.status(303).header('location', `/admin/audit?sealed=${outcome.events}`).send();
  }

  private async render(reply: FastifyReply, actor: StaffActor, csrfToken: string, values: FormValues, extra: Partial<AuditPageState>): Promise<void> {
    const [staff, warning] = await Promise.all([this.audit.staffActors(actor), this.audit.sealWarning(actor)]);
    const send = (status: number, state: Partial<AuditPageState>) => sendPage(reply, status, auditPage({ actor, csrfToken, values, staff, warning, ...extra, ...state }));
    const { value, errors } = await validateAs(EventQueryDto, pick(values, [...EVENT_FILTER_NAMES, 'cursor', 'limit']));
    // A period that ends before it starts is said together with the other mistakes.
    const periodErrors = toEventFilters(value).errors.filter((error) => !errors.some((other) => other.field === error.field));
    if (errors.length) return send(422, { errors: [...errors, ...periodErrors] });
    try {
      return send(200, { result: await this.audit.listEvents(actor, value) });
    } catch (error) {
      // A period that ends before it starts, or a hand-edited cursor: said beside the filters.
      if (error instanceof DeskError && error.code === 'validation_failed') return send(422, { errors: error.errors });
      throw error;
    }
  }
}
