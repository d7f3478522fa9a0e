import { html, SafeHtml } from '../common/html';

// Finding the passages a notice claims in an article's text, and marking them there.

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032`\u00B4]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASHES = /[\u2010-\u2015\u2212]/;

// Text compared the way a person reads it: case, runs of whitespace, curly or straight
// quotes and dash styles do not matter. `origin` maps each compared character back to the
// original text, so that a match can be marked there.
function comparable(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (!space && out.length) {
        out += ' ';
        origin.push(i);
      }
      space = true;
      continue;
    }
    space = false;
    const lower = ch.toLowerCase();
    out += SINGLE_QUOTES.test(ch) ? "'" : DOUBLE_QUOTES.test(ch) ? '"' : DASHES.test(ch) ? '-' : lower.length === 1 ? lower : ch;
    origin.push(i);
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    origin.pop();
  }
  return { text: out, origin };
}

// Whether the passage is in the text, compared as above (the redact check of a decision).
export function containsPassage(body: string, passage: string): boolean {
  return comparable(body).text.includes(comparable(passage).text);
}

// The length of a text as compared (a redaction's share of an article).
export function comparableLength(text: string): number {
  return comparable(text).text.length;
}

interface Span {
  start: number;
  end: number;
  passage: number;
}

function findSpans(body: string, passages: string[]): { spans: Span[]; found: boolean[] } {
  const hay = comparable(body);
  const spans: Span[] = [];
  const found = passages.map((passage, index) => {
    const needle = comparable(passage).text;
    if (!needle) return false;
    let hits = 0;
    for (let at = hay.text.indexOf(needle); at !== -1; at = hay.text.indexOf(needle, at + needle.length)) {
      spans.push({ start: hay.origin[at], end: hay.origin[at + needle.length - 1] + 1, passage: index });
      hits++;
    }
    return hits > 0;
  });
  // Overlapping passages become one mark.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const next of spans) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return { spans: merged, found };
}

function paragraphsOf(body: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  const push = (from: number, to: number) => {
    while (from < to && /\s/.test(body[from])) from++;
    while (to > from && /\s/.test(body[to - 1])) to--;
    if (to > from) ranges.push([from, to]);
  };
  for (const separator of body.matchAll(/\n[^\S\n]*\n\s*/g)) {
    push(start, separator.index);
    start = separator.index + separator[0].length;
  }
  push(start, body.length);
  return ranges;
}

export interface Highlighted {
  markup: SafeHtml;
  // For each passage: whether it was found in the text.
  found: boolean[];
}

// The article as paragraphs with every claimed passage in <mark>; everything escaped.
// `anchors[i]` names the first mark of passage i, so a link can jump to it.
export function highlightPassages(body: string, passages: string[], anchors: string[] = []): Highlighted {
  const { spans, found } = findSpans(body, passages);
  const anchored = new Set<number>();
  const paragraphs = paragraphsOf(body).map(([from, to]) => {
    const pieces: Array<SafeHtml | string> = [];
    let cursor = from;
    for (const mark of spans) {
      if (mark.end <= from || mark.start >= to) continue;
      const start = Math.max(mark.start, from);
      const end = Math.min(mark.end, to);
      pieces.push(body.slice(cursor, start));
      const anchor = anchors[mark.passage] && !anchored.has(mark.passage) ? anchors[mark.passage] : null;
      if (anchor) anchored.add(mark.passage);
      pieces.push(html`<mark${anchor ? html` id="${anchor}"` : null}>${body.slice(start, end)}</mark>`);
      cursor = end;
    }
    pieces.push(body.slice(cursor, to));
    return html`<p>${pieces}</p>`;
  });
  return { markup: html`${paragraphs}`, found };
}

// The text with each occurrence of the passages replaced by `replacement(i)` (matched as
// highlightPassages matches them; overlapping passages are replaced once).
export function replacePassages(body: string, passages: string[], replacement: (passage: number) => string): string {
  const { spans } = findSpans(body, passages);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += body.slice(cursor, span.start) + replacement(span.passage);
    cursor = span.end;
  }
  return out + body.slice(cursor);
}

// The article's paragraphs (blank lines separate them), trimmed.
export function paragraphTexts(body: string): string[] {
  return paragraphsOf(body).map(([from, to]) => body.slice(from, to));
}
