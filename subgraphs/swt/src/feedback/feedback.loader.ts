import DataLoader from "dataloader";
import type { FeedbackEntity } from "./feedback.entity.js";
import type { FeedbackService } from "./feedback.service.js";

const options = { maxBatchSize: 1_000 };

export function createFeedbackLoaders(service: FeedbackService) {
  return {
    feedback: new DataLoader<string, FeedbackEntity | null>((caseIds) => service.byCaseIds(caseIds), options),
    feedbackOfTenant: new DataLoader<string, FeedbackEntity[]>((tenantIds) => service.byTenantIds(tenantIds), options),
  };
}
