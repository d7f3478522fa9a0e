// DMCA §512(i): which decided items are strikes, when they lapse, and when legal is asked.

export interface DecidedItemFacts {
  noticeType: string;
  action: string;
  articleId: string | null;
  articleOrigin: string | null;
  authorEmail: string | null;
}

// A copyright removal of a contributor's article, with an author to count it against.
export function isStrike(item: DecidedItemFacts): boolean {
  return item.noticeType === 'copyright' && item.action === 'remove' && item.articleOrigin === 'contributor' && !!item.articleId && !!item.authorEmail?.trim();
}

export function strikeExpiry(from: Date, months: number): Date {
  const expiry = new Date(from.getTime());
  expiry.setUTCMonth(expiry.getUTCMonth() + months);
  return expiry;
}

// Legal is asked once per crossing: at the threshold, unless a review is already open.
export function needsReview(activeStrikes: number, threshold: number, openReview: boolean): boolean {
  return !openReview && activeStrikes >= threshold;
}
