import DataLoader from "dataloader";
import type { FeedbackEntity } from "./feedback.entity.js";
import type { FeedbackService } from "./feedback.service.js";
import type { FeedbackEntryService, FeedbackEntryView } from "./feedback-entry.service.js";
import type { SignalFeedbackStatus } from "./feedback-entry.type.js";

const options = { maxBatchSize: 1_000 };

export function createFeedbackLoaders(service: FeedbackService, entries: FeedbackEntryService) {
  return {
    feedbackHistory: new DataLoader<string, FeedbackEntryView[]>((caseIds) => entries.historyByCaseIds(caseIds), options),
    signalFeedbackStatus: new DataLoader<string, SignalFeedbackStatus>((signalIds) => entries.statusBySignalIds(signalIds), options),
    feedback: new DataLoader<string, FeedbackEntity | null>((caseIds) => service.byCaseIds(caseIds), options),
    feedbackOfTenant: new DataLoader<string, FeedbackEntity[]>((tenantIds) => service.byTenantIds(tenantIds), options),
  };
}
