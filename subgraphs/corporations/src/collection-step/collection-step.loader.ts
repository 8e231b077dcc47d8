import DataLoader from "dataloader";
import type { CollectionStepEntity } from "./collection-step.entity.js";
import type { CollectionStepService } from "./collection-step.service.js";

/** One query per request for the collection steps of every tenant in a list. */
export function createCollectionStepsLoader(service: CollectionStepService) {
  return new DataLoader<string, CollectionStepEntity[]>((tenantIds) => service.byTenantIds(tenantIds), { maxBatchSize: 1_000 });
}
