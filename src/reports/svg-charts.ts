import { html, SafeHtml } from '../common/html';

// Charts drawn on the server as inline SVG: no script, no style attribute (the strict CSP
// allows neither), colours as presentation attributes. Each chart is an image with a title
// and a description that states every figure, and the page puts a table beside it.

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  // Unique on the page: the ids of the title and description derive from it.
  id: string;
  title: string;
  bars: Bar[];
  // How a value is written ("12", "4.5 h").
  format?: (value: number) => string;
}

const WIDTH = 640;
const LABEL_WIDTH = 210;
const VALUE_WIDTH = 80;
const ROW = 30;
const BAR = 20;
const COLOURS = ['#1f5f99', '#2e7d4f', '#8a4b9c', '#b5532a', '#5b6b7a', '#9a7b16', '#2c7a8c', '#a3344f'];

const plain = (value: number) => value.toLocaleString('en-GB');

// A horizontal bar chart: one row per bar, its label left, its value right of the bar.
export function barChart({ id, title, bars, format = plain }: BarChartOptions): SafeHtml {
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const height = Math.max(1, bars.length) * ROW + 10;
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const description = bars.length ? bars.map((bar) => `${bar.label}: ${format(bar.value)}`).join('; ') : 'Nothing to show.';
  const rows = bars.map((bar, index) => {
    const y = 5 + index * ROW;
    const width = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * span)) : 0;
    return html`<g>
<text x="${LABEL_WIDTH - 8}" y="${y + BAR / 2 + 5}" text-anchor="end" font-size="14" fill="#1f2328">${bar.label}</text>
<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR}" rx="3" fill="${COLOURS[index % COLOURS.length]}"></rect>
<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR / 2 + 5}" font-size="14" fill="#1f2328">${format(bar.value)}</text>
</g>`;
  });
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
<line x1="${LABEL_WIDTH}" y1="0" x2="${LABEL_WIDTH}" y2="${height}" stroke="#d0d7de" stroke-width="1"></line>
${rows}
</svg>`;
}

// The chart's figures as a table (for screen readers, copying, and printing).
export function figuresTable(caption: string, header: [string, string], bars: Bar[], format: (value: number) => string = plain): SafeHtml {
  return html`<table class="figures">
<caption>${caption}</caption>
<thead><tr><th scope="col">${header[0]}</th><th scope="col" class="number">${header[1]}</th></tr></thead>
<tbody>
${bars.map((bar) => html`<tr><th scope="row">${bar.label}</th><td class="number">${format(bar.value)}</td></tr>`)}
</tbody>
</table>`;
}
