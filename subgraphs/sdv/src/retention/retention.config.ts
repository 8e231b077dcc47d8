import { DEFAULT_INTERVAL_HOURS, retentionIntervalHours, retentionMonths } from "../../../shared/src/retention-config.js";

/** How long sdv keeps what it no longer needs, and how often it looks (AVG: retain no longer than needed). */
export interface RetentionConfig {
  /** Months after receipt that a signal which led to no case is kept, and a refused intake item. */
  uncasedSignalMonths: number;
  /** Months after its case was closed that a signal is kept. */
  closedCaseMonths: number;
  /** Hours between two runs of the retention job. */
  intervalHours: number;
}

export const RETENTION_DEFAULTS: RetentionConfig = { uncasedSignalMonths: 6, closedCaseMonths: 24, intervalHours: DEFAULT_INTERVAL_HOURS };

/**
 * The retention settings from the environment, checked: RETENTION_UNCASED_SIGNAL_MONTHS (6),
 * RETENTION_CLOSED_CASE_MONTHS (24), RETENTION_INTERVAL_HOURS (24). Throws an error that names the
 * variable when one is not a valid number, so a wrong setting stops the start instead of erasing
 * too much or too little.
 */
export function retentionConfig(env: Record<string, string | undefined> = process.env): RetentionConfig {
  return {
    uncasedSignalMonths: retentionMonths(env, "RETENTION_UNCASED_SIGNAL_MONTHS", RETENTION_DEFAULTS.uncasedSignalMonths),
    closedCaseMonths: retentionMonths(env, "RETENTION_CLOSED_CASE_MONTHS", RETENTION_DEFAULTS.closedCaseMonths),
    intervalHours: retentionIntervalHours(env, RETENTION_DEFAULTS.intervalHours),
  };
}
