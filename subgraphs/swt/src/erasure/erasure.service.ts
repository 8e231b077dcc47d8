import type { DataSource, EntityManager } from "typeorm";
import { logErasure } from "../../../shared/src/erasure-log.js";
import { badInput } from "../../../shared/src/errors.js";
import type { BaseRequestContext } from "../../../shared/src/subgraph-server.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { addCasesToTally } from "../monitoring/case-tally.js";
import { eraseCases, totalErased, type ErasureCounts } from "./case-erasure.js";
import type { ErasurePolicy } from "./erasure.policy.js";

/** Tenants per call: an objection concerns one tenant; a corporation catching up on failed calls sends a few. */
export const MAX_TENANTS_PER_ERASURE = 1000;

/**
 * Withdrawal after an objection (Art. 3.4): a tenant who objects to the data exchange may not stay in
 * the municipality's records because of a signal, so the SWT's copies are erased at once.
 */
export class ErasureService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: ErasurePolicy,
    private readonly request: Pick<BaseRequestContext, "identity" | "requestId">,
  ) {}

  /**
   * Erases, for the given tenants, the cases of the caller's corporation with everything hanging off
   * them (signals bundled in them, contact attempts, notes, feedback), and the household profiles
   * (huishoudprofiel) of those tenants unless a case of the tenant remains (one of another
   * corporation, one that names none, or one kept below): the SWT still works with that household.
   *
   * A case the household itself accepted into treatment (IN_TREATMENT, or feedback that says it was
   * taken into treatment) is kept: that file rests on the household's own consent, not on the
   * corporation's data. What came from the corporation is erased from it: the signals bundled in it,
   * and the corporation as the case's addressee, so that no feedback about the household reaches the
   * corporation any more. What the household gave the team stays: the case, its contact attempts,
   * notes, the arrangements recorded and the household profile.
   *
   * In one transaction: the cases are locked, added to the anonymous monthly tally so that the
   * covenant's monitoring does not change (a kept case no longer names a corporation, so it leaves
   * the live counts as it enters the tally), erased or detached, and the erasure logged with counts
   * per table and no ids. Idempotent: a repeated call finds nothing, erases 0 and logs nothing. Ids
   * that are not uuids cannot name a tenant and are passed over. Answers the number of cases erased.
   */
  async eraseHouseholdsOfTenants(tenantIds: readonly string[]): Promise<number> {
    if (tenantIds.length > MAX_TENANTS_PER_ERASURE) {
      throw badInput(`tenantIds holds ${tenantIds.length} ids; send at most ${MAX_TENANTS_PER_ERASURE} per call and the rest in further calls.`, { field: "tenantIds" });
    }
    const corporations = this.policy.corporationsErasableByCaller();
    const tenants = [...new Set(tenantIds.filter(isUuid))];
    if (tenants.length === 0 || corporations.length === 0) return 0;

    return this.db.transaction(async (manager) => {
      // Locked in id order (as the tally locks them), so that two erasures of the same cases wait for
      // each other instead of deadlocking, and the second then finds them gone.
      const locked: { id: string; accepted: boolean }[] = await manager.query(
        `SELECT c."id",
                (c."status" = 'IN_TREATMENT' OR EXISTS (SELECT 1 FROM "feedback" f WHERE f."case_id" = c."id" AND f."taken_into_treatment")) AS "accepted"
           FROM "case" c
          WHERE c."tenant_id" = ANY($1::uuid[]) AND c."corporation_id" = ANY($2::text[])
          ORDER BY c."id" FOR UPDATE`,
        [tenants, corporations],
      );
      await addCasesToTally(
        manager,
        locked.map((row) => row.id),
      );
      const erased = locked.filter((row) => !row.accepted).map((row) => row.id);
      const kept = locked.filter((row) => row.accepted).map((row) => row.id);
      const counts: ErasureCounts = { ...(await eraseCases(manager, erased)), household_profile: 0 };
      counts.case_signal += await detachFromCorporation(manager, kept);
      counts.household_profile = await eraseProfiles(manager, tenants);
      if (totalErased(counts) > 0) {
        await logErasure(manager, { reason: "OBJECTION", identity: this.request.identity, requestId: this.request.requestId, counts });
      }
      return counts.case;
    });
  }
}

/**
 * Of cases the household accepted into treatment, erases what came from the corporation: the signals
 * bundled in them, and the corporation they report to. Answers the number of signal links erased.
 */
async function detachFromCorporation(manager: EntityManager, caseIds: readonly string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const [row]: { count: number }[] = await manager.query(
    `WITH signals AS (DELETE FROM "case_signal" WHERE "case_id" = ANY($1::uuid[]) RETURNING 1),
          detached AS (UPDATE "case" SET "corporation_id" = NULL WHERE "id" = ANY($1::uuid[]) RETURNING 1)
     SELECT (SELECT COUNT(*) FROM signals)::int AS "count", (SELECT COUNT(*) FROM detached)::int AS "detached"`,
    [caseIds],
  );
  return row!.count;
}

/** The profiles of these tenants that no case (of any corporation) still hangs on; run after the cases are gone. */
async function eraseProfiles(manager: EntityManager, tenantIds: readonly string[]): Promise<number> {
  const [erased]: { count: number }[] = await manager.query(
    `WITH erased AS (
       DELETE FROM "household_profile" profile
        WHERE profile."tenant_id" = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM "case" remaining WHERE remaining."tenant_id" = profile."tenant_id")
       RETURNING 1
     )
     SELECT COUNT(*)::int AS "count" FROM erased`,
    [tenantIds],
  );
  return erased!.count;
}
