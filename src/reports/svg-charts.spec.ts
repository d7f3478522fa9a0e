import { barChart, figuresTable } from './svg-charts';

describe('SVG bar chart', () => {
  const chart = barChart({
    id: 'c1',
    title: 'Notices by type',
    bars: [
      { label: 'Copyright', value: 30 },
      { label: '<Other> & more', value: 15 },
      { label: 'Privacy', value: 0 },
    ],
  }).value;

  it('is an image named by its title and described by every figure', () => {
    expect(chart).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(chart).toContain('<title id="c1-title">Notices by type</title>');
    expect(chart).toContain('<desc id="c1-desc">Copyright: 30; &lt;Other&gt; &amp; more: 15; Privacy: 0</desc>');
  });

  it('draws bars in proportion, without scripts or style attributes', () => {
    const widths = [...chart.matchAll(/<rect [^>]*width="(\d+)"/g)].map((match) => Number(match[1]));
    expect(widths[0]).toBe(2 * widths[1]);
    expect(widths[2]).toBe(0);
    expect(chart).not.toMatch(/<script|style=|on[a-z]+=/);
  });

  it('says so when there is nothing to draw, and the table lists the figures', () => {
    expect(barChart({ id: 'e', title: 'Empty', bars: [] }).value).toContain('<desc id="e-desc">Nothing to show.</desc>');
    const table = figuresTable('Notices by type', ['Type', 'Notices'], [{ label: 'Copyright', value: 1234 }]).value;
    expect(table).toContain('<caption>Notices by type</caption>');
    expect(table).toContain('<th scope="row">Copyright</th><td class="number">1,234</td>');
  });
});
