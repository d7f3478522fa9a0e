import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsEmailAddress, NoControlCharacters, OptionalText, RequiredText, ShortText, TrimToUndefined } from './validation';

class Sample {
  @OptionalText(200, 'A name.')
  name?: string;

  @OptionalText(2000, 'Free text.', { multiline: true })
  explanation?: string;

  @RequiredText(200, 'A title.', 'Give the title.')
  title: string;

  @TrimToUndefined()
  @IsEmailAddress()
  email: string;

  @ShortText()
  query?: string;

  @NoControlCharacters(true)
  note?: string;
}

const valid = { title: 'A title', email: 'jane@example.org' };

function refused(values: Record<string, unknown>): string[] {
  const errors = validateSync(plainToInstance(Sample, { ...valid, ...values }));
  return errors.map((error) => error.property);
}

describe('text rules', () => {
  it('accepts ordinary text in every script, and line breaks in free text', () => {
    expect(refused({ name: 'José Ñúñez – مرحبا שלום 👩‍👩‍👧', explanation: 'Line one\r\nLine two\twith a tab', note: 'a\nb' })).toEqual([]);
  });

  it.each(['\u0000', '\u0007', '\u001B[2J', '\u007F', '\u0085', '\u009B', '\r', '\n', '\t', '\u000B', '\u000C', '\uD800'])(
    'refuses the control character %j in one-line fields, even at their ends',
    (control) => {
      expect(refused({ name: `Jane${control}Doe`, title: `${control}Title`, query: `q${control}` })).toEqual(['name', 'title', 'query']);
      expect(refused({ name: `Jane Doe${control}` })).toEqual(['name']);
    },
  );

  it.each(['\u0000', '\u0007', '\u007F', '\u0085', '\u000B'])('refuses the control character %j in free text, which keeps CR, LF and tab', (control) => {
    expect(refused({ explanation: `Because${control} of this.`, note: `x${control}` })).toEqual(['explanation', 'note']);
  });

  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])('refuses the bidi control U+%s in names and short fields', (bidi) => {
    expect(refused({ name: `Jane ${bidi}eoD`, title: `T${bidi}`, query: `${bidi}q` })).toEqual(['name', 'title', 'query']);
  });

  it('leaves bidi controls to free text (right-to-left writing), which pages isolate', () => {
    expect(refused({ explanation: 'quoted: \u2067שלום\u2069 in a sentence' })).toEqual([]);
  });

  it('trims spaces, not control characters, off one-line fields; free text loses edge line breaks', () => {
    const sample = plainToInstance(Sample, { ...valid, name: '\u00A0 Jane Doe  ', explanation: '\n\nBecause.\r\n' });
    expect({ name: sample.name, explanation: sample.explanation }).toEqual({ name: 'Jane Doe', explanation: 'Because.' });
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['a CR/LF in a quoted local part', '"jane\r\nBcc: x"@example.org'],
    ['a CR/LF after the address', 'jane@example.org\r\n'],
    ['a bare LF', 'jane@example.org\nBcc: all@example.org'],
    ['a NUL', '"ja\u0000ne"@example.org'],
    ['a bidi override', 'jane\u202E@example.org'],
    ['a lone surrogate', 'jane\uDFFF@example.org'],
  ])('refuses %s', (_label, email) => {
    expect(refused({ email })).toEqual(['email']);
  });

  it('takes an ordinary address, trimmed of spaces', () => {
    expect(refused({ email: '  jane.doe+desk@example.org ' })).toEqual([]);
  });
});
