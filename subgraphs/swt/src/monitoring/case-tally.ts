import type { EntityManager } from "typeorm";

/**
 * The SQL of each case metric, over a case `c` and its feedback `f` (null when none was given). Shared
 * by the tally and by monitoring's count of live cases, so the two can never count differently.
 * Feedback is on time when given on or before the case's due date (Art. 5.4: 5 or 10 working days).
 */
export const CASE_METRICS = {
  // A case that went to another holder (TRANSFERRED) goes on there: the household is counted once, with the case it went to.
  OPENED: `c."outcome" IS DISTINCT FROM 'TRANSFERRED'`,
  CONTACT_MADE: `f."contact_made" IS TRUE`,
  TAKEN_INTO_TREATMENT: `f."taken_into_treatment" IS TRUE`,
  FEEDBACK_GIVEN: `f."id" IS NOT NULL`,
  FEEDBACK_ON_TIME: `f."given_on" <= c."feedback_due_on"`,
  FEEDBACK_LATE: `f."given_on" > c."feedback_due_on"`,
} as const;

/**
 * Adds the contribution of these cases to the anonymous monthly tally (case_tally), so that the
 * covenant's monitoring stays the same when they are erased: per month opened, municipality and
 * corporation, the metrics of CASE_METRICS. A case that names no corporation (opened before swt
 * recorded it) reaches no monitoring cell and is not counted.
 *
 * Call it in the erasing transaction, right before the delete. One statement. The cases are locked
 * first (in id order, so two erasures never deadlock), and a case another transaction erased in the
 * meantime is not found and so not counted: a retried or concurrent erasure never counts a case twice.
 * Returns the number of cases counted.
 */
export async function addCasesToTally(manager: EntityManager, caseIds: string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const metrics = Object.entries(CASE_METRICS)
    .map(([metric, condition]) => `(CASE WHEN ${condition} THEN '${metric}' END)`)
    .join(",\n         ");
  const rows: { cases: number }[] = await manager.query(
    `WITH erased AS (
       SELECT c."id", c."opened_on", c."municipality_code", c."corporation_id", c."feedback_due_on", c."outcome" FROM "case" c
       WHERE c."id" = ANY($1::uuid[]) AND c."corporation_id" IS NOT NULL
       ORDER BY c."id" FOR UPDATE
     ), added AS (
       INSERT INTO "case_tally" ("month", "municipality_code", "corporation_id", "metric", "count")
       SELECT to_char(c."opened_on", 'YYYY-MM'), c."municipality_code", c."corporation_id", m."metric", COUNT(*)::integer
       FROM erased c
       LEFT JOIN "feedback" f ON f."case_id" = c."id"
       CROSS JOIN LATERAL (VALUES
         ${metrics}
       ) AS m("metric")
       WHERE m."metric" IS NOT NULL
       GROUP BY 1, 2, 3, 4
       ON CONFLICT ("month", "municipality_code", "corporation_id", "metric")
       DO UPDATE SET "count" = "case_tally"."count" + excluded."count"
     )
     SELECT CAST(COUNT(*) AS integer) AS "cases" FROM erased`,
    [caseIds],
  );
  return rows[0]?.cases ?? 0;
}
