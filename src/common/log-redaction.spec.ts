import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/track/abcDEF123_-xyz', '/track/[redacted]'],
    ['/api/v1/track/abc/supplement', '/api/v1/track/[redacted]/supplement'],
    ['/track/abc?done=withdrawn', '/track/[redacted]?done=withdrawn'],
    ['/notices/new', '/notices/new'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
