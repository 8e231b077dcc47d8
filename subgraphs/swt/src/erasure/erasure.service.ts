import type { DataSource, EntityManager } from "typeorm";
import { logErasure } from "../../../shared/src/erasure-log.js";
import { badInput } from "../../../shared/src/errors.js";
import type { BaseRequestContext } from "../../../shared/src/subgraph-server.js";
import { isUuid } from "../ids.js";
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
   * corporation, or one that names none): the SWT still works with that household.
   *
   * In one transaction: the cases are locked, added to the anonymous monthly tally so that the
   * covenant's monitoring does not change, deleted, and the erasure logged with counts per table and
   * no ids. Idempotent: a repeated call finds nothing, erases 0 and logs nothing. Ids that are not
   * uuids cannot name a tenant and are passed over. Answers the number of cases erased.
   */
  async eraseHouseholdsOfTenants(tenantIds: readonly string[]): Promise<number> {
    if (tenantIds.length > MAX_TENANTS_PER_ERASURE) {
      throw badInput(
        `tenantIds holds ${tenantIds.length} ids; send at most ${MAX_TENANTS_PER_ERASURE} per call and the rest in further calls.`,
        { field: "tenantIds" },
      );
    }
    const corporations = this.policy.corporationsErasableByCaller();
    const tenants = [...new Set(tenantIds.filter(isUuid))];
    if (tenants.length === 0 || corporations.length === 0) return 0;

    return this.db.transaction(async (manager) => {
      // Locked in id order (as the tally locks them), so that two erasures of the same cases wait for
      // each other instead of deadlocking, and the second then finds them gone.
      const locked: { id: string }[] = await manager.query(
        `SELECT "id" FROM "case" WHERE "tenant_id" = ANY($1::uuid[]) AND "corporation_id" = ANY($2::text[]) ORDER BY "id" FOR UPDATE`,
        [tenants, corporations],
      );
      const caseIds = locked.map((row) => row.id);
      await addCasesToTally(manager, caseIds);
      const counts: ErasureCounts = { ...(await eraseCases(manager, caseIds)), household_profile: await eraseProfiles(manager, tenants) };
      if (totalErased(counts) > 0) {
        await logErasure(manager, { reason: "OBJECTION", identity: this.request.identity, requestId: this.request.requestId, counts });
      }
      return counts.case;
    });
  }
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
