import DataLoader from "dataloader";
import type { ObjectionEntity } from "./objection.entity.js";
import type { ObjectionService } from "./objection.service.js";

/** One query per request for the objections of every tenant in a list. */
export function createObjectionsLoader(service: ObjectionService) {
  return new DataLoader<string, ObjectionEntity[]>((tenantIds) => service.byTenantIds(tenantIds), { maxBatchSize: 1_000 });
}
