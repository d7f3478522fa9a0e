import type { DecisionItem } from './decision-item.entity';
import type { DecisionItemDto } from './dto/transition.dto';

export type DecisionItemRow = Omit<DecisionItem, 'id' | 'decisionId' | 'decision' | 'noticeItem'>;

// A decided item as stored: only the fields of its action (a value typed into another
// action's field is not kept).
export function decisionItemRow(item: DecisionItemDto): DecisionItemRow {
  const only = <T>(action: DecisionItem['action'] | Array<DecisionItem['action']>, value: T | undefined): T | null =>
    ([] as string[]).concat(action).includes(item.action) ? (value ?? null) : null;
  return {
    noticeItemId: item.itemId,
    action: item.action,
    territories: item.action === 'restrict' ? (item.territories ?? []).map((t) => t.toUpperCase()) : [],
    until: only('restrict', item.until),
    passage: only('redact', item.passage),
    media: only('remove_media', item.media?.trim()),
    text: only(['correct', 'right_of_reply'], item.text?.trim()),
    correctionKind: item.action === 'correct' ? (item.correctionKind ?? 'correction') : null,
    replyBy: only('right_of_reply', item.replyBy?.trim()),
    name: only('anonymise', item.name?.trim()),
    replacement: only('anonymise', item.replacement?.trim()),
  };
}
