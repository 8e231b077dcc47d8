/** How long sdv keeps what it no longer needs, and how often it looks (AVG: retain no longer than needed). */
export interface RetentionConfig {
  /** Months after receipt that a signal which led to no case is kept, and a refused intake item. */
  uncasedSignalMonths: number;
  /** Months after its case was closed that a signal is kept. */
  closedCaseMonths: number;
  /** Hours between two runs of the retention job. */
  intervalHours: number;
}

export const RETENTION_DEFAULTS: RetentionConfig = { uncasedSignalMonths: 6, closedCaseMonths: 24, intervalHours: 24 };

function wholeMonths(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const months = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || months < 1 || months > 1_200) {
    throw new Error(`${name} must be a whole number of months from 1 to 1200 (default ${fallback}), got "${value}".`);
  }
  return months;
}

function hours(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 24 * 366) {
    throw new Error(`${name} must be a number of hours above 0 and at most a year (default ${fallback}), got "${value}".`);
  }
  return parsed;
}

/**
 * The retention settings from the environment, checked: RETENTION_UNCASED_SIGNAL_MONTHS (6),
 * RETENTION_CLOSED_CASE_MONTHS (24), RETENTION_INTERVAL_HOURS (24). Throws an error that names the
 * variable when one is not a valid number, so a wrong setting stops the start instead of erasing
 * too much or too little.
 */
export function retentionConfig(env: Record<string, string | undefined> = process.env): RetentionConfig {
  return {
    uncasedSignalMonths: wholeMonths("RETENTION_UNCASED_SIGNAL_MONTHS", env.RETENTION_UNCASED_SIGNAL_MONTHS, RETENTION_DEFAULTS.uncasedSignalMonths),
    closedCaseMonths: wholeMonths("RETENTION_CLOSED_CASE_MONTHS", env.RETENTION_CLOSED_CASE_MONTHS, RETENTION_DEFAULTS.closedCaseMonths),
    intervalHours: hours("RETENTION_INTERVAL_HOURS", env.RETENTION_INTERVAL_HOURS, RETENTION_DEFAULTS.intervalHours),
  };
}
