/**
 * How long the SWT keeps closed cases, and how often it looks for what is past that period. Both are
 * read from the environment once, when the subgraph starts its scheduled jobs (or the retention
 * command runs), so that a wrong value stops the start with a message instead of erasing too much or
 * too little later.
 */
export interface RetentionConfig {
  /** RETENTION_CLOSED_CASE_MONTHS: months a CLOSED case (and an idle household profile) is kept (24). */
  closedCaseMonths: number;
  /** RETENTION_INTERVAL_HOURS: hours between two runs of the retention job (24). */
  intervalHours: number;
}

export const DEFAULT_RETENTION: RetentionConfig = { closedCaseMonths: 24, intervalHours: 24 };

/** setInterval takes at most 2^31 - 1 ms: a longer interval would make the job run at once, over and over. */
const MAX_INTERVAL_HOURS = Math.floor((2 ** 31 - 1) / 3_600_000);
const MAX_MONTHS = 1200;

function setting(env: NodeJS.ProcessEnv, name: string, fallback: number, valid: (n: number) => boolean, expected: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw.trim());
  if (!valid(value)) throw new Error(`${name} must be ${expected}; got "${raw}". Leave it unset for the default (${fallback}).`);
  return value;
}

/** The retention settings of the environment, each checked; an invalid one throws with what to set. */
export function retentionConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  return {
    closedCaseMonths: setting(
      env,
      "RETENTION_CLOSED_CASE_MONTHS",
      DEFAULT_RETENTION.closedCaseMonths,
      (n) => Number.isInteger(n) && n >= 1 && n <= MAX_MONTHS,
      `a whole number of months from 1 to ${MAX_MONTHS}`,
    ),
    intervalHours: setting(
      env,
      "RETENTION_INTERVAL_HOURS",
      DEFAULT_RETENTION.intervalHours,
      (n) => Number.isFinite(n) && n > 0 && n <= MAX_INTERVAL_HOURS,
      `a number of hours above 0 and at most ${MAX_INTERVAL_HOURS}`,
    ),
  };
}
