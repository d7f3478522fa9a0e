import { InvalidUrlError, MAX_URL_LENGTH, type UrlRejection, isPublisherHost, lastPathSegment, normalizeUrl, tryNormalizeUrl } from './url-normalizer';

const DEMO_SLUG = 'russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks';
const DEMO_PATH = `/2025/06/02/${DEMO_SLUG}`;
const DEMO_CANONICAL = `https://freelanews.com${DEMO_PATH}/`;
const DEMO_NORMALIZED = `https://freelanews.com${DEMO_PATH}`;

function rejectionOf(raw: string): UrlRejection | undefined {
  try {
    normalizeUrl(raw);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidUrlError) return error.reason;
    throw error;
  }
}

describe('normalizeUrl', () => {
  describe('variants of the demo article URL', () => {
    it.each([
      ['the canonical URL', DEMO_CANONICAL],
      ['no trailing slash', `https://freelanews.com${DEMO_PATH}`],
      ['http', `http://freelanews.com${DEMO_PATH}/`],
      ['www', `https://www.freelanews.com${DEMO_PATH}/`],
      ['upper-case scheme and host', `HTTPS://FreeLaNews.COM${DEMO_PATH}/`],
      ['a fragment', `${DEMO_CANONICAL}#comments`],
      ['utm parameters', `${DEMO_CANONICAL}?utm_source=twitter&utm_medium=social&utm_campaign=peace`],
      ['fbclid', `${DEMO_CANONICAL}?fbclid=IwAR0abcDEF`],
      ['gclid', `${DEMO_CANONICAL}?gclid=Cj0KCQjw`],
      ['other tracking parameters', `${DEMO_CANONICAL}?ref=homepage&share=twitter&_ga=2.1&igshid=x&mc_cid=1`],
      ['an /amp/ suffix', `${DEMO_CANONICAL}amp/`],
      ['a leading /amp/ segment', `https://freelanews.com/amp${DEMO_PATH}/`],
      ['?amp=1', `${DEMO_CANONICAL}?amp=1`],
      ['?amp', `${DEMO_CANONICAL}?amp`],
      ['?amp=true', `${DEMO_CANONICAL}?amp=true`],
      ['?outputType=amp', `${DEMO_CANONICAL}?outputType=amp`],
      ['the amp. subdomain', `https://amp.freelanews.com${DEMO_PATH}/`],
      ['the explicit default port :443', `https://freelanews.com:443${DEMO_PATH}/`],
      ['http with :80', `http://freelanews.com:80${DEMO_PATH}`],
      ['percent-encoded letters and hyphens', `https://freelanews.com/2025/06/02/russia%2D%75kraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/`],
      ['index.html', `${DEMO_CANONICAL}index.html`],
      ['no scheme', `freelanews.com${DEMO_PATH}/`],
      ['no scheme with www', `www.freelanews.com${DEMO_PATH}`],
      ['protocol-relative', `//freelanews.com${DEMO_PATH}/`],
      ['repeated slashes', `https://freelanews.com//2025//06/02/${DEMO_SLUG}//`],
      ['dot segments', `https://freelanews.com/2025/06/./02/../02/${DEMO_SLUG}/`],
      ['a trailing dot on the host', `https://freelanews.com.${DEMO_PATH}/`],
      ['surrounding whitespace', `  \t${DEMO_CANONICAL}\n`],
      [
        'everything mixed',
        `  HTTP://WWW.FreeLaNews.com.:80//2025/06/02/russia-%75kraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/amp/?UTM_Source=x&fbclid=y&amp=1#comments `,
      ],
    ])('normalises %s to the same URL', (_label, raw) => {
      expect(normalizeUrl(raw)).toEqual({ url: DEMO_NORMALIZED, host: 'freelanews.com', path: DEMO_PATH });
    });
  });

  describe('host', () => {
    it('converts an IDN host to punycode', () => {
      expect(normalizeUrl('https://bücher.example/x')).toEqual({
        url: 'https://xn--bcher-kva.example/x',
        host: 'xn--bcher-kva.example',
        path: '/x',
      });
    });

    it('treats the Unicode and punycode spellings of a host as equal', () => {
      expect(normalizeUrl('https://www.BÜCHER.example/x').url).toBe(normalizeUrl('https://xn--bcher-kva.example/x').url);
    });

    it('keeps a non-default port in url but not in host', () => {
      expect(normalizeUrl('https://freelanews.com:8080/x/')).toEqual({
        url: 'https://freelanews.com:8080/x',
        host: 'freelanews.com',
        path: '/x',
      });
    });

    it('understands a scheme-less host with a port', () => {
      expect(normalizeUrl('freelanews.com:8080/x').url).toBe('https://freelanews.com:8080/x');
    });

    it('does not strip "amp." when the rest would not be a domain', () => {
      expect(normalizeUrl('https://amp.dev/about').host).toBe('amp.dev');
    });
  });

  describe('path', () => {
    it('keeps the case of the path', () => {
      expect(normalizeUrl('https://freelanews.com/2025/Some-Slug').path).toBe('/2025/Some-Slug');
    });

    it('encodes raw and percent-encoded non-ASCII the same way, with upper-case hex', () => {
      const expected = 'https://example.com/news/%C3%A9t%C3%A9';
      expect(normalizeUrl('https://example.com/news/été').url).toBe(expected);
      expect(normalizeUrl('https://example.com/news/%c3%a9t%c3%a9').url).toBe(expected);
    });

    it.each([
      ['%7e decoded to ~', 'https://example.com/%7euser', '/~user'],
      ['reserved escape %2f kept, upper-cased', 'https://example.com/a%2fb', '/a%2Fb'],
      ['stray percent escaped', 'https://example.com/100%', '/100%25'],
      ['root stays "/"', 'https://freelanews.com', '/'],
      ['index.php at the root', 'https://freelanews.com/index.php', '/'],
      ['index.html inside a directory', 'https://freelanews.com/news/index.html', '/news'],
    ])('%s', (_label, raw, expectedPath) => {
      expect(normalizeUrl(raw).path).toBe(expectedPath);
    });
  });

  describe('query', () => {
    it.each([
      ['sorts parameters by name', 'https://example.com/x?b=2&c=3&a=1', 'https://example.com/x?a=1&b=2&c=3'],
      ['keeps repeated names in their order', 'https://example.com/x?tag=z&a=1&tag=y', 'https://example.com/x?a=1&tag=z&tag=y'],
      ['drops an empty query', 'https://example.com/x?', 'https://example.com/x'],
      ['drops a query of only tracking parameters', 'https://example.com/x?utm_source=a&gclid=b&msclkid=c', 'https://example.com/x'],
      ['matches tracking names case-insensitively', 'https://example.com/x?FBCLID=1&Utm_Campaign=2&id=7', 'https://example.com/x?id=7'],
      ['keeps the WordPress short link ?p=123', 'https://freelanews.com/?p=123', 'https://freelanews.com/?p=123'],
      ['keeps ?p=123 next to removed tracking', 'https://freelanews.com/?utm_source=x&p=123#top', 'https://freelanews.com/?p=123'],
      ['keeps outputType when it is not amp', 'https://example.com/x?outputType=print', 'https://example.com/x?outputType=print'],
      ['keeps a valueless flag as is', 'https://example.com/x?preview', 'https://example.com/x?preview'],
      ['normalises escapes in the query', 'https://example.com/x?q=%c3%a9%41', 'https://example.com/x?q=%C3%A9A'],
    ])('%s', (_label, raw, expected) => {
      expect(normalizeUrl(raw).url).toBe(expected);
    });
  });

  describe('rejections', () => {
    it.each([
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:text/html,<b>hi</b>',
      'file:///etc/passwd',
      'ftp://freelanews.com/2025/06/02/x',
      'mailto:legal@freelanews.com',
      'vbscript:msgbox(1)',
    ])('rejects the scheme of %s', (raw) => {
      expect(rejectionOf(raw)).toBe('unsupported_scheme');
    });

    it.each(['https://user:secret@freelanews.com/x', 'http://user@freelanews.com/x', 'https://user:@freelanews.com/x'])('rejects credentials in %s', (raw) => {
      expect(rejectionOf(raw)).toBe('credentials');
    });

    it('rejects input longer than MAX_URL_LENGTH and accepts exactly MAX_URL_LENGTH', () => {
      const prefix = 'https://freelanews.com/';
      expect(rejectionOf(prefix + 'a'.repeat(MAX_URL_LENGTH - prefix.length))).toBeUndefined();
      expect(rejectionOf(prefix + 'a'.repeat(MAX_URL_LENGTH - prefix.length + 1))).toBe('too_long');
    });

    it('rejects a URL whose percent-encoded form exceeds MAX_URL_LENGTH', () => {
      expect(rejectionOf('https://freelanews.com/' + 'é'.repeat(1000))).toBe('too_long');
    });

    it.each([
      ['empty', ''],
      ['only whitespace', '   \n\t '],
      ['a space inside', 'https://freelanews.com/some slug'],
      ['a tab inside', 'https://freelanews.com/\tslug'],
      ['a newline inside', 'https://freelanews.com/a\nb'],
      ['a NUL character', 'https://freelanews.com/a\u0000b'],
      ['a zero-width space', 'https://freelanews.com/a\u200Bb'],
      ['no host', 'https://'],
      ['an unclosed IPv6 host', 'https://[::1/x'],
      ['a bare path', '/2025/06/02/slug'],
      ['a scheme-less word without a domain', 'N/A'],
    ])('rejects %s as invalid', (_label, raw) => {
      expect(rejectionOf(raw)).toBe('invalid');
    });

    it('throws an InvalidUrlError carrying the reason', () => {
      expect(() => normalizeUrl('javascript:alert(1)')).toThrow(InvalidUrlError);
      expect(() => normalizeUrl('javascript:alert(1)')).toThrow(expect.objectContaining({ name: 'InvalidUrlError', reason: 'unsupported_scheme' }));
    });
  });
});

