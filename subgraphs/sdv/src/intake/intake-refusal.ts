import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { isCovenantMunicipality } from "../../../shared/src/covenant/organisations.js";
import { addRefusalsToTally, type RefusalKey } from "../tally/signal-tally.js";
import type { IntakeFacts, Refusal } from "./intake.rules.js";

/** The key under which a refused reference is kept: hex SHA-256 of `${corporationId}\n${tenantReference}`. */
export function referenceDigest(corporationId: string, tenantReference: string): string {
  return createHash("sha256").update(`${corporationId}\n${tenantReference}`).digest("hex");
}

/** One refused item of a batch: the reference as matched, its refusals, and the tenant's facts when found. */
export interface RefusedItem {
  reference: string;
  refusals: Refusal[];
  facts: IntakeFacts | null;
}

/**
 * Keeps the refused items of a batch for monitoring (intake_refusal): a row per item and code, in one
 * statement, skipping what an earlier sending of the batch already recorded. Run it in the intake's
 * transaction. A repeated line of the batch (DUPLICATE_IN_BATCH) and an empty reference are no
 * tenant's refusal and are not kept.
 */
export async function recordRefusals(manager: EntityManager, batch: { corporationId: string; reportingMonth: string; at: Date }, items: RefusedItem[]): Promise<void> {
  const rows = items
    .filter((item) => item.reference !== "")
    .flatMap((item) => {
      const digest = referenceDigest(batch.corporationId, item.reference);
      const municipality = item.facts && isCovenantMunicipality(item.facts.municipalityCode) ? item.facts.municipalityCode : null;
      // A tenant who objected is not linked to anything, not even to this refusal.
      const tenantId = item.facts && !item.refusals.some((r) => r.code === "OBJECTION_ON_RECORD") ? item.facts.tenantId : null;
      return item.refusals.filter((r) => r.code !== "DUPLICATE_IN_BATCH").map((r) => ({ digest, code: r.code, municipality, tenantId }));
    });
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO intake_refusal (corporation_id, reporting_month, reference_digest, code, municipality_code, tenant_id, first_refused_at)
     SELECT $1, $2, r.digest, r.code, r.municipality, r.tenant_id, $3::timestamptz
       FROM unnest($4::text[], $5::text[], $6::text[], $7::uuid[]) AS r(digest, code, municipality, tenant_id)
     ON CONFLICT ON CONSTRAINT intake_refusal_pkey DO NOTHING`,
    [batch.corporationId, batch.reportingMonth, batch.at, rows.map((r) => r.digest), rows.map((r) => r.code), rows.map((r) => r.municipality), rows.map((r) => r.tenantId)],
  );
}

/**
 * Erases refusal rows: either those first refused before `refusedBefore` (retention) or those of these
 * tenants of these corporations (withdrawal). First adds them to the anonymous monthly tally
 * (`addRefusalsToTally`: `REFUSED:<code>` per row with a municipality), which locks them, so that
 * monitoring keeps counting them and a concurrent erasure never tallies a row twice. A fixed number of
 * statements. Returns the number of rows erased.
 */
export async function eraseRefusals(manager: EntityManager, which: { refusedBefore: Date } | { tenantIds: string[]; corporationIds: string[] }): Promise<number> {
  const [condition, parameters] =
    "refusedBefore" in which
      ? ["first_refused_at < $1::timestamptz", [which.refusedBefore]]
      : ["tenant_id = ANY($1::uuid[]) AND corporation_id = ANY($2::text[])", [which.tenantIds, which.corporationIds]];
  const keys: RefusalKey[] = await manager.query(
    `SELECT corporation_id AS "corporationId", reporting_month AS "reportingMonth", reference_digest AS "referenceDigest", code
       FROM intake_refusal WHERE ${condition}`,
    parameters,
  );
  if (keys.length === 0) return 0;
  await addRefusalsToTally(manager, keys);
  // The driver answers a DELETE as [rows returned, rows affected].
  const [, erased]: [unknown, number] = await manager.query(
    `DELETE FROM intake_refusal r
      USING unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(corporation_id, reporting_month, reference_digest, code)
      WHERE r.corporation_id = k.corporation_id AND r.reporting_month = k.reporting_month
        AND r.reference_digest = k.reference_digest AND r.code = k.code`,
    [keys.map((k) => k.corporationId), keys.map((k) => k.reportingMonth), keys.map((k) => k.referenceDigest), keys.map((k) => k.code)],
  );
  return erased;
}
