import { AuditEvent, csvCell, csvEventLine, csvHeader, CSV_COLUMNS, exportFileName, ndjsonEventLine } from './audit-export';

const EVENT: AuditEvent = {
  id: '42',
  occurredAt: '2025-06-30T14:00:00.000Z',
  actor: { type: 'staff', id: 'u1', role: 'editor', name: 'Erin, "the" Editor' },
  action: 'case.decide',
  subject: { type: 'case', id: 'c1' },
  caseReference: 'TD-2025-000001',
  changes: { status: { before: 'in_review', after: 'actioned' } },
  data: {},
  visibility: 'internal',
  requestId: null,
  clientNetwork: '203.0.113.0/24',
};

describe('CSV cells', () => {
  it('leaves plain text alone and writes null as empty', () => {
    expect(csvCell('case.decide')).toBe('case.decide');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
  });

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralises a formula: %j', (text) => {
    const cell = csvCell(text);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${text}`);
  });

  it('writes objects as JSON', () => {
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell({ a: 'x,y' })).toBe('"{""a"":""x,y""}"');
  });
});

describe('export lines', () => {
  it('has a header naming every column, CRLF-terminated', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes one CSV line per event, in the header order', () => {
    expect(csvEventLine(EVENT)).toBe(
      '42,2025-06-30T14:00:00.000Z,staff,u1,editor,"Erin, ""the"" Editor",case.decide,case,c1,TD-2025-000001,' +
        '"{""status"":{""before"":""in_review"",""after"":""actioned""}}",{},internal,,203.0.113.0/24\r\n',
    );
  });

  it('writes one JSON object per NDJSON line', () => {
    const line = ndjsonEventLine({ ...EVENT, data: { text: 'a\nb' } });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ ...EVENT, data: { text: 'a\nb' } });
  });

  it('names the file after the format and the time', () => {
    expect(exportFileName('csv', new Date('2025-06-30T14:05:06.789Z'))).toBe('takedown-desk-events-2025-06-30T14-05-06.csv');
    expect(exportFileName('ndjson', new Date('2025-06-30T14:05:06.789Z'))).toBe('takedown-desk-events-2025-06-30T14-05-06.ndjson');
  });
});
