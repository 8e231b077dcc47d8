import DataLoader from "dataloader";
import type { PriorityService, VisiblePriority, VisibleRevision } from "./priority.service.js";

/** One query per request for the priorities of all signals on a page. */
export function createPriorityLoader(service: PriorityService) {
  return new DataLoader<string, VisiblePriority | null>((signalIds) => service.bySignalIds(signalIds), { maxBatchSize: 1_000 });
}

/** One query per request for the histories of all priorities on a page. */
export function createPriorityHistoryLoader(service: PriorityService) {
  return new DataLoader<string, VisibleRevision[]>((signalIds) => service.historyBySignalIds(signalIds), { maxBatchSize: 1_000 });
}
