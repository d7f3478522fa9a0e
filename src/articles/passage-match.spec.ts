import { highlightPassages } from './passage-match';

describe('passage matching: claimed passages marked in the article', () => {
  const markup = (body: string, passages: string[], anchors?: string[]) => highlightPassages(body, passages, anchors).markup.value;

  it('escapes markup in the article and in the passage, and never lets it through raw', () => {
    const body = 'Before <script>alert(1)</script> and "quoted" & after.';
    expect(markup(body, ['<script>alert(1)</script>'])).toBe('<p>Before <mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark> and &quot;quoted&quot; &amp; after.</p>');
    expect(markup(body, [])).not.toContain('<script>');
  });

  it('marks a passage across differences of case, whitespace and quotes', () => {
    const body = 'Ukraine complained of “unacceptable and\n   unrealistic demands” from Russia.';
    const result = highlightPassages(body, ['"Unacceptable and unrealistic DEMANDS"']);
    expect(result.found).toEqual([true]);
    expect(result.markup.value).toBe('<p>Ukraine complained of <mark>“unacceptable and\n   unrealistic demands”</mark> from Russia.</p>');
    expect(markup('Moscow’s lead negotiator', ["moscow's lead"])).toBe('<p><mark>Moscow’s lead</mark> negotiator</p>');
    expect(markup('a ceasefire – a demand', ['ceasefire - a'])).toBe('<p>a <mark>ceasefire – a</mark> demand</p>');
  });

  it('marks several passages, every occurrence, merges overlaps and anchors the first mark of each', () => {
    const body = 'One two three.\n\nTwo again, and three four.';
    const result = highlightPassages(body, ['two', 'three four', 'four.'], ['p-1', 'p-2', 'p-3']);
    expect(result.found).toEqual([true, true, true]);
    expect(result.markup.value).toBe('<p>One <mark id="p-1">two</mark> three.</p><p><mark>Two</mark> again, and <mark id="p-2">three four.</mark></p>');
  });

  it('splits a passage that spans paragraphs into one mark per paragraph', () => {
    expect(markup('First ends here.\n\nSecond starts here.', ['here. Second'])).toBe('<p>First ends <mark>here.</mark></p><p><mark>Second</mark> starts here.</p>');
  });

  it('says which passages it did not find and marks nothing for them', () => {
    const result = highlightPassages('Nothing to see.', ['not in the text', '   ']);
    expect(result.found).toEqual([false, false]);
    expect(result.markup.value).toBe('<p>Nothing to see.</p>');
  });
});
