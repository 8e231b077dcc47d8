import calendar from "./non-working-days.json" with { type: "json" };

/**
 * Working days (werkdagen) in the sense of the Algemene termijnenwet (art. 3): Monday to Friday,
 * except the general holidays and the days a royal decree makes equal to them. The days themselves
 * are data (`non-working-days.json`, one entry per year), so that a new year, or a new decree day, is
 * added without touching code. A date in a year the data does not cover is refused: a deadline
 * guessed from an incomplete calendar would be wrong without anyone noticing.
 */

const DAY_MS = 86_400_000;
const NON_WORKING_DAYS: ReadonlyMap<number, ReadonlyMap<string, string>> = new Map(
  Object.entries((calendar as { years: Record<string, Record<string, string>> }).years).map(([year, days]) => [
    Number(year),
    new Map(Object.entries(days)),
  ]),
);

/** The years the calendar covers, ascending. */
export const CALENDAR_YEARS: readonly number[] = [...NON_WORKING_DAYS.keys()].sort((a, b) => a - b);

/** Raised for a date outside the calendar's years; its message says how to extend the calendar. */
export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(
      `The working-day calendar holds no days for ${year} (it covers ${CALENDAR_YEARS[0]}-${CALENDAR_YEARS.at(-1)}); ` +
        `add that year's holidays and decree days to subgraphs/shared/src/covenant/non-working-days.json.`,
    );
    this.name = "CalendarNotCoveredError";
  }
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (YYYY-MM-DD); negative goes back. */
export function addDays(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * DAY_MS));
}

/** The holidays and decree days of a year, by date, with their names. */
export function nonWorkingDaysOf(year: number): ReadonlyMap<string, string> {
  const days = NON_WORKING_DAYS.get(year);
  if (!days) throw new CalendarNotCoveredError(year);
  return days;
}

export function isWorkingDay(date: string): boolean {
  // The year is looked up first: counting on past the calendar's last year must stop there, even
  // on a weekend (past 9999-12-31 the dates no longer advance, and the count would never end).
  const holidays = nonWorkingDaysOf(Number(date.slice(0, 4)));
  const weekday = utc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays.has(date);
}

/** The date itself when it is a working day, otherwise the next working day. */
export function firstWorkingDayFrom(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The `count`-th working day after `date`; `date` itself does not count. */
export function addWorkingDays(date: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number of working days, not ${count}`);
  let day = date;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
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
