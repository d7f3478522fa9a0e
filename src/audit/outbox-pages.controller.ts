import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemFilter } from '../common/problem.filter';
import { validateAs } from '../common/validation';
import { sendPage } from '../web/page-parts';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { formValuesOfQuery, OUTBOX_FILTER_NAMES, OutboxPageState, outboxPage, pick } from './audit-pages';
import { OutboxQueryDto } from './dto/outbox-query.dto';
import { OutboxService } from './outbox.service';

// /admin/outbox: the messages table for people — what was sent to whom, when, and how
// its delivery went.
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('messages.read')
@Controller('admin/outbox')
export class OutboxPagesController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  async show(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = formValuesOfQuery(query);
    const kinds = await this.outbox.kinds(actor);
    const send = (status: number, state: Partial<OutboxPageState>) => sendPage(reply, status, outboxPage({ actor, csrfToken, values, kinds, ...state }));
    const { value, errors } = await validateAs(OutboxQueryDto, pick(values, [...OUTBOX_FILTER_NAMES, 'cursor', 'limit']));
    if (errors.length) return send(422, { errors });
    try {
      return send(200, { result: await this.outbox.list(actor, value) });
    } catch (error) {
      if (error instanceof DeskError && error.code === 'validation_failed') return send(422, { errors: error.errors });
      throw error;
    }
  }
}
