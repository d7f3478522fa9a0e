// The export formats of the audit log: CSV (RFC 4180) for spreadsheets, NDJSON for tools.
// Pure functions: the service feeds them rows batch by batch.

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

// The shape of one event in the API, the NDJSON export and (flattened) the CSV export.
export interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: { type: string; id: string | null; role: string | null; name: string | null };
  action: string;
  subject: { type: string; id: string };
  caseReference: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  data: Record<string, unknown>;
  visibility: string;
  requestId: string | null;
  clientNetwork: string | null;
}

export const CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_role',
  'actor_name',
  'action',
  'subject_type',
  'subject_id',
  'case_reference',
  'changes',
  'data',
  'visibility',
  'request_id',
  'client_network',
] as const;

// A spreadsheet runs a cell that starts with = + - @ (or a tab/CR that it strips first) as
// a formula: a notifier's name like `=HYPERLINK(...)` must arrive as text (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

export function csvEventLine(event: AuditEvent): string {
  return csvLine([
    event.id,
    event.occurredAt,
    event.actor.type,
    event.actor.id,
    event.actor.role,
    event.actor.name,
    event.action,
    event.subject.type,
    event.subject.id,
    event.caseReference,
    event.changes,
    event.data,
    event.visibility,
    event.requestId,
    event.clientNetwork,
  ]);
}

export function ndjsonEventLine(event: AuditEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export function exportFileName(format: ExportFormat, at: Date): string {
  return `takedown-desk-events-${at.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.${format === 'csv' ? 'csv' : 'ndjson'}`;
}
