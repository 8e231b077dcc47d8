import DataLoader from "dataloader";
import type { ThresholdEntity } from "./threshold.entity.js";
import type { ThresholdService } from "./threshold.service.js";

/** One query per request for the thresholds the priorities on a page name. */
export function createThresholdLoader(service: ThresholdService) {
  return new DataLoader<string, ThresholdEntity | null>((ids) => service.byIds(ids), { maxBatchSize: 1_000 });
}
