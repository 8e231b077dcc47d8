/**
 * The one clock of the graph. Every rule that depends on "now" (a signal's day of receipt, the
 * reporting month, a feedback deadline, a retention period, a routing change's time) asks this
 * module, never `new Date()` or `Date.now()` directly, so that the rules can be run at any moment
 * by giving the process another clock: the test suite runs its date-sensitive files at fixed
 * moments (month ends, leap day, the daylight-saving changes, just around midnight in Amsterdam).
 *
 * The clock is given once per process (`useClock`); production never changes it. Token lifetimes
 * (JWT `iat`/`exp`) are not covenant days and stay on the real clock.
 */

export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

let current: Clock = systemClock;

/** The clock the process runs on. */
export function clock(): Clock {
  return current;
}

/** The current instant, from the process's clock. */
export function now(): Date {
  return current.now();
}

/**
 * Gives the process another clock; returns a function that restores the previous one.
 * For tests and tools that replay a day; the servers never call it.
 */
export function useClock(next: Clock): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}

/**
 * A clock standing still at `instant` (an ISO 8601 instant with an offset, e.g.
 * `2028-02-29T23:59:59+01:00`), so every rule sees the same moment however long a test takes.
 */
export function fixedClock(instant: string | Date): Clock {
  const at = typeof instant === "string" ? new Date(instant) : new Date(instant.getTime());
  if (Number.isNaN(at.getTime())) throw new RangeError(`"${String(instant)}" is not an ISO 8601 instant.`);
  return { now: () => new Date(at.getTime()) };
}

const DUTCH_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * The date in the Netherlands (YYYY-MM-DD) at `at` (by default: now, from the process's clock),
 * whatever the server's time zone: the covenant's days (a threshold's first day, a deadline, a
 * retention period) are Dutch calendar days, and UTC would move their boundary by one or two hours
 * every night.
 */
export function todayInNetherlands(at: Date = now()): string {
  return DUTCH_DATE.format(at);
}

/** The month in the Netherlands (YYYY-MM) at `at`, by default now. */
export function monthInNetherlands(at: Date = now()): string {
  return todayInNetherlands(at).slice(0, 7);
}
