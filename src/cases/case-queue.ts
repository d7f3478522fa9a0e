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
}

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): QueueCursor | null {
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    const validKey = key === null || (typeof key === 'string' && !Number.isNaN(Date.parse(key)));
    const validId = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
    return validKey && validId ? { key: key as string | null, id: id as string } : null;
  } catch {
    return null;
  }
}

// `%` and `_` typed by a person are literal characters, not wildcards.
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
