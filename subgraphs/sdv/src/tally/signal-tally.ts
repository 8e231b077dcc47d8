import type { EntityManager } from "typeorm";

/**
 * The metrics one signal contributes, as a VALUES list `m("metric")` to join laterally, over a
 * signal's priority `p` and forwarding `r` (both left-joined): RECEIVED; PRIORITY_<level>
 * of the level that counts (the override when there is one, else the computed level); FORWARDED_SWT
 * or FORWARDED_BUDGET_COACH; WITHDRAWN when `withdrawn` holds. A metric that does not apply is null.
 * Shared by the tally and by monitoring's count of live signals, so the two never count differently.
 */
export function signalMetrics(withdrawn: string): string {
  return `(VALUES
         ('RECEIVED'),
         ('PRIORITY_' || COALESCE(p."override_level", p."level")),
         (CASE r."target" WHEN 'SWT' THEN 'FORWARDED_SWT' WHEN 'BUDGET_COACH' THEN 'FORWARDED_BUDGET_COACH' END),
         (CASE WHEN ${withdrawn} THEN 'WITHDRAWN' END)
       ) AS m("metric")`;
}

/**
 * Adds the contribution of these signals to the anonymous monthly tally (signal_tally), so that the
 * covenant's monitoring stays the same when they are erased: per reporting month, municipality and
 * corporation, the metrics of `signalMetrics`, with WITHDRAWN for a withdrawal after an objection
 * (Art. 3.4; `metrics = "withdrawn"`) and for a signal whose status already says WITHDRAWN, which
 * monitoring counts among the withdrawn while it lives.
 *
 * Call it in the erasing transaction, right before the delete. One statement. The signals are locked
 * first (in id order, so two erasures never deadlock), and a signal another transaction erased in the
 * meantime is not found and so not counted: a retried or concurrent erasure never counts a signal twice.
 * Returns the number of signals counted.
 */
export async function addSignalsToTally(manager: EntityManager, signalIds: string[], metrics: "all" | "withdrawn" = "all"): Promise<number> {
  if (signalIds.length === 0) return 0;
  const rows: { signals: number }[] = await manager.query(
    `WITH erased AS (
       SELECT s."id", s."reporting_month", s."municipality_code", s."corporation_id", s."status"
       FROM "signal" s WHERE s."id" = ANY($1::uuid[]) ORDER BY s."id" FOR UPDATE
     ), added AS (
       INSERT INTO "signal_tally" ("month", "municipality_code", "corporation_id", "metric", "count")
       SELECT e."reporting_month", e."municipality_code", e."corporation_id", m."metric", COUNT(*)::integer
       FROM erased e
       LEFT JOIN "priority" p ON p."signal_id" = e."id"
       LEFT JOIN "referral" r ON r."signal_id" = e."id"
       CROSS JOIN LATERAL ${signalMetrics(`$2::boolean OR e."status" = 'WITHDRAWN'`)}
       WHERE m."metric" IS NOT NULL
       GROUP BY e."reporting_month", e."municipality_code", e."corporation_id", m."metric"
       ON CONFLICT ("month", "municipality_code", "corporation_id", "metric")
       DO UPDATE SET "count" = "signal_tally"."count" + excluded."count"
     )
     SELECT CAST(COUNT(*) AS integer) AS "signals" FROM erased`,
    [signalIds, metrics === "withdrawn"],
  );
  return rows[0]?.signals ?? 0;
}

/** The key of an intake refusal row (intake_refusal): an entity row of it will do. */
export interface RefusalKey {
  corporationId: string;
  reportingMonth: string;
  referenceDigest: string;
  code: string;
}

/**
 * Adds these intake refusals (intake_refusal rows, by key) to the anonymous monthly tally, right
 * before they are erased, per reporting month, municipality and corporation: each row as
 * `REFUSED:<code>`, and each refused item (one tenant reference of one month) as `REFUSED` once its
 * last row goes, so that monitoring's refused items (distinct live references plus tallied items)
 * stay the same even when an item's codes are erased at different times. Rows without a municipality
 * belong to no monitoring cell and are not counted.
 *
 * Call it in the erasing transaction, right before the delete. One statement; the rows are locked
 * first (in key order) and a row another transaction erased meanwhile is not found, so nothing is
 * ever counted twice. Returns the number of rows counted.
 */
export async function addRefusalsToTally(manager: EntityManager, refusals: readonly RefusalKey[]): Promise<number> {
  if (refusals.length === 0) return 0;
  const rows: { refusals: number }[] = await manager.query(
    `WITH erased AS (
       SELECT r."corporation_id", r."reporting_month", r."reference_digest", r."code", r."municipality_code"
       FROM "intake_refusal" r
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k("corporation_id", "reporting_month", "reference_digest", "code")
         ON k."corporation_id" = r."corporation_id" AND k."reporting_month" = r."reporting_month"
        AND k."reference_digest" = r."reference_digest" AND k."code" = r."code"
       WHERE r."municipality_code" IS NOT NULL
       ORDER BY r."corporation_id", r."reporting_month", r."reference_digest", r."code"
       FOR UPDATE OF r
     ), items AS (
       -- An item is counted when none of its rows stays behind.
       SELECT e."corporation_id", e."reporting_month", MIN(e."municipality_code") AS "municipality_code"
       FROM erased e
       WHERE NOT EXISTS (
         SELECT 1 FROM "intake_refusal" r
         WHERE r."corporation_id" = e."corporation_id" AND r."reporting_month" = e."reporting_month" AND r."reference_digest" = e."reference_digest"
           AND NOT EXISTS (SELECT 1 FROM erased o WHERE o."corporation_id" = r."corporation_id" AND o."reporting_month" = r."reporting_month"
                             AND o."reference_digest" = r."reference_digest" AND o."code" = r."code"))
       GROUP BY e."corporation_id", e."reporting_month", e."reference_digest"
     ), added AS (
       INSERT INTO "signal_tally" ("month", "municipality_code", "corporation_id", "metric", "count")
       SELECT t."reporting_month", t."municipality_code", t."corporation_id", t."metric", COUNT(*)::integer
       FROM (
         SELECT "reporting_month", "municipality_code", "corporation_id", 'REFUSED:' || "code" AS "metric" FROM erased
         UNION ALL
         SELECT "reporting_month", "municipality_code", "corporation_id", 'REFUSED' FROM items
       ) t
       GROUP BY t."reporting_month", t."municipality_code", t."corporation_id", t."metric"
       ON CONFLICT ("month", "municipality_code", "corporation_id", "metric")
       DO UPDATE SET "count" = "signal_tally"."count" + excluded."count"
     )
     SELECT CAST(COUNT(*) AS integer) AS "refusals" FROM erased`,
    [refusals.map((r) => r.corporationId), refusals.map((r) => r.reportingMonth), refusals.map((r) => r.referenceDigest), refusals.map((r) => r.code)],
  );
  return rows[0]?.refusals ?? 0;
}
