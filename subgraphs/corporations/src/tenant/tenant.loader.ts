import DataLoader from "dataloader";
import type { TenantEntity } from "./tenant.entity.js";
import type { TenantService } from "./tenant.service.js";

/** One query per request for all tenants asked by id, whichever resolver or subgraph asked. */
export function createTenantLoader(service: TenantService) {
  return new DataLoader<string, TenantEntity | null>((ids) => service.byIds(ids), { maxBatchSize: 1_000 });
}
