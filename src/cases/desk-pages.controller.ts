import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { caseEvidence } from '../attachments/case-evidence';
import { DeskError, FieldError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { ProblemFilter } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { sendPage } from '../web/page-parts';
import type { StaffActor } from '../staff/staff-actor';
import { Csrf, CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { CaseWorkflowService } from './case-workflow.service';
import type { StaffAction } from './case-workflow';
import { CasesService, QueuePage } from './cases.service';
import { formErrorsOf, formValuesOf, queueFilterValues, readDeskForm } from './desk-form';
import { casePage } from './case-page';
import type { CaseDetail } from './case-labels';
import type { CasePageState } from './case-page-context';
import { queuePage } from './queue-page';
import { BulkActionsService } from './bulk-actions.service';
import { bulkFormErrors, queryOf, readBulkForm } from './bulk-form';
import { bulkResultPage, BulkFormState } from './bulk-page';
import { BulkActionDto } from './dto/bulk.dto';
import { CASE_STATUSES } from './case.entity';
import { AddNoteDto } from './dto/note.dto';
import { QueueQueryDto } from './dto/queue-query.dto';

// The editors' desk for people: the same queue, case and transitions as /api/v1/cases,
// as pages and url-encoded forms. A refused form comes back with what was typed; a
// signed-out browser is sent to the sign-in page (alwaysHtml turns the 401 into a redirect).
@ApiExcludeController()
@UseFilters(new ProblemFilter({ alwaysHtml: true }))
@StaffOnly('cases.read')
@Controller('desk')
export class DeskPagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly db: Database,
    private readonly bulkActions: BulkActionsService,
  ) {}

  @Get()
  async queue(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    // `select=all` ticks every box of the bulk form; it is not a filter.
    const { select, ...filters } = query ?? {};
    return this.renderQueue(actor, csrfToken, filters, reply, { selectAll: select === 'all' });
  }

  // The queue's bulk form: each ticked case through the single action, then (303) a page
  // that says what happened to each: kept as a bulk run, so refreshing it sends nothing
  // again. A refused form comes back on the queue with the boxes kept.
  @Post('bulk')
  async bulk(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Body() body: unknown, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const form = readBulkForm(body);
    const refused = (errors: FieldError[]) =>
      this.renderQueue(actor, csrfToken, form.filterQuery, reply, {
        status: 422,
        bulk: { selected: new Set(form.selected), versions: form.versions, values: form.values, errors: bulkFormErrors(errors) },
      });
    const { value, errors } = await validateAs(BulkActionDto, form.body);
    if (errors.length) return refused(errors);
    try {
      const answer = await this.bulkActions.apply(actor, value, meta);
      const run = await this.db.repos.bulkRuns.insert({
        actorId: actor.id,
        action: value.action,
        results: answer.results.map(({ reference, status, message }) => ({ reference, status, message })),
        queueQuery: form.queueQuery,
      });
      reply.status(303).header('location', `/desk/bulk/${run}`).send();
    } catch (error) {
      // Refused as a whole (assigning someone else, a case listed twice): nothing was done.
      if (error instanceof DeskError && error.errors.length && error.status < 500) return refused(error.errors);
      throw error;
    }
  }

  // What a bulk form did, for the staff member who sent it (anyone else: not found).
  @Get('bulk/:id')
  async bulkRun(@CurrentStaff() actor: StaffActor, @Csrf() csrfToken: string, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const run = isUUID(id) ? await this.db.repos.bulkRuns.findForActor(id, actor.id) : null;
    if (!run) throw DeskError.notFound('There is no such bulk action of yours.');
    const filters = queueFilterValues(queryOf(run.queueQuery));
    sendPage(reply, 200, bulkResultPage({ actor, csrfToken, action: run.action, results: run.results, filters, at: run.createdAt }));
  }

  private async renderQueue(
    actor: StaffActor,
    csrfToken: string,
    query: Record<string, unknown>,
    reply: FastifyReply,
    extra: { status?: number; bulk?: BulkFormState; selectAll?: boolean },
  ): Promise<void> {
    const filters = queueFilterValues(query);
    const staff = await this.cases.staffDirectory(actor);
    const render = (status: number, result?: QueuePage, errors: FieldError[] = []) =>
      sendPage(reply, status, queuePage({ actor, csrfToken, filters, staff, now: new Date(), result, errors, bulk: extra.bulk, selectAll: extra.selectAll }));
    const { value, errors } = await validateAs(QueueQueryDto, query);
    if (errors.length) return render(422, undefined, errors);
    try {
      // A search on the page looks through every case, closed ones too, unless a status is chosen.
      const everyStatus = value.q && !value.status?.length;
      return render(extra.status ?? 200, await this.cases.queue(actor, everyStatus ? { ...value, status: [...CASE_STATUSES] } : value));
    } catch (error) {
      // A stale or hand-edited cursor: say so beside the filters rather than fail.
      if (error instanceof DeskError && error.code === 'validation_failed') return render(422, undefined, error.errors);
      throw error;
    }
  }

  @Get('cases/:reference')
  async show(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('reference') reference: string,
    @Query('done') done: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const detail = await this.cases.detail(actor, reference);
    sendPage(reply, 200, await this.casePage(actor, csrfToken, detail, { done: typeof done === 'string' ? done : undefined }));
  }

  @Post('cases/:reference/transitions')
  async transition(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('reference') reference: string,
    @Body() body: unknown,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = readDeskForm(body);
    try {
      await this.workflow.transition(actor, reference, form.body, meta);
    } catch (error) {
      if (!(error instanceof DeskError) || error.status === 404 || error.status >= 500) throw error;
      const fieldErrors = error.code === 'validation_failed' ? formErrorsOf(form.values, error.errors) : [];
      const submitted = { action: form.action as StaffAction, values: form.values, errors: fieldErrors };
      // A stale version carries the current case: show it, with the typed text and the new version.
      if (error.code === 'stale_version') {
        const current = error.extra.case as CaseDetail;
        return sendPage(reply, 409, await this.casePage(actor, csrfToken, current, { form: submitted, conflict: form.seen }));
      }
      const current = await this.cases.detail(actor, reference);
      const problem = fieldErrors.length ? undefined : { title: error.title, detail: error.detail };
      return sendPage(reply, error.status, await this.casePage(actor, csrfToken, current, { form: submitted, problem }));
    }
    reply
      .status(303)
      .header('location', `/desk/cases/${encodeURIComponent(reference)}?done=${encodeURIComponent(form.action)}`)
      .send();
  }

  @Post('cases/:reference/notes')
  async addNote(
    @CurrentStaff() actor: StaffActor,
    @Csrf() csrfToken: string,
    @Param('reference') reference: string,
    @Body() body: unknown,
    @Meta() meta: RequestMeta,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = formValuesOf(body);
    const { value, errors } = await validateAs(AddNoteDto, { body: values.body });
    if (errors.length) {
      const current = await this.cases.detail(actor, reference);
      return sendPage(reply, 422, await this.casePage(actor, csrfToken, current, { form: { action: 'note', values, errors } }));
    }
    await this.workflow.addNote(actor, reference, value.body, meta);
    reply
      .status(303)
      .header('location', `/desk/cases/${encodeURIComponent(reference)}?done=note`)
      .send();
  }

  private async casePage(actor: StaffActor, csrfToken: string, detail: CaseDetail, extra: Partial<CasePageState>): Promise<string> {
    const staff = await this.cases.staffDirectory(actor);
    const evidence = await caseEvidence(this.db, actor, detail, csrfToken, new Map(staff.map((member) => [member.id, member.name])));
    return casePage({ actor, csrfToken, detail, staff, now: new Date(), evidence, ...extra });
  }
}
