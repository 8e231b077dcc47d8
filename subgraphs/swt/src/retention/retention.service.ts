import type { DataSource, EntityManager } from "typeorm";
import { logErasure } from "../../../shared/src/erasure-log.js";
import { isIsoDate } from "../../../shared/src/scalars.js";
import { CaseStatus } from "../case/case.enums.js";
import { eraseCases, totalErased, type ErasureCounts } from "../erasure/case-erasure.js";
import { addCasesToTally } from "../monitoring/case-tally.js";
import { retentionConfigFromEnv, type RetentionConfig } from "./retention.config.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

/**
 * Retention (bewaartermijn; the covenant's privacy duty "retain no longer than needed") of the swt
 * data, as of `today` (default: today in the Netherlands), in one transaction:
 *  - CLOSED cases whose closedOn lies more than `closedCaseMonths` (RETENTION_CLOSED_CASE_MONTHS,
 *    default 24) months before today, with everything hanging off them: the signals bundled in them,
 *    contact attempts, notes and feedback. A closed case whose closing has not yet reached sdv
 *    (closure_reported_on null) waits: sdv erases the case's signals on the closing date it is
 *    told, so erasing the case first would leave those signals with no rule that ever ends them;
 *  - the household profiles of tenants left without any case whose profile was last updated more
 *    than that same period ago (24 months by default): what the SWT knows of a household is kept
 *    while it works with the household, and for as long as a closed case is kept after that.
 * The cases are first added to the anonymous monthly tally, so the covenant's monitoring does not
 * change. One erasure_log entry (reason RETENTION, counts per table, no ids), only when something was
 * erased. Running it again erases 0; two replicas running it at once erase each case once (a case
 * the other run holds is skipped, and gone when it is looked at next). Answers the counts per table.
 */
export async function runRetention(db: DataSource, today: string = todayInNetherlands(), config: RetentionConfig = retentionConfigFromEnv()): Promise<ErasureCounts> {
  if (!isIsoDate(today)) throw new Error(`today must be a date as YYYY-MM-DD, e.g. 2026-11-30; got "${today}".`);
  return db.transaction(async (manager) => {
    const [{ cutoff }]: { cutoff: string }[] = await manager.query(`SELECT ($1::date - make_interval(months => $2::int))::date::text AS "cutoff"`, [
      today,
      config.closedCaseMonths,
    ]);
    const expired: { id: string }[] = await manager.query(
      `SELECT "id" FROM "case" WHERE "status" = $1 AND "closed_on" < $2::date AND "closure_reported_on" IS NOT NULL ORDER BY "id" FOR UPDATE SKIP LOCKED`,
      [CaseStatus.CLOSED, cutoff],
    );
    const caseIds = expired.map((row) => row.id);
    await addCasesToTally(manager, caseIds);
    const counts: ErasureCounts = { ...(await eraseCases(manager, caseIds)), household_profile: await eraseStaleProfiles(manager, cutoff) };
    if (totalErased(counts) > 0) await logErasure(manager, { reason: "RETENTION", counts });
    return counts;
  });
}

/**
 * Profiles of tenants without any case, last updated before the start of the cutoff day (Dutch time).
 * Run after the expired cases are gone, so that a household whose last case just expired goes too.
 */
async function eraseStaleProfiles(manager: EntityManager, cutoff: string): Promise<number> {
  const [erased]: { count: number }[] = await manager.query(
    `WITH erased AS (
       DELETE FROM "household_profile" profile
        WHERE profile."updated_at" < ($1::date::timestamp AT TIME ZONE 'Europe/Amsterdam')
          AND NOT EXISTS (SELECT 1 FROM "case" remaining WHERE remaining."tenant_id" = profile."tenant_id")
       RETURNING 1
     )
     SELECT COUNT(*)::int AS "count" FROM erased`,
    [cutoff],
  );
  return erased!.count;
}
