// Wall-clock arithmetic in an IANA time zone with nothing but Intl: a local date is a
// 'YYYY-MM-DD' string, a local time is its parts, and instants are Dates (UTC).

export interface LocalDateTime {
  date: string;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

export function localDateOf(instant: Date, timeZone: string): string {
  return toLocal(instant, timeZone).date;
}

// The same wall time read as if it were UTC, in ms: the base of the offset arithmetic.
function wallMs(local: LocalDateTime): number {
  const [year, month, day] = local.date.split('-').map(Number);
  return Date.UTC(year, month - 1, day, local.hour, local.minute, local.second, local.millisecond);
}

function offsetAt(utcMs: number, timeZone: string): number {
  return wallMs(toLocal(new Date(utcMs), timeZone)) - utcMs;
}

// The instant of a wall time, resolved like Temporal's 'compatible': a time repeated when
// the clocks go back is its first occurrence; a time skipped when they go forward is moved
// forward by the gap (01:30 on the spring-forward night in London is 02:30 BST).
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = wallMs(local);
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const matches = [before, after].filter((utc) => wallMs(toLocal(new Date(utc), timeZone)) === wall);
  if (matches.length) return new Date(Math.min(...matches));
  return new Date(before);
}

// Remembered: every filing's review deadline walks the same few days (measured 0.27 ms a
// deadline without it, most of it here). The map is emptied when it grows past a bound.
const dayStarts = new Map<string, number>();
const DAY_STARTS_KEPT = 10_000;

export function startOfLocalDay(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    start = fromLocal({ date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone).getTime();
    dayStarts.set(key, start);
  }
  return new Date(start);
}

// The last millisecond of a local day: "by the end of" a day, and overdue from midnight on.
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(startOfLocalDay(addDaysToDate(date, 1), timeZone).getTime() - 1);
}

export function addDaysToDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

// Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February).
export function addMonthsToDate(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

// 0 = Sunday … 6 = Saturday.
export function weekdayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
