import { EntityManager } from 'typeorm';
import { likePattern, QueueCursor } from '../cases/case-queue';
import { CaseReferenceMatch, caseNumberPattern } from '../cases/case-reference';
import type { MessageState } from '../messages/message.entity';
import type { AuditEvent } from './audit-export';
import type { EventFilters } from './audit-query';

export interface EventWindow {
  // Newest first: only events with a smaller id than `beforeId`, none above `upToId`.
  beforeId?: string;
  upToId?: string;
  limit: number;
}

export interface MessageFilters {
  kind?: string;
  recipientRole?: 'notifier' | 'author' | 'staff';
  state?: MessageState;
  case?: CaseReferenceMatch;
  to?: string;
  cursor?: QueueCursor;
  limit: number;
}

export interface OutboxMessage {
  id: string;
  createdAt: Date;
  caseReference: string | null;
  kind: string;
  recipientRole: string;
  toAddress: string | null;
  subject: string;
  body: string;
  state: MessageState;
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  // created_at with its microseconds, for the next page's cursor.
  cursorKey: string;
}

interface EventRow {
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  case_reference: string | null;
  changes: AuditEvent['changes'];
  data: AuditEvent['data'];
  visibility: string;
  request_id: string | null;
  client_network: string | null;
}

const EVENT_COLUMNS = `e.id::text AS id, e.occurred_at, e.actor_type, e.actor_id, e.actor_role, u.name AS actor_name, e.action,
  e.subject_type, e.subject_id, e.case_reference, e.changes, e.data, e.visibility, e.request_id, e.client_network`;

// Staff actors are named from the users table; actor_id is text (system actors have words).
const EVENT_FROM = `events e LEFT JOIN users u ON e.actor_type = 'staff' AND u.id::text = e.actor_id`;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// The audit log's and the outbox's read queries. Writes to `events` go through
// EventRepository.append, in the transaction of the change they record.
export class AuditRepository {
  constructor(private readonly manager: EntityManager) {}

  async findEventPage(filters: EventFilters, window: EventWindow): Promise<AuditEvent[]> {
    const params = new Params();
    const where = this.eventConditions(filters, params);
    if (window.beforeId) where.push(`e.id < ${params.add(window.beforeId)}`);
    if (window.upToId) where.push(`e.id <= ${params.add(window.upToId)}`);
    const rows: EventRow[] = await this.manager.query(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} ${whereClause(where)} ORDER BY e.id DESC LIMIT ${params.add(window.limit)}`,
      params.values,
    );
    return rows.map(toAuditEvent);
  }

  async countEvents(filters: EventFilters, upToId: string): Promise<number> {
    const params = new Params();
    const where = [...this.eventConditions(filters, params), `e.id <= ${params.add(upToId)}`];
    const rows: Array<{ count: number }> = await this.manager.query(`SELECT count(*)::int AS count FROM ${EVENT_FROM} ${whereClause(where)}`, params.values);
    return rows[0].count;
  }

  // The newest event id: an export reads up to it, so what it counted is what it writes.
  async findLatestEventId(): Promise<string | null> {
    const rows: Array<{ id: string | null }> = await this.manager.query('SELECT max(id)::text AS id FROM events');
    return rows[0].id;
  }

  // Staff who appear as actors (the person filter), active or not.
  findStaffActors(): Promise<Array<{ id: string; name: string; role: string }>> {
    return this.manager.query('SELECT id, name, role FROM users ORDER BY lower(name), id');
  }

  async findMessagePage(filters: MessageFilters): Promise<OutboxMessage[]> {
    const params = new Params();
    const where: string[] = [];
    if (filters.kind) where.push(`m.kind = ${params.add(filters.kind)}`);
    if (filters.recipientRole) where.push(`m.recipient_role = ${params.add(filters.recipientRole)}`);
    if (filters.state) where.push(`m.state = ${params.add(filters.state)}`);
    if (filters.case) where.push(referenceCondition('c.reference', filters.case, params));
    if (filters.to) where.push(`m.to_address ILIKE ${params.add(likePattern(filters.to))}`);
    if (filters.cursor) where.push(`(m.created_at, m.id) < (${params.add(filters.cursor.key)}::timestamptz, ${params.add(filters.cursor.id)}::uuid)`);
    return this.manager.query(
      `SELECT m.id, m.created_at AS "createdAt", c.reference AS "caseReference", m.kind, m.recipient_role AS "recipientRole",
              m.to_address AS "toAddress", m.subject, m.body, m.state, m.attempts, m.sent_at AS "sentAt", m.last_error AS "lastError",
              CASE WHEN m.state IN ('queued', 'sending') THEN m.next_attempt_at END AS "nextAttemptAt",
              to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorKey"
       FROM messages m LEFT JOIN cases c ON c.id = m.case_id
       ${whereClause(where)}
       ORDER BY m.created_at DESC, m.id DESC
       LIMIT ${params.add(filters.limit)}`,
      params.values,
    );
  }

  async findMessageKinds(): Promise<string[]> {
    const rows: Array<{ kind: string }> = await this.manager.query('SELECT DISTINCT kind FROM messages ORDER BY kind');
    return rows.map((row) => row.kind);
  }

  private eventConditions(filters: EventFilters, params: Params): string[] {
    const where: string[] = [];
    if (filters.actor) {
      where.push(`e.actor_type = ${params.add(filters.actor.type)}`);
      if (filters.actor.id) where.push(`e.actor_id = ${params.add(filters.actor.id)}`);
    }
    if (filters.action && 'exact' in filters.action) where.push(`e.action = ${params.add(filters.action.exact)}`);
    if (filters.action && 'prefix' in filters.action) where.push(`starts_with(e.action, ${params.add(filters.action.prefix)})`);
    if (filters.subject) {
      where.push(`e.subject_type = ${params.add(filters.subject.type)}`);
      if (filters.subject.id) where.push(`e.subject_id = ${params.add(filters.subject.id)}`);
    }
    if (filters.case) where.push(referenceCondition('e.case_reference', filters.case, params));
    if (filters.from) where.push(`e.occurred_at >= ${params.add(filters.from)}`);
    if (filters.before) where.push(`e.occurred_at < ${params.add(filters.before)}`);
    if (filters.q) {
      const p = params.add(likePattern(filters.q));
      where.push(`(e.action ILIKE ${p} OR e.subject_id ILIKE ${p} OR e.case_reference ILIKE ${p} OR e.changes::text ILIKE ${p} OR e.data::text ILIKE ${p})`);
    }
    return where;
  }
}

// A whole reference is one index lookup; a number alone is that number in any year, found
// among the cases (a few years' worth) before the events or messages.
function referenceCondition(column: string, match: CaseReferenceMatch, params: Params): string {
  if ('reference' in match) return `${column} = ${params.add(match.reference)}`;
  return `${column} IN (SELECT reference FROM cases WHERE reference LIKE ${params.add(caseNumberPattern(match.number))})`;
}

function whereClause(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function toAuditEvent(row: EventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: { type: row.actor_type, id: row.actor_id, role: row.actor_role, name: row.actor_name },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    caseReference: row.case_reference,
    changes: row.changes ?? {},
    data: row.data ?? {},
    visibility: row.visibility,
    requestId: row.request_id,
    clientNetwork: row.client_network,
  };
}
