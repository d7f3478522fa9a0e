// Who wrote an article decides which legal regime applies after a notice (LEGAL.md
// "Regimes by the article's origin"): only contributed pieces take the hosting-provider
// routes (DMCA counter-notice and put-back, DSA Art. 17 redress to the uploader).
export const ARTICLE_ORIGINS = ['staff', 'contributor', 'syndicated'] as const;
export type ArticleOrigin = (typeof ARTICLE_ORIGINS)[number];

export const ORIGIN_LABELS: Record<ArticleOrigin, string> = {
  staff: 'Staff article',
  contributor: "Contributor's article",
  syndicated: 'Syndicated copy',
};

// One line, for staff, of what the regime means.
export const REGIME_SUMMARIES: Record<ArticleOrigin, string> = {
  staff: 'Publisher is the author: editorial and legal review; no counter-notice; the journalist is told internally.',
  contributor: 'Hosted contribution: the author may file a counter-notice (DMCA §512(g)) or appeal (DSA Art. 20).',
  syndicated: 'Licensed copy: the licensor is told and the licence terms decide; no counter-notice.',
};

export function counterNoticeApplies(origin: ArticleOrigin): boolean {
  return origin === 'contributor';
}
