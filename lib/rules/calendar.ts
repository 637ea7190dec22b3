import { addMonths as addCalendarMonths } from 'date-fns';

/** The model's date check, the only one; lib/model must not import lib/rules, so it lives there. */
export { isIsoDate } from '../model/iso-date';

/** A calendar date written YYYY-MM-DD; such strings sort in date order. */
export type IsoDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date that the wall clock shows in `timeZone` at the instant `ms`. */
export function localDate(ms: number, timeZone: string): IsoDate {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function parse(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 1, day: day ?? 1 };
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The calendar date as a Date at noon on the host's clock, for date-fns, which reads and sets
 * local fields. Noon, because a UTC midnight is the previous day west of UTC, and no clock
 * change falls at noon. (setFullYear also keeps years 0-99 from meaning 1900-1999.)
 * Checked against the Date.UTC arithmetic it replaced for every day 2012-2039 and 13 month
 * steps in 8 zones, Santiago and Havana (midnight clock changes) among them: the same dates,
 * but for a result of 2011-12-30 in Samoa, a day its clocks skipped.
 */
function toLocalNoon(date: IsoDate): Date {
  const { year, month, day } = parse(date);
  const local = new Date(0);
  local.setFullYear(year, month - 1, day);
  local.setHours(12, 0, 0, 0);
  return local;
}

function fromLocal(date: Date): IsoDate {
  return format(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/**
 * Adds calendar months; a day that the target month lacks becomes its last day
 * (30 Nov + 3 months is 28 Feb, or 29 Feb in a leap year), as date-fns' addMonths does.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromLocal(addCalendarMonths(toLocalNoon(date), months));
}

// Days stay on Date.UTC: one line each, exact, and the same on every computer. date-fns'
// addDays and differenceInCalendarDays would read the host's local clock (it has no UTC mode
// without a further package), which only adds a way for a pure rule to depend on the machine.
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parse(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); immune to DST. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
