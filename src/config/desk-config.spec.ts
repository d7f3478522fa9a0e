import { ConfigError, loadConfig } from './desk-config';

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toMatch(/\.desk-data$/);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.rateLimitPerMinute).toBe(60);
    expect(config.smtpUrl).toBeNull();
    expect(config.publisherHosts).toEqual(['freelanews.com']);
    expect(config.mainMarket).toBe('GB');
    expect(config.sla).toEqual({ copyrightHours: 72, defaultHours: 168, priorityHours: 24, calendar: { timeZone: 'Europe/London', holidays: 'GB' } });
    expect(config.calendar).toEqual({ timeZone: 'Europe/London', holidays: 'GB' });
    expect(config.eventLog).toEqual({ sealIntervalSeconds: 5, sealBatchSize: 50_000, unsealedWarningSeconds: 60 });
  });

  it('reads the event log settings; 0 turns background sealing off', () => {
    const config = loadConfig({ SEAL_INTERVAL_SECONDS: '0', SEAL_BATCH_SIZE: '1000', UNSEALED_WARNING_SECONDS: '300' });
    expect(config.eventLog).toEqual({ sealIntervalSeconds: 0, sealBatchSize: 1000, unsealedWarningSeconds: 300 });
  });

  it('reads the desk calendar: an IANA zone and a holiday jurisdiction', () => {
    const config = loadConfig({ DESK_TIME_ZONE: 'America/New_York', DESK_HOLIDAYS: 'us-ca' });
    expect(config.calendar).toEqual({ timeZone: 'America/New_York', holidays: 'US-CA' });
    expect(config.sla.calendar).toBe(config.calendar);
  });

  it('reads every documented setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/desk',
      DESK_DATA_DIR: '/var/lib/desk',
      PUBLIC_BASE_URL: 'https://desk.example.org/',
      SMTP_URL: 'smtp://mail:25',
      RATE_LIMIT_PER_MINUTE: '0',
      PUBLISHER_HOSTS: 'Freelanews.com, news.example',
      DESK_MAIN_MARKET: 'de',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/desk',
      dataDir: '/var/lib/desk',
      publicBaseUrl: 'https://desk.example.org',
      smtpUrl: 'smtp://mail:25',
      rateLimitPerMinute: 0,
      publisherHosts: ['freelanews.com', 'news.example'],
      mainMarket: 'DE',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['PUBLIC_BASE_URL', 'localhost:3000'],
    ['SMTP_URL', 'http://mail'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['DESK_DEMO_DATA', 'maybe'],
    ['DESK_MAIN_MARKET', 'UK'],
    ['DESK_MAIN_MARKET', 'GBR'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_EMAIL', 'admin'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_MAX_HOURS', 'forever'],
    ['SLA_COPYRIGHT_HOURS', '0'],
    ['SEAL_INTERVAL_SECONDS', '-1'],
    ['SEAL_BATCH_SIZE', '0'],
    ['UNSEALED_WARNING_SECONDS', 'soon'],
    ['DESK_TIME_ZONE', 'Europe/Lundun'],
    ['DESK_HOLIDAYS', 'XX'],
    ['DESK_HOLIDAYS', 'GB-XYZ'],
  ])('refuses a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: .*"${value}"`));
  });

  it('lists every bad setting at once', () => {
    try {
      loadConfig({ PORT: 'x', SMTP_URL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
