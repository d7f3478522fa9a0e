import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { Database } from '../database/database.service';
import { EventSealService, SealingResult } from '../events/event-seal.service';
import { EventVerifier, VerificationReport } from '../events/event-verifier';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { AuditEvent, csvEventLine, csvHeader, EXPORT_CONTENT_TYPES, ExportFormat, exportFileName, ndjsonEventLine } from './audit-export';
import { decodeEventCursor, encodeEventCursor, EventFilterInput, EventFilters, toEventFilters } from './audit-query';
import { AuditRepository } from './audit.repository';
import { EventExportQueryDto, EventFilterDto, EventQueryDto } from './dto/event-query.dto';

export interface EventPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface EventExport {
  stream: Readable;
  contentType: string;
  fileName: string;
  rowCount: number;
}

export type SealWarning = NonNullable<Awaited<ReturnType<EventSealService['unsealedWarning']>>>;

const DEFAULT_PAGE_SIZE = 50;
// Rows per query while exporting: memory stays flat whatever the size of the log.
const EXPORT_BATCH = 1000;

// The admin's view of the event log: search, export, verification and sealing.
@Injectable()
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditRepository,
    private readonly sealer: EventSealService,
    private readonly verifier: EventVerifier,
  ) {}

  async listEvents(actor: StaffActor, query: EventQueryDto): Promise<EventPage> {
    requireAccess(actor, 'events.read');
    const filters = this.filtersOf(query);
    const beforeId = query.cursor ? decodeEventCursor(query.cursor) : undefined;
    if (beforeId === null) throw DeskError.validation([{ field: 'cursor', message: 'This cursor is not valid; start from the first page.' }]);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One more than asked tells whether there is a next page.
    const rows = await this.audit.findEventPage(filters, { beforeId, limit: limit + 1 });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeEventCursor(items[items.length - 1].id) : null };
  }

  // Counts and logs first, then streams: the export is on record before any row leaves.
  // It reads up to the newest event id at that moment, so the count matches what it
  // writes (unless a transaction still open then commits an older id meanwhile).
  async exportEvents(actor: StaffActor, query: EventExportQueryDto, meta: RequestMeta): Promise<EventExport> {
    requireAccess(actor, 'events.read');
    const format: ExportFormat = query.format ?? 'csv';
    const filters = this.filtersOf(query);
    const upToId = await this.audit.findLatestEventId();
    const rowCount = upToId ? await this.audit.countEvents(filters, upToId) : 0;
    await this.db.repos.events.append({
      actor: { type: 'staff', id: actor.id, role: actor.role },
      action: 'events.exported',
      subject: { type: 'event_log', id: 'events' },
      data: { format, filters: givenFilters(query), rowCount, upToEventId: upToId },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
    return {
      stream: Readable.from(this.exportChunks(format, filters, upToId), { objectMode: false }),
      contentType: EXPORT_CONTENT_TYPES[format],
      fileName: exportFileName(format, new Date()),
      rowCount,
    };
  }

  // The verifier records its own run in the log (`events.verified`).
  verify(actor: StaffActor, meta: RequestMeta): Promise<VerificationReport> {
    requireAccess(actor, 'events.read');
    return this.verifier.verify(actor, meta);
  }

  // Sealing spans one transaction per seal inside the sealer, so the admin's request is
  // recorded after it, with what it sealed.
  async sealNow(actor: StaffActor, meta: RequestMeta): Promise<SealingResult> {
    requireAccess(actor, 'events.read');
    const result = await this.sealer.sealPending();
    await this.db.repos.events.append({
      actor: { type: 'staff', id: actor.id, role: actor.role },
      action: 'events.sealed',
      subject: { type: 'event_log', id: 'events' },
      data: { seals: result.seals, events: result.events },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
    return result;
  }

  // Events that waited longer than UNSEALED_WARNING_SECONDS: the sealing job may be stuck.
  sealWarning(actor: StaffActor): Promise<SealWarning | null> {
    requireAccess(actor, 'events.read');
    return this.sealer.unsealedWarning();
  }

  // Everyone who can appear as an actor, for the person filter.
  staffActors(actor: StaffActor): Promise<Array<{ id: string; name: string; role: string }>> {
    requireAccess(actor, 'events.read');
    return this.audit.findStaffActors();
  }

  private filtersOf(input: EventFilterInput): EventFilters {
    const { filters, errors } = toEventFilters(input);
    if (errors.length) throw DeskError.validation(errors);
    return filters;
  }

  private async *exportChunks(format: ExportFormat, filters: EventFilters, upToId: string | null): AsyncGenerator<Buffer> {
    if (format === 'csv') yield Buffer.from(csvHeader());
    if (!upToId) return;
    const line = format === 'csv' ? csvEventLine : ndjsonEventLine;
    let beforeId: string | undefined;
    for (;;) {
      const batch = await this.audit.findEventPage(filters, { beforeId, upToId, limit: EXPORT_BATCH });
      if (batch.length) yield Buffer.from(batch.map(line).join(''));
      if (batch.length < EXPORT_BATCH) return;
      beforeId = batch[batch.length - 1].id;
    }
  }
}

// The filters as the admin gave them, for the export's event.
function givenFilters(query: EventFilterDto): Record<string, string> {
  const keys: Array<keyof EventFilterDto> = ['actor', 'action', 'subject', 'case', 'from', 'to', 'q'];
  return Object.fromEntries(keys.filter((key) => query[key] !== undefined).map((key) => [key, String(query[key])]));
}
