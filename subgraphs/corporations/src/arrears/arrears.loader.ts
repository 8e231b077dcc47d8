import DataLoader from "dataloader";
import type { ArrearsEntity } from "./arrears.entity.js";
import type { ArrearsService } from "./arrears.service.js";

/** One query per request for the arrears of every tenant in a list, however long the list. */
export function createArrearsLoader(service: ArrearsService) {
  return new DataLoader<string, ArrearsEntity | null>((tenantIds) => service.byTenantIds(tenantIds), { maxBatchSize: 1_000 });
}
