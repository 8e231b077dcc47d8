import { DEFAULT_INTERVAL_HOURS, retentionIntervalHours, retentionMonths } from "../../../shared/src/retention-config.js";

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

export const DEFAULT_RETENTION: RetentionConfig = { closedCaseMonths: 24, intervalHours: DEFAULT_INTERVAL_HOURS };

/** The retention settings of the environment, each checked; an invalid one throws with what to set. */
export function retentionConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  return {
    closedCaseMonths: retentionMonths(env, "RETENTION_CLOSED_CASE_MONTHS", DEFAULT_RETENTION.closedCaseMonths),
    intervalHours: retentionIntervalHours(env, DEFAULT_RETENTION.intervalHours),
  };
}
