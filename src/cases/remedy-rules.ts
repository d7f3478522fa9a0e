import type { FieldError } from '../common/desk-error';
import type { CorrectionKind, ItemAction } from './decision-item.entity';

// What each newsroom remedy must carry, checked against the article (pure; planDecision
// calls it per item). Fields of another action are ignored, as for restrict and redact.

export interface RemedyFields {
  action: ItemAction;
  media?: string;
  text?: string;
  correctionKind?: CorrectionKind;
  replyBy?: string;
  name?: string;
  replacement?: string;
}

export interface RemedyArticleFacts {
  articleTitle: string | null;
  articleBody: string | null;
  // The article's images (URLs or identifiers) when the import carries them; null when
  // the article has no media list (any named image is then taken as given).
  articleMedia: string[] | null;
}

export const MIN_REMEDY_TEXT = 10;

export function remedyErrors(field: string, proposed: RemedyFields, article: RemedyArticleFacts): FieldError[] {
  const errors: FieldError[] = [];
  const blank = (value: string | undefined) => !value || !value.trim();
  switch (proposed.action) {
    case 'remove_media':
      if (blank(proposed.media)) errors.push({ field: `${field}.media`, message: 'Name the image to remove: its web address or identifier.' });
      else if (article.articleMedia?.length && !article.articleMedia.some((media) => sameMedia(media, proposed.media!))) {
        errors.push({ field: `${field}.media`, message: 'This image is not one of the article’s images.' });
      }
      break;
    case 'correct':
      if (blank(proposed.text) || proposed.text!.trim().length < MIN_REMEDY_TEXT) {
        errors.push({ field: `${field}.text`, message: `Write the ${proposed.correctionKind ?? 'correction'} as readers will see it (at least ${MIN_REMEDY_TEXT} characters).` });
      }
      break;
    case 'right_of_reply':
      if (blank(proposed.text) || proposed.text!.trim().length < MIN_REMEDY_TEXT) {
        errors.push({ field: `${field}.text`, message: `Give the reply to publish (at least ${MIN_REMEDY_TEXT} characters).` });
      }
      if (blank(proposed.replyBy)) errors.push({ field: `${field}.replyBy`, message: 'Say who replies (printed above the reply).' });
      break;
    case 'anonymise':
      errors.push(...anonymiseErrors(field, proposed, article));
      break;
  }
  return errors;
}

function anonymiseErrors(field: string, proposed: RemedyFields, article: RemedyArticleFacts): FieldError[] {
  const errors: FieldError[] = [];
  const name = proposed.name?.trim() ?? '';
  const replacement = proposed.replacement?.trim() ?? '';
  if (name.length < 2) errors.push({ field: `${field}.name`, message: 'Give the name to replace, as it is written in the article.' });
  else if (article.articleBody !== null && !nameOccurs(`${article.articleTitle ?? ''}\n${article.articleBody}`, name)) {
    errors.push({ field: `${field}.name`, message: 'This name does not appear in the article.' });
  }
  if (!replacement) errors.push({ field: `${field}.replacement`, message: 'Say what replaces the name, for example “a local man” or “M.”.' });
  else if (name.length >= 2 && replacement.toLowerCase().includes(name.toLowerCase())) {
    errors.push({ field: `${field}.replacement`, message: 'The replacement must not contain the name.' });
  }
  return errors;
}

// A name as a whole word or words, whatever its case and spacing.
export function namePattern(name: string): RegExp {
  const words = name.trim().split(/\s+/).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
}

export function nameOccurs(text: string, name: string): boolean {
  return namePattern(name).test(text);
}

// Every occurrence of the name replaced.
export function replaceName(text: string, name: string, replacement: string): string {
  return text.replace(namePattern(name), () => replacement);
}

// The same image: web addresses on the same host and path (CDNs add sizes and tokens in the
// query, as the case page's photos compare them); identifiers as typed.
export function sameMedia(a: string, b: string): boolean {
  const plain = (value: string) => value.trim().replace(/\/+$/, '');
  try {
    const x = new URL(plain(a));
    const y = new URL(plain(b));
    return x.host.toLowerCase() === y.host.toLowerCase() && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
  } catch {
    return plain(a) === plain(b);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
