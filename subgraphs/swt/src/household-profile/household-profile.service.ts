import type { DataSource } from "typeorm";
import type { CasePolicy } from "../case/case.policy.js";
import { isUuid, oneBy } from "../ids.js";
import { HouseholdProfileEntity } from "./household-profile.entity.js";
import type { HouseholdFact } from "./household-profile.type.js";

export class HouseholdProfileService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /** The profile of each tenant, or null when there is none or it is not the caller's to see. */
  async byTenantIds(tenantIds: readonly string[]): Promise<(HouseholdProfileEntity | null)[]> {
    const valid = tenantIds.filter(isUuid);
    if (valid.length === 0) return tenantIds.map(() => null);
    const query = this.db
      .getRepository(HouseholdProfileEntity)
      .createQueryBuilder("profile")
      .where("profile.tenantId = ANY(:tenantIds)", { tenantIds: valid });
    const rows = await this.policy.restrictHouseholdProfiles(query, "profile").getMany();
    return oneBy(tenantIds, rows, (row) => row.tenantId);
  }

  /**
   * The derived facts of each given tenant that has a profile, in one statement however many are
   * asked (a monthly batch of signals), in the order first asked. Ids that are not uuids cannot name
   * a tenant and are passed over rather than failing the batch. Only the households for which
   * priority III applies are answered: that a household is known at the SWT at all is not the SDV's
   * to learn (the covenant matrix: "only the derived fact").
   */
  async factsByTenantIds(tenantIds: readonly string[]): Promise<HouseholdFact[]> {
    const valid = [...new Set(tenantIds.filter(isUuid))];
    if (valid.length === 0) return [];
    const query = this.db
      .getRepository(HouseholdProfileEntity)
      .createQueryBuilder("profile")
      .where("profile.tenantId = ANY(:tenantIds)", { tenantIds: valid });
    const rows = await this.policy.restrictHouseholdFacts(query).getMany();
    return oneBy(valid, rows, (row) => row.tenantId)
      .filter((row): row is HouseholdProfileEntity => row !== null)
      .map(householdFactOf)
      .filter((fact) => fact.priorityThreeApplies);
  }
}

/** Art. 5.3, priority III: the household is already known at the SWT and has children under 18 or a member aged 65+. */
function householdFactOf(profile: Pick<HouseholdProfileEntity, "tenantId" | "knownSince" | "childrenUnder18" | "member65Plus">): HouseholdFact {
  const knownAtSwt = profile.knownSince !== null;
  return { tenantId: profile.tenantId, priorityThreeApplies: knownAtSwt && (profile.childrenUnder18 || profile.member65Plus) };
}
