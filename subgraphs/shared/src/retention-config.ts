/**
 * The settings of a retention job, read from the environment once, when a subgraph starts its
 * scheduled jobs (or the retention command runs), and checked there: a wrong value stops the start
 * with a message that names the variable and what to set, instead of erasing too much or too
 * little later, or running the job without pause. One parser for every subgraph that erases after
 * a retention period (AVG: retain no longer than needed), so that their checks cannot drift apart.
 */

/** The longest retention period a setting may give, in months (a hundred years). */
export const MAX_RETENTION_MONTHS = 1_200;

/**
 * setInterval takes at most 2^31 - 1 ms (about 24.8 days); a longer interval overflows and the job
 * would run at once, over and over. So the interval between two runs is at most 596 hours.
 */
export const MAX_INTERVAL_HOURS = Math.floor((2 ** 31 - 1) / 3_600_000);

/** Hours between two runs of a retention job when RETENTION_INTERVAL_HOURS is not set. */
export const DEFAULT_INTERVAL_HOURS = 24;

type Env = Record<string, string | undefined>;

function setting(env: Env, name: string, fallback: number, valid: (raw: string, value: number) => boolean, expected: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw.trim());
  if (!valid(raw.trim(), value)) throw new Error(`${name} must be ${expected}; got "${raw}". Leave it unset for the default (${fallback}).`);
  return value;
}

/** A retention period in whole months, from 1 to MAX_RETENTION_MONTHS. */
export function retentionMonths(env: Env, name: string, fallback: number): number {
  return setting(
    env,
    name,
    fallback,
    (raw, months) => /^\d+$/.test(raw) && months >= 1 && months <= MAX_RETENTION_MONTHS,
    `a whole number of months from 1 to ${MAX_RETENTION_MONTHS}`,
  );
}

/** RETENTION_INTERVAL_HOURS: hours between two runs, above 0 and at most MAX_INTERVAL_HOURS. */
export function retentionIntervalHours(env: Env, fallback: number = DEFAULT_INTERVAL_HOURS): number {
  return setting(
    env,
    "RETENTION_INTERVAL_HOURS",
    fallback,
    (_raw, hours) => Number.isFinite(hours) && hours > 0 && hours <= MAX_INTERVAL_HOURS,
    `a number of hours above 0 and at most ${MAX_INTERVAL_HOURS}`,
  );
}

/** The interval of a scheduled job of `hours`, in the milliseconds setInterval takes. */
export function intervalMs(hours: number): number {
  return Math.round(hours * 3_600_000);
}