describe('tryNormalizeUrl', () => {
  it('returns the normalised URL for valid input', () => {
    expect(tryNormalizeUrl(`${DEMO_CANONICAL}?utm_source=x`)?.url).toBe(DEMO_NORMALIZED);
  });

  it.each(['', 'javascript:alert(1)', 'https://a:b@freelanews.com/', 'https://freelanews.com/a b'])('returns null instead of throwing for %j', (raw) => {
    expect(tryNormalizeUrl(raw)).toBeNull();
  });
});

describe('lastPathSegment', () => {
  it.each([
    ['the demo article', DEMO_CANONICAL, DEMO_SLUG],
    ['an AMP view of the demo article', `https://amp.freelanews.com/amp${DEMO_PATH}/amp/?amp=1`, DEMO_SLUG],
    ['the root', 'https://freelanews.com/', ''],
    ['the root via index.html', 'https://freelanews.com/index.html', ''],
    ['percent-encoded non-ASCII, decoded', 'https://example.com/news/%C3%A9t%C3%A9-%D0%BC%D0%B8%D1%80', 'été-мир'],
    ['raw non-ASCII', 'https://example.com/новости/', 'новости'],
    ['an encoded slash inside the segment', 'https://example.com/a/b%2Fc', 'b/c'],
    ['a bare path', `${DEMO_PATH}/`, DEMO_SLUG],
    ['an invalid URL', 'javascript:alert(1)', ''],
  ])('%s', (_label, url, expected) => {
    expect(lastPathSegment(url)).toBe(expected);
  });
});

describe('isPublisherHost', () => {
  const publisherHosts = ['FreeLaNews.com'];

  it.each([
    ['the publisher host', 'freelanews.com', true],
    ['the www. host', 'www.freelanews.com', true],
    ['the amp. host', 'amp.freelanews.com', true],
    ['upper case with a trailing dot', 'FREELANEWS.COM.', true],
    ['another site', 'example.com', false],
    ['a look-alike with the publisher host as prefix', 'freelanews.com.evil.example', false],
    ['a look-alike with the publisher host as suffix', 'evilfreelanews.com', false],
    ['a look-alike amp. host', 'amp.freelanews.com.evil.example', false],
    ['another subdomain', 'blog.freelanews.com', false],
    ['an empty host', '', false],
  ])('%s → %s', (_label, host, expected) => {
    expect(isPublisherHost(host, publisherHosts)).toBe(expected);
  });

  it('normalises publisher hosts given with www. and Unicode', () => {
    expect(isPublisherHost('xn--bcher-kva.example', ['www.bücher.example'])).toBe(true);
  });

  it('is false when there are no publisher hosts', () => {
    expect(isPublisherHost('freelanews.com', [])).toBe(false);
  });
});
