import * as path from 'node:path';
import { DEFAULT_DESK_CALENDAR, DEFAULT_REVIEW_HOURS, isTimeZone, parseJurisdiction, type DeskCalendarSettings, type ReviewHours } from '../clocks';
import { isISO31661Alpha2 } from 'class-validator';
import { readDsaTdbSettings, type DsaTdbSettings } from '../exports/dsa-tdb-settings';

// Every setting the desk reads, parsed and checked once at start-up. A bad value stops
// start-up with a message naming the setting (STYLE.md 9).
export class DeskConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly embeddedDbPort: number | null;
  readonly publicBaseUrl: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly rateLimitPerMinute: number;
  readonly publisherName: string;
  readonly publisherHosts: string[];
  // The outlet's main market (ISO 3166-1 alpha-2): restricting a public-interest article
  // there needs a second person.
  readonly mainMarket: string;
  readonly demoData: boolean;
  readonly trustProxy: boolean;
  readonly sla: SlaSettings;
  readonly calendar: DeskCalendarSettings;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly adminEmail: string;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  readonly loginLock: LoginLockSettings;
  readonly eventLog: EventLogSettings;
  readonly mail: MailSettings;
  // DESK_SECRET_KEY (32 bytes, hex or base64): seals the tracking links waiting in the
  // outbox. Null: a key file in dataDir is used (made on first need).
  readonly secretKey: Buffer | null;
  // DSA Transparency Database submission (src/exports/dsa-tdb-settings.ts); off without a URL.
  readonly dsaTdb: DsaTdbSettings;
  readonly misuse: MisuseSettings;
  readonly strikes: StrikeSettings;

  constructor(values: Omit<DeskConfig, never>) {
    Object.assign(this, values);
  }
}

// Review deadlines in business hours on the desk's calendar (LEGAL.md "Clocks"): counsel
// sets them per publisher.
export interface SlaSettings extends ReviewHours {
  calendar: DeskCalendarSettings;
}

// The account-wide sign-in lock (src/staff/login-backoff.ts): this many failed sign-ins on
// one account, from anywhere, within the window lock it until its owner signs in from a
// network they used before (or the lock runs out).
export interface LoginLockSettings {
  failures: number;
  windowMinutes: number;
}

// Sealing of the event log (src/events): how often each instance asks for a sealing run
// (0: never in the background; `npm run desk -- events:seal` still works), how many events
// a seal holds at most (it closes at the next transaction boundary), and how old an
// unsealed event may get before /health and the audit page warn.
export interface EventLogSettings {
  sealIntervalSeconds: number;
  sealBatchSize: number;
  unsealedWarningSeconds: number;
}

// Delivery of the outbox (src/messages/message-delivery.ts): how often each instance looks
// for due messages, how many attempts a message gets, the waits between them (the last
// repeats), and how long a claimed message is held before another instance may retry it.
export interface MailSettings {
  pollMs: number;
  maxAttempts: number;
  retrySeconds: number[];
  leaseSeconds: number;
}

// Misuse (DSA Art. 23, src/misuse): this many manifestly unfounded notices within the period
// make the desk propose suspending the notifier for `suspensionDays` (legal confirms).
export interface MisuseSettings {
  threshold: number;
  periodDays: number;
  suspensionDays: number;
}

