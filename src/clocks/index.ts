// The clocks' public face: other features import from here, not from the files inside.
export { BusinessCalendar, parseJurisdiction, type Jurisdiction } from './calendar';
export {
  CLOCK_DESCRIPTIONS,
  CLOCK_NAMES,
  ClockError,
  computeClock,
  DEFAULT_DESK_CALENDAR,
  DEFAULT_REVIEW_HOURS,
  deskCalendar,
  isClockName,
  reviewHoursFor,
  type ClockName,
  type ClockOptions,
  type ClockResult,
  type DeskCalendarSettings,
  type ReviewHours,
} from './clocks';
export { endOfLocalDay, isTimeZone, localDateOf } from './zoned-time';
