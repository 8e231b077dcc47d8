import type { DataSource } from "typeorm";
import type { CasePolicy } from "../case/case.policy.js";
import { isUuid, oneBy } from "../ids.js";
import { HouseholdProfileEntity } from "./household-profile.entity.js";

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
}
