import decrees from "./non-working-days.json" with { type: "json" };

/**
 * Working days (werkdagen) in the sense of the Algemene termijnenwet (art. 3): Monday to Friday,
 * except the general holidays and the days a royal decree makes equal to them.
 *
 * The general holidays follow from the law by rule, for any year: New Year's Day, Good Friday,
 * Easter Monday, King's Day (27 April, or 26 April when the 27th is a Sunday), 5 May (Liberation
 * Day, a general holiday under this law every year), Ascension Day, Whit Monday, Christmas Day and
 * Boxing Day. The decree days (brugdagen) cannot be computed: they are data
 * (`non-working-days.json`), one entry per year with its source. A date in a year whose decree days
 * are not recorded is refused (`CalendarNotCoveredError`): a deadline computed without a decree day
 * would be a day early without anyone noticing.
 *
 * Every loop here is bounded: no run of days off is longer than `MAX_DAYS_OFF_IN_A_ROW`, and a term
 * is at most `MAX_WORKING_DAYS` long.
 */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The longest run of Saturdays, Sundays, holidays and decree days the calendar accepts (a week and more). */
export const MAX_DAYS_OFF_IN_A_ROW = 14;
/** The longest term in working days the calendar counts (about a year). */
export const MAX_WORKING_DAYS = 366;

interface DecreeYear {
  days: Record<string, string>;
  source: string;
  certainty: string;
}

const DECREES: ReadonlyMap<number, DecreeYear> = new Map(
  Object.entries((decrees as { decrees: Record<string, DecreeYear> }).decrees).map(([year, entry]) => [Number(year), entry]),
);

/** The years whose decree days are recorded, ascending and without gaps: the years the calendar answers for. */
export const CALENDAR_YEARS: readonly number[] = [...DECREES.keys()].sort((a, b) => a - b);

for (const [year, entry] of DECREES) {
  for (const day of Object.keys(entry.days)) {
    if (!day.startsWith(`${year}-`) || !isCalendarDate(day)) throw new Error(`non-working-days.json: ${day} is not a date of ${year}.`);
  }
  if (!entry.source || !entry.certainty) throw new Error(`non-working-days.json: ${year} must say its source and certainty.`);
}
if (CALENDAR_YEARS.some((year, i) => i > 0 && year !== CALENDAR_YEARS[i - 1]! + 1)) {
  throw new Error("non-working-days.json: the years must follow each other without gaps.");
}

/** The first and last day the working-day calendar answers for. */
export const CALENDAR_RANGE = { from: `${CALENDAR_YEARS[0]}-01-01`, to: `${CALENDAR_YEARS.at(-1)}-12-31` } as const;

/** Raised for a date outside the calendar's years; its message says what the calendar covers. */
export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(
      `The working-day calendar answers for ${CALENDAR_RANGE.from} to ${CALENDAR_RANGE.to} only: ` +
        (year > CALENDAR_YEARS.at(-1)!
          ? `the days a royal decree makes equal to holidays in ${year} are not recorded yet, and a deadline without them could be a day early.`
          : `${year} lies before the covenant's calendar begins.`),
    );
    this.name = "CalendarNotCoveredError";
  }
}

function isCalendarDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(2000, month - 1, day));
  return month >= 1 && month <= 12 && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day && !(month === 2 && day === 29 && !isLeapYear(year));
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The year of a date inside the calendar, or CalendarNotCoveredError / RangeError. */
function coveredYear(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`${JSON.stringify(date)} is not a calendar date written as YYYY-MM-DD.`);
  const year = Number(date.slice(0, 4));
  if (!DECREES.has(year)) throw new CalendarNotCoveredError(year);
  return year;
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Whole calendar days from one date to another (YYYY-MM-DD; negative when `to` lies before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY_MS);
}

