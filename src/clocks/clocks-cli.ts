import type { DeskConfig } from '../config/desk-config';
import { CLOCK_NAMES, ClockError, computeClock, isClockName, type ClockName, type ClockOptions } from './clocks';

// `npm run desk -- clocks:compute --clock NAME --start ISO [...]`: an operator checks a
// deadline; prints the ClockResult as JSON. No database: the clocks are pure.
export const CLOCKS_COMPUTE_USAGE = `clocks:compute --clock ${CLOCK_NAMES.join('|')} --start ISO-INSTANT [--jurisdiction GB|US|DE|GB-SCT…] [--type NOTICE-TYPE] [--trusted-flagger] [--time-zone IANA] [--duration P30D]`;

const VALUE_OPTIONS = ['clock', 'start', 'jurisdiction', 'type', 'time-zone', 'duration'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

// An ISO 8601 instant with a date, a time and a zone (Z or ±hh:mm): no local guesswork, and
// no 30 February (Date would quietly read it as 2 March).
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

export function parseIsoInstant(raw: string): Date | null {
  const match = ISO_INSTANT.exec(raw.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match.slice(1);
  const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const inRange = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= lastDay;
  if (!inRange || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const instant = new Date(raw.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

export function parseClockArgs(args: string[]): { clock: ClockName; start: Date; options: ClockOptions } {
  const values: Partial<Record<ValueOption, string>> = {};
  let trustedFlagger = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--trusted-flagger') {
      trustedFlagger = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    const name = match?.[1] as ValueOption | undefined;
    if (!match || !name || !VALUE_OPTIONS.includes(name)) throw new ClockError(`unknown argument ${JSON.stringify(args[i])}`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new ClockError(`--${name} needs a value`);
    values[name] = value;
  }
  if (!values.clock) throw new ClockError(`give --clock (${CLOCK_NAMES.join(', ')})`);
  if (!isClockName(values.clock)) throw new ClockError(`unknown clock "${values.clock}" (${CLOCK_NAMES.join(', ')})`);
  if (!values.start) throw new ClockError('give --start, an ISO 8601 instant such as 2026-12-24T15:00:00Z');
  const start = parseIsoInstant(values.start);
  if (!start) {
    throw new ClockError(`--start "${values.start}" is not an ISO 8601 instant with a zone, such as 2026-12-24T15:00:00Z`);
  }
  const options: ClockOptions = { jurisdiction: values.jurisdiction, timeZone: values['time-zone'], noticeType: values.type, trustedFlagger, duration: values.duration };
  return { clock: values.clock, start, options };
}

// 0 with the JSON on stdout; 2 with one line on stderr for any bad input.
export function runClocksCompute(args: string[], config: Pick<DeskConfig, 'calendar' | 'sla'>, out: (line: string) => void, err: (line: string) => void): number {
  try {
    const { clock, start, options } = parseClockArgs(args);
    const result = computeClock(clock, start, { ...options, desk: config.calendar, reviewHours: config.sla });
    out(JSON.stringify(result, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof ClockError)) throw error;
    err(`clocks:compute: ${error.message}`);
    return 2;
  }
}
