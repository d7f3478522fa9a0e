import type { FieldChanges } from '../events/event.entity';
import { NoticeDraft, NotifierKind } from './completeness';
import { DeskError } from '../common/desk-error';
import { MAX_ITEMS } from './dto/file-notice.dto';
import { SupplementNoticeDto } from './dto/supplement-notice.dto';
import { Notice } from './notice.entity';
import { attestationsFor } from './notice-types';

// Given fields replace what was filed; statements and details merge key by key.
export function mergeSupplement(notice: Notice, dto: Omit<SupplementNoticeDto, 'items' | 'itemReasons' | 'answer'>) {
  const notifier = { ...notice.notifier, ...definedOnly(dto.notifier) };
  const statements = { ...notice.statements, ...definedOnly(dto.statements) };
  const details: Record<string, unknown> = { ...notice.details, ...definedOnly(dto.details) };
  const fields = {
    notifier,
    principalName: dto.principal?.name ?? notice.principalName,
    workDescription: dto.work?.description ?? notice.workDescription,
    workOriginalUrls: dto.work?.originalUrls ?? notice.workOriginalUrls,
    explanation: dto.explanation ?? notice.explanation,
    statements,
    attestations: attestationsFor(notice.type, statements, details),
    signature: dto.signature ?? notice.signature,
    jurisdiction: dto.jurisdiction?.toUpperCase() ?? notice.jurisdiction,
    language: dto.language ?? notice.language,
    details,
  };
  const changes: FieldChanges = {};
  const compare = (path: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[path] = { before: before ?? null, after: after ?? null };
  };
  for (const key of Object.keys(notifier) as Array<keyof typeof notifier>) compare(`notifier.${key}`, notice.notifier[key], notifier[key]);
  compare('principal.name', notice.principalName, fields.principalName);
  compare('work.description', notice.workDescription, fields.workDescription);
  compare('work.originalUrls', notice.workOriginalUrls, fields.workOriginalUrls);
  compare('explanation', notice.explanation, fields.explanation);
  for (const key of Object.keys(statements) as Array<keyof typeof statements>) compare(`statements.${key}`, notice.statements[key], statements[key]);
  compare('signature', notice.signature, fields.signature);
  compare('jurisdiction', notice.jurisdiction, fields.jurisdiction);
  compare('language', notice.language, fields.language);
  for (const key of Object.keys(details)) compare(`details.${key}`, notice.details[key], details[key]);
  const draft: NoticeDraft = {
    type: notice.type,
    notifier: { ...notifier, kind: notifier.kind as NotifierKind | null },
    principal: { name: fields.principalName ?? undefined },
    work: { description: fields.workDescription ?? undefined, originalUrls: fields.workOriginalUrls },
    explanation: fields.explanation ?? undefined,
    statements,
    signature: fields.signature ?? undefined,
    jurisdiction: fields.jurisdiction ?? undefined,
    language: fields.language ?? undefined,
    details,
  };
  return { fields, changes, draft };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// The notice's items after a supplement: new URLs numbered after the filed ones, and the
// reasons given for filed items. Refuses more than MAX_ITEMS and reasons for items that do
// not exist.
export function supplementedItems<T extends object>(notice: Notice, matched: T[], itemReasons: Array<{ index: number; reason: string }>) {
  if (notice.items.length + matched.length > MAX_ITEMS) {
    throw DeskError.validation([{ field: 'items', message: `A notice holds at most ${MAX_ITEMS} URLs; this one has ${notice.items.length}. File the rest in another notice.` }]);
  }
  const badIndex = itemReasons.find((entry) => entry.index >= notice.items.length);
  if (badIndex) throw DeskError.validation([{ field: 'itemReasons', message: `The notice has no item ${badIndex.index} (it has ${notice.items.length}).` }]);
  const newItems = matched.map((item, index) => ({ ...item, position: notice.items.length + index }));
  const reasons = new Map(itemReasons.map((entry) => [entry.index, entry.reason]));
  const items = [...notice.items.map((item, index) => ({ ...item, reason: reasons.get(index) ?? item.reason })), ...newItems];
  return { newItems, reasons, items };
}
