import DataLoader from "dataloader";
import type { HouseholdProfileEntity } from "./household-profile.entity.js";
import type { HouseholdProfileService } from "./household-profile.service.js";

export function createHouseholdProfileLoader(service: HouseholdProfileService) {
  return new DataLoader<string, HouseholdProfileEntity | null>((tenantIds) => service.byTenantIds(tenantIds), { maxBatchSize: 1_000 });
}
