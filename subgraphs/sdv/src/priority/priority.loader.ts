import DataLoader from "dataloader";
import type { PriorityService, VisiblePriority } from "./priority.service.js";

/** One query per request for the priorities of all signals on a page. */
export function createPriorityLoader(service: PriorityService) {
  return new DataLoader<string, VisiblePriority | null>((signalIds) => service.bySignalIds(signalIds), { maxBatchSize: 1_000 });
}
