// Server-rendered HTML with escaping by default: every interpolated value is escaped
// unless it is already SafeHtml (the output of another `html` template or of `raw`).
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (ch) => ESCAPES[ch]);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

// Only for markup the code itself produced (never user input).
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

// Text a person typed (a name, an organisation, a title) shown inline: isolated in <bdi>,
// so that its writing direction, or a bidi control stored before they were refused, cannot
// reorder the labels around it. Nothing for an empty value, so `?? fallback` still works.
export function userText(value: string | null | undefined): SafeHtml | null {
  return value === null || value === undefined || value === '' ? null : html`<bdi>${value}</bdi>`;
}