// Repeat infringers (DMCA §512(i), src/strikes): a strike lasts `expiryMonths`; at `threshold`
// active strikes legal is asked to decide on the contributor's account.
export interface StrikeSettings {
  threshold: number;
  expiryMonths: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): DeskConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | string): T => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const result = parse(raw);
    if (typeof result === 'string' && result.startsWith('!')) {
      problems.push(`${name}: ${result.slice(1)} (got "${raw}")`);
      return fallback;
    }
    return result as T;
  };

  const port = read('PORT', 3000, integerIn(0, 65535));
  const host = read('HOST', '0.0.0.0', (raw) => raw);
  const databaseUrl = read<string | null>('DATABASE_URL', null, urlWithProtocol(['postgres:', 'postgresql:']));
  const dataDir = path.resolve(read('DESK_DATA_DIR', './.desk-data', (raw) => raw));
  const embeddedDbPort = read<number | null>('DESK_DB_PORT', null, integerIn(1, 65535));
  const publicBaseUrl = read('PUBLIC_BASE_URL', `http://localhost:${port}`, urlWithProtocol(['http:', 'https:'])).replace(/\/+$/, '');
  const smtpUrl = read<string | null>('SMTP_URL', null, urlWithProtocol(['smtp:', 'smtps:']));
  const mailFrom = read('MAIL_FROM', 'Takedown Desk <legal@freelanews.com>', (raw) => raw);
  const rateLimitPerMinute = read('RATE_LIMIT_PER_MINUTE', 60, integerIn(0, 1_000_000));
  const publisherName = read('PUBLISHER_NAME', 'Freelanews', (raw) => raw);
  const publisherHosts = read('PUBLISHER_HOSTS', ['freelanews.com'], (raw) => {
    const hosts = raw
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    return hosts.length && hosts.every((h) => /^[a-z0-9.-]+$/.test(h)) ? hosts : '!a comma-separated list of host names';
  });
  const mainMarket = read('DESK_MAIN_MARKET', 'GB', (raw) => (isISO31661Alpha2(raw.toUpperCase()) ? raw.toUpperCase() : '!a two-letter country code, like GB'));
  const demoData = read('DESK_DEMO_DATA', true, boolean);
  const trustProxy = read('TRUST_PROXY', false, boolean);
  // The outlet's business calendar: an IANA zone and a date-holidays jurisdiction (GB is
  // England & Wales; GB-SCT, US, US-CA, DE … also work).
  const calendar: DeskCalendarSettings = {
    timeZone: read('DESK_TIME_ZONE', DEFAULT_DESK_CALENDAR.timeZone, (raw) => (isTimeZone(raw) ? raw : '!must be an IANA time zone such as Europe/London')),
    holidays: read(
      'DESK_HOLIDAYS',
      DEFAULT_DESK_CALENDAR.holidays,
      (raw) => parseJurisdiction(raw)?.code ?? '!must be a country code known to date-holidays, optionally with a state (GB, US, DE, GB-SCT)',
    ),
  };
  const sla: SlaSettings = {
    copyrightHours: read('SLA_COPYRIGHT_HOURS', DEFAULT_REVIEW_HOURS.copyrightHours, integerIn(1, 24 * 365)),
    defaultHours: read('SLA_DEFAULT_HOURS', DEFAULT_REVIEW_HOURS.defaultHours, integerIn(1, 24 * 365)),
    priorityHours: read('SLA_PRIORITY_HOURS', DEFAULT_REVIEW_HOURS.priorityHours, integerIn(1, 24 * 365)),
    calendar,
  };
  const logLevel = read('LOG_LEVEL', 'info', (raw) => ((LOG_LEVELS as readonly string[]).includes(raw) ? (raw as DeskConfig['logLevel']) : `!one of ${LOG_LEVELS.join(', ')}`));

  const adminEmail = read('ADMIN_EMAIL', 'admin@freelanews.com', (raw) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? raw.toLowerCase() : '!must be an e-mail address'));
  const sessionIdleMinutes = read('SESSION_IDLE_MINUTES', 60, integerIn(1, 10_080));
  const sessionMaxHours = read('SESSION_MAX_HOURS', 12, integerIn(1, 8_760));
  const loginLock: LoginLockSettings = {
    failures: read('LOGIN_LOCK_FAILURES', 100, integerIn(10, 100_000)),
    windowMinutes: read('LOGIN_LOCK_WINDOW_MINUTES', 60, integerIn(1, 7 * 24 * 60)),
  };

  const eventLog: EventLogSettings = {
    sealIntervalSeconds: read('SEAL_INTERVAL_SECONDS', 5, integerIn(0, 3600)),
    sealBatchSize: read('SEAL_BATCH_SIZE', 50_000, integerIn(1, 1_000_000)),
    unsealedWarningSeconds: read('UNSEALED_WARNING_SECONDS', 60, integerIn(1, 7 * 24 * 3600)),
  };

  const mail: MailSettings = {
    pollMs: read('MAIL_POLL_MS', 5000, integerIn(50, 3_600_000)),
    maxAttempts: read('MAIL_MAX_ATTEMPTS', 6, integerIn(1, 100)),
    retrySeconds: read('MAIL_RETRY_SECONDS', [60, 300, 1800, 7200, 43200], (raw) => {
      const parts = raw.split(',').map((part) => part.trim());
      return parts.every((part) => /^\d+$/.test(part) && Number(part) >= 1 && Number(part) <= 7 * 86400)
        ? parts.map(Number)
        : '!a comma-separated list of whole numbers of seconds from 1 to 604800';
    }),
    leaseSeconds: read('MAIL_LEASE_SECONDS', 300, integerIn(2, 86400)),
  };
  // Parsed apart from `read`: a bad key is not echoed in the error.
  const rawKey = env.DESK_SECRET_KEY?.trim() || null;
  const secretKey = rawKey ? (/^[0-9a-fA-F]{64}$/.test(rawKey) ? Buffer.from(rawKey, 'hex') : Buffer.from(rawKey, 'base64')) : null;
  if (secretKey && secretKey.length !== 32) problems.push('DESK_SECRET_KEY: must be 32 bytes, as 64 hex digits or base64 (openssl rand -hex 32)');

  const dsaTdb = readDsaTdbSettings(env, problems);
  const misuse: MisuseSettings = {
    threshold: read('MISUSE_THRESHOLD', 3, integerIn(1, 1000)),
    periodDays: read('MISUSE_PERIOD_DAYS', 90, integerIn(1, 3650)),
    suspensionDays: read('MISUSE_SUSPENSION_DAYS', 30, integerIn(1, 3650)),
  };
  const strikes: StrikeSettings = {
    threshold: read('STRIKE_THRESHOLD', 3, integerIn(1, 1000)),
    expiryMonths: read('STRIKE_EXPIRY_MONTHS', 12, integerIn(1, 120)),
  };

  if (problems.length) throw new ConfigError(problems);
  return new DeskConfig({
    port,
    host,
    databaseUrl,
    dataDir,
    embeddedDbPort,
    publicBaseUrl,
    smtpUrl,
    mailFrom,
    rateLimitPerMinute,
    publisherName,
    publisherHosts,
    mainMarket,
    demoData,
    trustProxy,
    sla,
    calendar,
    logLevel,
    adminEmail,
    sessionIdleMinutes,
    sessionMaxHours,
    loginLock,
    eventLog,
    mail,
    secretKey,
    dsaTdb,
    misuse,
    strikes,
  });
}

function integerIn(min: number, max: number) {
  return (raw: string): number | string => {
    if (!/^\d+$/.test(raw)) return `!must be a whole number from ${min} to ${max}`;
    const value = Number(raw);
    return value >= min && value <= max ? value : `!must be a whole number from ${min} to ${max}`;
  };
}

function boolean(raw: string): boolean | string {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  return '!must be true or false';
}

function urlWithProtocol(protocols: string[]) {
  return (raw: string): string => {
    try {
      const url = new URL(raw);
      return protocols.includes(url.protocol) ? raw : `!must be a URL starting with ${protocols.join(' or ')}//`;
    } catch {
      return `!must be a URL starting with ${protocols.join(' or ')}//`;
    }
  };
}
