import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../cases/case-queue';
import { parseCaseReferenceInput } from '../cases/case-reference';
import { DeskError } from '../common/desk-error';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { AuditRepository, OutboxMessage } from './audit.repository';
import { OutboxQueryDto } from './dto/outbox-query.dto';

export interface OutboxPage {
  items: Array<Omit<OutboxMessage, 'cursorKey'>>;
  nextCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 50;

// The admin outbox: every message the desk sent or stored, newest first.
@Injectable()
export class OutboxService {
  constructor(private readonly audit: AuditRepository) {}

  async list(actor: StaffActor, query: OutboxQueryDto): Promise<OutboxPage> {
    requireAccess(actor, 'messages.read');
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (cursor === null || cursor?.key === null) throw DeskError.validation([{ field: 'cursor', message: 'This cursor is not valid; start from the first page.' }]);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.audit.findMessagePage({
      kind: query.kind,
      recipientRole: query.recipient,
      state: query.state,
      case: query.case ? (parseCaseReferenceInput(query.case) ?? undefined) : undefined,
      to: query.to,
      cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ cursorKey: _cursorKey, ...message }) => message),
      nextCursor: rows.length > limit && last ? encodeCursor({ key: last.cursorKey, id: last.id }) : null,
    };
  }

  kinds(actor: StaffActor): Promise<string[]> {
    requireAccess(actor, 'messages.read');
    return this.audit.findMessageKinds();
  }
}
