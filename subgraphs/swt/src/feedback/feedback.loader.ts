import DataLoader from "dataloader";
import type { FeedbackEntity } from "./feedback.entity.js";
import type { FeedbackService } from "./feedback.service.js";

export function createFeedbackLoader(service: FeedbackService) {
  return new DataLoader<string, FeedbackEntity | null>((caseIds) => service.byCaseIds(caseIds), { maxBatchSize: 1_000 });
}
