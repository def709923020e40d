/**
 * Calendar dates (`2024-07-19`) on the London calendar, for the rules that count days and months
 * from the date on a prescription: validity periods and the patient's age. Pure arithmetic on
 * year, month and day, so no clock change or time zone can move a date by one.
 */
import { toLondonIso } from '../time';

/** A date with no time, `YYYY-MM-DD`, read on the London calendar. */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toYmd(date: CalendarDate): Ymd {
  const match = CALENDAR_DATE.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const ymd = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (ymd.month < 1 || ymd.month > 12 || ymd.day < 1 || ymd.day > daysInMonth(ymd.year, ymd.month)) {
    throw new RangeError(`No such date: ${date}`);
  }
  return ymd;
}

function fromYmd({ year, month, day }: Ymd): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when the text is a real calendar date such as `2024-02-29` (and not `2023-02-29`). */
export function isCalendarDate(text: string): boolean {
  try {
    toYmd(text);
    return true;
  } catch {
    return false;
  }
}

/** The London calendar date of an instant: 23:30 UTC on 18 July 2024 is 19 July in London. */
export function londonCalendarDate(instant: Date | string): CalendarDate {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date and time: ${String(instant)}`);
  return toLondonIso(date).slice(0, 10);
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = toYmd(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return fromYmd({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}

/**
 * The last day of a period of `months` months beginning with `start` (the start day counts):
 * the day before the same date `months` later, so 19 July → 18 January. Where that month has no
 * such date, the period runs to the end of that month: 31 August + 6 months → 28 (or 29) February.
 */
export function lastDayOfMonthsBeginningWith(start: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = toYmd(start);
  const monthIndex = month - 1 + months;
  const target = { year: year + Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1 };
  const length = daysInMonth(target.year, target.month);
  if (day > length) return fromYmd({ ...target, day: length });
  return addDays(fromYmd({ ...target, day }), -1);
}

/** The last day of a period of `days` days beginning with `start` (the start day counts). */
export function lastDayOfDaysBeginningWith(start: CalendarDate, days: number): CalendarDate {
  return addDays(start, days - 1);
}

/**
 * Age in completed years on a date. Someone born on 29 February has their birthday on 1 March in a
 * year with no 29 February (the usual reading in England), so they are never shown older than
 * they are.
 */
export function completedYears(dateOfBirth: CalendarDate, on: CalendarDate): number {
  const born = toYmd(dateOfBirth);
  const today = toYmd(on);
  const leapBirthdayMissing = born.month === 2 && born.day === 29 && daysInMonth(today.year, 2) === 28;
  const birthday = leapBirthdayMissing ? { month: 3, day: 1 } : { month: born.month, day: born.day };
  const hadBirthday = today.month > birthday.month || (today.month === birthday.month && today.day >= birthday.day);
  return today.year - born.year - (hadBirthday ? 0 : 1);
}

/** Completed months of age on a date (for babies); born 31 January is one month old on 28 February. */
export function completedMonths(dateOfBirth: CalendarDate, on: CalendarDate): number {
  const born = toYmd(dateOfBirth);
  const today = toYmd(on);
  const monthDay = Math.min(born.day, daysInMonth(today.year, today.month));
  return (today.year - born.year) * 12 + (today.month - born.month) - (today.day < monthDay ? 1 : 0);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const a = toYmd(from);
  const b = toYmd(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** `2025-01-18` → `18/01/2025`, the UK format the brief asks for. */
export function formatCalendarDateUk(date: CalendarDate): string {
  const { year, month, day } = toYmd(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
