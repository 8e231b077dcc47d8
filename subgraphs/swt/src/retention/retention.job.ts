import { intervalMs } from "../../../shared/src/retention-config.js";
import type { ScheduledJob } from "../../../shared/src/subgraph-server.js";
import { retentionConfigFromEnv, type RetentionConfig } from "./retention.config.js";
import { runRetention } from "./retention.service.js";

/** The name of swt's retention job, and of its lock: one run at a time across replicas and the CLI. */
export const RETENTION_JOB = "swt-retention";

/**
 * The scheduled retention of the swt data: `runRetention` every RETENTION_INTERVAL_HOURS hours
 * (default 24). The settings are checked when the job is made, at the subgraph's start.
 */
export function retentionJob(config: RetentionConfig = retentionConfigFromEnv()): ScheduledJob {
  return {
    name: RETENTION_JOB,
    intervalMs: intervalMs(config.intervalHours),
    run: (db) => runRetention(db, undefined, config),
  };
}
