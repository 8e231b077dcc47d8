/**
 * Working days (werkdagen) in the sense of the Algemene termijnenwet (art. 3): Monday to Friday,
 * except the general holidays and the days a royal decree adds. The forwarding date, day zero of the
 * feedback term of Art. 5.4, is a working day. date-holidays is not used: it lacks the decree days
 * and files Good Friday and 5 May as school, not public, holidays.
 */

/** Days made equal to a holiday by royal decree; extended when a new decree is published. */
export const ROYAL_DECREE_DAYS: readonly string[] = ["2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26"];

const DAY_MS = 86_400_000;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * DAY_MS));
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The general holidays of a year that can fall on a weekday, with the decree days of that year. */
export function holidaysOf(year: number): Set<string> {
  const easter = easterSunday(year);
  // King's Day is celebrated on 26 April when 27 April is a Sunday.
  const kingsDay = utc(`${year}-04-27`).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  return new Set([
    `${year}-01-01`,
    addDays(easter, -2), // Good Friday
    addDays(easter, 1), // Easter Monday
    kingsDay,
    `${year}-05-05`,
    addDays(easter, 39), // Ascension Day
    addDays(easter, 50), // Whit Monday
    `${year}-12-25`,
    `${year}-12-26`,
    ...ROYAL_DECREE_DAYS.filter((day) => day.startsWith(`${year}-`)),
  ]);
}

const cache = new Map<number, Set<string>>();

export function isWorkingDay(date: string): boolean {
  const weekday = utc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(date.slice(0, 4));
  let holidays = cache.get(year);
  if (!holidays) cache.set(year, (holidays = holidaysOf(year)));
  return !holidays.has(date);
}

/** The date itself when it is a working day, otherwise the next working day. */
export function firstWorkingDayFrom(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
