import type { DataSource } from "typeorm";
import { logErasure } from "../../../shared/src/erasure-log.js";
import { isIsoDate } from "../../../shared/src/scalars.js";
import { intervalMs } from "../../../shared/src/retention-config.js";
import type { ScheduledJob } from "../../../shared/src/subgraph-server.js";
import { eraseRefusals } from "../intake/intake-refusal.js";
import { erasedAnything, eraseSignals } from "../signal/signal-erasure.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { retentionConfig, type RetentionConfig } from "./retention.config.js";

/**
 * Retention (bewaartermijn; AVG art. 5(1)(e), Wgs): sdv erases what it no longer needs, counted from
 * `today` (a day in the Netherlands; default today):
 *  - a signal that led to no case (its forwarding has no case at swt, or it was never forwarded) and is
 *    not closed, received more than RETENTION_UNCASED_SIGNAL_MONTHS (6) months ago;
 *  - a CLOSED signal whose case was closed more than RETENTION_CLOSED_CASE_MONTHS (24) months ago
 *    (one closed before the closing day was kept counts from the day it was received);
 *  - a refused intake item first refused more than RETENTION_UNCASED_SIGNAL_MONTHS months ago.
 * Each signal goes with its priority, revisions and forwarding. Before the delete, what is erased is
 * added to the anonymous monthly tally (signals through addSignalsToTally, refusals as
 * `REFUSED:<code>`), so monitoring does not change. One transaction, one erasure_log entry (reason
 * RETENTION, counts per table) when anything was erased. Safe to run twice, and from two replicas at
 * once: the rows are locked and a row erased by the other run is neither counted nor erased again.
 * Returns the counts per table.
 */
export async function runRetention(db: DataSource, today: string = todayInNetherlands(), config: RetentionConfig = retentionConfig()): Promise<Record<string, number>> {
  if (!isIsoDate(today)) throw new Error(`runRetention: today must be a date written as YYYY-MM-DD, got "${today}".`);
  return db.transaction(async (manager) => {
    // Cut-offs as PostgreSQL counts months (31 August minus 6 months is 28 or 29 February).
    const [cutoff]: { uncasedBefore: Date; closedBefore: string }[] = await manager.query(
      `SELECT ($1::date - make_interval(months => $2))::timestamp AT TIME ZONE 'Europe/Amsterdam' AS "uncasedBefore",
              ($1::date - make_interval(months => $3))::date AS "closedBefore"`,
      [today, config.uncasedSignalMonths, config.closedCaseMonths],
    );
    const signals: { id: string }[] = await manager.query(
      `SELECT s.id FROM signal s LEFT JOIN referral r ON r.signal_id = s.id
        WHERE (s.status <> 'CLOSED' AND r.case_id IS NULL AND s.received_at < $1::timestamptz)
           OR (s.status = 'CLOSED' AND COALESCE(s.closed_on, (s.received_at AT TIME ZONE 'Europe/Amsterdam')::date) < $2::date)
        ORDER BY s.id
        FOR UPDATE OF s`,
      [cutoff!.uncasedBefore, cutoff!.closedBefore],
    );
    const intakeRefusals = await eraseRefusals(manager, { refusedBefore: cutoff!.uncasedBefore });
    const erased = await eraseSignals(
      manager,
      signals.map((s) => s.id),
      "all",
    );
    const counts = { ...erased, intake_refusal: intakeRefusals };
    if (erasedAnything(counts)) await logErasure(manager, { reason: "RETENTION", identity: null, requestId: null, counts });
    return counts;
  });
}

/** The name of sdv's retention job, and of its lock: one run at a time across replicas and the CLI. */
export const RETENTION_JOB = "sdv-retention";

/**
 * The retention job of the sdv subgraph, run every RETENTION_INTERVAL_HOURS hours. The settings are
 * checked here, when the subgraph starts its jobs: a wrong value stops the start with an error that
 * names it.
 */
export function retentionJobs(env: Record<string, string | undefined> = process.env): ScheduledJob[] {
  const config = retentionConfig(env);
  return [{ name: RETENTION_JOB, intervalMs: intervalMs(config.intervalHours), run: (db) => runRetention(db, todayInNetherlands(), config) }];
}
