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

// The UK operator's procedure (Defamation Act 2013 s.5, SI 2013/3028: pass the complaint to
// the poster within 48 working hours, the poster's 5 days) is for what others posted: a
// contributor's piece. For staff journalism the publisher is the author (no s.5 route), and
// for syndicated copy the licensor decides. Its clocks run on these origins only.
export const DEFAMATION_PROCEDURE_ORIGINS: readonly ArticleOrigin[] = ['contributor'];
