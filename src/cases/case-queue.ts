import type { NoticeType } from '../notices/completeness';
import type { CasePriority, CaseStatus } from './case.entity';

export type QueueSort = 'due' | 'received' | '-received';

// Cases whose nearest clock is overdue, or due within the next 24 hours or 7 days (overdue included).
export const DUE_WINDOWS = ['overdue', '24h', '7d'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

export interface QueueFilters {
  statuses: CaseStatus[];
  type?: NoticeType;
  // 'me' and 'unassigned' resolved by the service: null = unassigned.
  assigneeId?: string | null;
  priority?: CasePriority;
  overdue?: boolean;
  due?: DueWindow;
  notifier?: string;
  articleId?: string;
  q?: string;
  sort: QueueSort;
  cursor?: QueueCursor;
  limit: number;
}

export interface QueueCursor {
  // The sort key of the last row seen (ISO time or null: received, or the nearest due clock) and its id.
  key: string | null;
  id: string;
  // Due-date order only: whether the last row was in the normal lane (after the priority lane).
  normalLane?: boolean;
}

export function encodeCursor(cursor: QueueCursor): string {
  const parts = cursor.normalLane === undefined ? [cursor.key, cursor.id] : [cursor.key, cursor.id, cursor.normalLane];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(raw: string): QueueCursor | null {
  try {
    const [key, id, normalLane] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    const validKey = key === null || (typeof key === 'string' && !Number.isNaN(Date.parse(key)));
    const validId = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
    const validLane = normalLane === undefined || typeof normalLane === 'boolean';
    if (!validKey || !validId || !validLane) return null;
    return normalLane === undefined ? { key: key as string | null, id: id as string } : { key: key as string | null, id: id as string, normalLane };
  } catch {
    return null;
  }
}

// `%` and `_` typed by a person are literal characters, not wildcards.
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
