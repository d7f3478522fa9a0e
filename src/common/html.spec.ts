import { escapeHtml, html, raw, userText } from './html';

describe('html templates', () => {
  it('escapes every interpolated string', () => {
    const payload = `<script>alert("x")</script>' & \``;
    expect(html`<p>${payload}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; &#96;</p>');
  });

  it('keeps nested templates and raw markup as they are', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}</p>`.value).toBe('<p><b>&lt;i&gt;</b><br></p>');
  });

  it('renders lists and drops null, undefined and false', () => {
    expect(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>${null}${undefined}${false}`.value).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });

  it('escapes attribute quotes', () => {
    expect(escapeHtml(`" onmouseover="x`)).toBe('&quot; onmouseover=&quot;x');
  });

  it('isolates text a person typed in <bdi>, escaped, and gives nothing for no text', () => {
    expect(html`<p>${userText('Jane \u202E<b>')} (agent)</p>`.value).toBe('<p><bdi>Jane \u202E&lt;b&gt;</bdi> (agent)</p>');
    expect(html`${userText(null) ?? '—'}${userText('') ?? '—'}`.value).toBe('——');
  });
});
