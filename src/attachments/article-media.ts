// The photos a notice may be about: an article's own media (from the import format) and
// notice items that point at an image.
export interface ArticleMedia {
  url: string;
  caption: string | null;
  credit: string | null;
  alt: string | null;
}

export interface NoticePhoto {
  url: string;
  caption: string | null;
  credit: string | null;
  alt: string;
  // Where it comes from: an article's media list, or the notice's own item.
  source: 'article' | 'notice';
  articleTitle: string | null;
  // Named by a notice item (its URL or its media field).
  targeted: boolean;
}

const IMAGE_PATH = /\.(jpe?g|png|webp|gif|avif)$/i;

export function looksLikeImageUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && IMAGE_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

// Same image whatever the query string or scheme (CDNs add sizes and tokens).
function sameImage(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.host.toLowerCase() === y.host.toLowerCase() && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

interface ItemLike {
  url: string;
  media?: string | null;
  articleId?: string | null;
}

interface ArticleLike {
  id: string;
  title: string;
  media: ArticleMedia[];
}

// The photos to show beside the evidence: what an item targets first (with the article's
// caption and credit when the image is the article's), then the articles' other media.
export function noticePhotos(items: ItemLike[], articles: ArticleLike[]): NoticePhoto[] {
  const articleMedia = articles.flatMap((article) => article.media.map((media) => ({ media, article })));
  const targets = items.flatMap((item) => [item.url, item.media].filter(looksLikeImageUrl));
  const photos: NoticePhoto[] = [];
  for (const target of targets) {
    if (photos.some((photo) => sameImage(photo.url, target))) continue;
    const known = articleMedia.find(({ media }) => sameImage(media.url, target));
    photos.push({
      url: target,
      caption: known?.media.caption ?? null,
      credit: known?.media.credit ?? null,
      alt: known?.media.alt ?? known?.media.caption ?? 'The image named in the notice',
      source: known ? 'article' : 'notice',
      articleTitle: known?.article.title ?? null,
      targeted: true,
    });
  }
  const itemArticles = new Set(items.map((item) => item.articleId).filter(Boolean));
  for (const { media, article } of articleMedia) {
    if (!itemArticles.has(article.id) || photos.some((photo) => sameImage(photo.url, media.url))) continue;
    photos.push({
      url: media.url,
      caption: media.caption,
      credit: media.credit,
      alt: media.alt ?? media.caption ?? `A photo of the article "${article.title}"`,
      source: 'article',
      articleTitle: article.title,
      targeted: false,
    });
  }
  return photos;
}
