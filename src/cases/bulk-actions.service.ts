import { Injectable, Logger } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import { toProblem } from '../common/problem.filter';
import type { RequestMeta } from '../common/request-meta';
import { Database } from '../database/database.service';
import { can, requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import type { CaseStatus } from './case.entity';
import { STATUS_NAMES } from './case-labels';
import { CaseWorkflowService } from './case-workflow.service';
import { BulkAction, BulkActionDto, BulkCaseDto, BulkCaseResultDto, BulkResponseDto } from './dto/bulk.dto';

type Assignee = { id: string; name: string | null } | null;

// What each action did, and what it did not, in the words of the result list.
const DONE: Record<BulkAction, (dto: BulkActionDto, assignee: Assignee) => string> = {
  assign: (_, assignee) => `assigned to ${assignee?.name ?? 'nobody'}`,
  escalate: () => 'escalated to legal',
  close_duplicate: (dto) => `closed as a duplicate of ${dto.duplicateOf}`,
  note: () => 'note added',
};
const NOT_DONE: Record<BulkAction, string> = {
  assign: 'not assigned',
  escalate: 'not escalated',
  close_duplicate: 'not closed as a duplicate',
  note: 'no note added',
};

// Bulk actions on the queue: each case goes through the single action on its own (its own
// transaction, version check and event), one after the other, so one refusal stops nothing.
// What the role may not do at all is refused once, before any case is touched.
@Injectable()
export class BulkActionsService {
  private readonly logger = new Logger(BulkActionsService.name);

  constructor(
    private readonly workflow: CaseWorkflowService,
    private readonly db: Database,
  ) {}

  async apply(actor: StaffActor, dto: BulkActionDto, meta: RequestMeta): Promise<BulkResponseDto> {
    const assignee = await this.check(actor, dto);
    const results: BulkCaseResultDto[] = [];
    const names = new StaffNames(this.db, actor, assignee);
    for (const selected of dto.cases) results.push(await this.applyOne(actor, dto, selected, meta, names));
    const done = results.filter((result) => result.status < 300).length;
    return { results, done, refused: results.length - done };
  }

  // Refuses the whole request, or answers with the other person it assigns to, if any.
  private async check(actor: StaffActor, dto: BulkActionDto): Promise<{ id: string; name: string } | null> {
    requireAccess(actor, dto.action === 'note' ? 'cases.note' : 'cases.transition');
    const seen = new Set<string>();
    const errors = dto.cases.flatMap((selected, index) => {
      if (!seen.has(selected.reference)) return seen.add(selected.reference) && [];
      return [{ field: `cases[${index}].reference`, message: 'This case is listed twice.' }];
    });
    if (errors.length) throw DeskError.validation(errors);
    if (dto.action !== 'assign' || !dto.assigneeId || dto.assigneeId === actor.id) return null;
    const assignee = await this.db.repos.cases.findActiveStaff(dto.assigneeId);
    if (!assignee) {
      throw DeskError.validation([{ field: 'assigneeId', message: 'No active staff member has this id.' }]);
    }
    if (!can(actor, 'cases.assign_others')) {
      throw new DeskError(403, 'forbidden', 'Not allowed', `Your role (${actor.role}) may assign cases only to yourself.`, [
        { field: 'assigneeId', message: 'You may assign cases only to yourself.' },
      ]);
    }
    return assignee;
  }

  // Each case through the single action's own path (apply / recordNote: the transition
  // without the full case description a single action answers with).
  private async applyOne(actor: StaffActor, dto: BulkActionDto, selected: BulkCaseDto, meta: RequestMeta, names: StaffNames): Promise<BulkCaseResultDto> {
    const { reference } = selected;
    try {
      const after =
        dto.action === 'note' ? await this.workflow.recordNote(actor, reference, dto.note!, meta) : await this.workflow.apply(actor, reference, bodyOf(dto, selected), meta);
      const assignee = after.assigneeId ? { id: after.assigneeId, name: await names.of(after.assigneeId) } : null;
      return {
        reference,
        status: 200,
        message: `${reference}: ${DONE[dto.action](dto, assignee)}`,
        case: { version: after.version, status: after.status, assignee },
      };
    } catch (error) {
      // Anything but a refusal is logged with the request id; the other cases still go ahead.
      const refusal = error instanceof DeskError && error.status < 500 ? error : null;
      if (!refusal) this.logger.error(`Bulk ${dto.action} on ${reference} failed`, error instanceof Error ? error.stack : String(error));
      const { case: current, ...problem } = toProblem(error, meta.requestId) as unknown as Record<string, unknown>;
      const latest = current as { version: number; status: CaseStatus } | undefined;
      if (latest) Object.assign(problem, { currentVersion: latest.version, currentStatus: latest.status });
      const why = refusal ? await this.why(refusal, reference, latest) : 'something went wrong on our side';
      return { reference, status: problem.status as number, message: `${reference}: ${NOT_DONE[dto.action]}: ${why}`, problem };
    }
  }

  private async why(error: DeskError, reference: string, latest: { version: number; status: CaseStatus } | undefined): Promise<string> {
    switch (error.code) {
      case 'invalid_transition': {
        const now = await this.db.repos.cases.findByReference(reference);
        return now ? `it is ${STATUS_NAMES[now.status].toLowerCase()}` : 'it cannot be moved that way now';
      }
      case 'stale_version':
        return `it changed since you loaded the page (now version ${latest?.version}, ${STATUS_NAMES[latest!.status].toLowerCase()})`;
      case 'not_assignee':
        return 'it is assigned to someone else';
      case 'forbidden_role':
      case 'forbidden':
        return 'your role may not do this';
      case 'not_found':
        return 'there is no such case';
      case 'validation_failed':
        return error.errors.map((fieldError) => fieldError.message).join(' ') || error.detail;
      default:
        return error.detail;
    }
  }
}

function bodyOf(dto: BulkActionDto, selected: BulkCaseDto): Record<string, unknown> {
  const body: Record<string, unknown> = { action: dto.action, version: selected.version };
  if (dto.action === 'assign' && dto.assigneeId) body.assigneeId = dto.assigneeId;
  if (dto.action === 'escalate') body.reason = dto.reason;
  if (dto.action === 'close_duplicate') body.duplicateOf = dto.duplicateOf;
  return body;
}

// Staff names for the result list, each looked up once per request (the actor's and the
// assignee's check() read are known already).
class StaffNames {
  private readonly known = new Map<string, string | null>();

  constructor(
    private readonly db: Database,
    actor: StaffActor,
    assignee: { id: string; name: string } | null,
  ) {
    this.known.set(actor.id, actor.name);
    if (assignee) this.known.set(assignee.id, assignee.name);
  }

  async of(id: string): Promise<string | null> {
    if (!this.known.has(id)) {
      this.known.set(id, (await this.db.repos.users.findById(id))?.name ?? null);
    }
    return this.known.get(id) ?? null;
  }
}
