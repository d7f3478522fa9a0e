import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/track/abcDEF123_-xyz', '/track/[redacted]'],
    ['/api/v1/track/abc/supplement', '/api/v1/track/[redacted]/supplement'],
    ['/track/abc?done=withdrawn', '/track/[redacted]?done=withdrawn'],
    ['/track/abc?confirm=secretCode_-1', '/track/[redacted]?confirm=[redacted]'],
    ['/track/abc?x=1&confirm=c&y=2', '/track/[redacted]?x=1&confirm=[redacted]&y=2'],
    ['/notices/new', '/notices/new'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