/** The date `days` calendar days after `date` (YYYY-MM-DD); negative goes back. Years 0000-9999 only. */
export function addDays(date: string, days: number): string {
  if (!isCalendarDate(date) || !Number.isInteger(days)) throw new RangeError(`Cannot add ${days} days to ${JSON.stringify(date)}.`);
  const result = new Date(utc(date).getTime() + days * DAY_MS);
  const year = result.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError(`${date} plus ${days} days lies outside the years 0000-9999.`);
  return result.toISOString().slice(0, 10);
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
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The general holidays of a year under art. 3, first and second paragraph, by rule, with their
 * names. King's Day is the rule since 2014 (27 April, the Saturday before when the 27th is a Sunday).
 */
export function generalHolidaysOf(year: number): ReadonlyMap<string, string> {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`${year} is no year of the calendar.`);
  const y = String(year).padStart(4, "0");
  const easter = easterSunday(year);
  const kingsDay = utc(`${y}-04-27`).getUTCDay() === 0 ? `${y}-04-26` : `${y}-04-27`;
  const days = new Map<string, string>();
  const holidays: [string, string][] = [
    [`${y}-01-01`, "New Year's Day"],
    [addDays(easter, -2), "Good Friday"],
    [addDays(easter, 1), "Easter Monday"],
    [kingsDay, "King's Day"],
    [`${y}-05-05`, "Liberation Day"],
    [addDays(easter, 39), "Ascension Day"],
    [addDays(easter, 50), "Whit Monday"],
    [`${y}-12-25`, "Christmas Day"],
    [`${y}-12-26`, "Boxing Day"],
  ];
  // Two can fall on one day (Ascension Day on 5 May, as in 2005 and 2016): the day keeps both names.
  for (const [date, name] of holidays) days.set(date, days.has(date) ? `${days.get(date)} and ${name}` : name);
  return days;
}

const YEARS = new Map<number, ReadonlyMap<string, string>>();

/** The holidays and decree days of a year the calendar covers, by date, with their names. */
export function nonWorkingDaysOf(year: number): ReadonlyMap<string, string> {
  const cached = YEARS.get(year);
  if (cached) return cached;
  const decree = DECREES.get(year);
  if (!decree) throw new CalendarNotCoveredError(year);
  const days = new Map([...generalHolidaysOf(year), ...Object.entries(decree.days)]);
  YEARS.set(year, days);
  return days;
}

/** Where a year's decree days come from, as recorded with them. */
export function decreeSourceOf(year: number): { source: string; certainty: string } {
  const decree = DECREES.get(year);
  if (!decree) throw new CalendarNotCoveredError(year);
  return { source: decree.source, certainty: decree.certainty };
}

export function isWorkingDay(date: string): boolean {
  const year = coveredYear(date);
  const weekday = utc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nonWorkingDaysOf(year).has(date);
}

/** The date itself when it is a working day, otherwise the next working day. */
export function firstWorkingDayFrom(date: string): string {
  let day = date;
  for (let step = 0; step <= MAX_DAYS_OFF_IN_A_ROW; step++) {
    if (isWorkingDay(day)) return day;
    day = addDays(day, 1);
  }
  throw new Error(`The working-day calendar has no working day in the ${MAX_DAYS_OFF_IN_A_ROW + 1} days from ${date}; check non-working-days.json.`);
}

/** The `count`-th working day after `date`; `date` itself does not count. */
export function addWorkingDays(date: string, count: number): string {
  if (!Number.isInteger(count) || count < 0 || count > MAX_WORKING_DAYS) {
    throw new RangeError(`count must be a whole number of working days from 0 to ${MAX_WORKING_DAYS}, not ${count}`);
  }
  coveredYear(date);
  let day = date;
  for (let left = count; left > 0; left -= 1) day = firstWorkingDayFrom(addDays(day, 1));
  return day;
}

/** Collection phase of the arrears, as the covenant names them. */
export type FeedbackPhase = "ARREARS" | "COLLECTION" | "BAILIFF";

/**
 * The feedback term of Art. 5.4: 5 working days for a signal in the collection (incasso) or bailiff
 * (deurwaarder) phase, where the household has least time; 10 working days otherwise.
 */
export function feedbackTermDays(phase: FeedbackPhase): 5 | 10 {
  return phase === "COLLECTION" || phase === "BAILIFF" ? 5 : 10;
}

/**
 * The day feedback to the corporation is due: the term's last working day counted from the day of
 * forwarding, which itself does not count. A forwarding on a non-working day counts from that day
 * all the same: the next working day is the first of the term.
 */
export function feedbackDueOn(forwardedOn: string, phase: FeedbackPhase): string {
  return addWorkingDays(forwardedOn, feedbackTermDays(phase));
}
