import DataLoader from "dataloader";
import type { ContactAttemptEntity } from "./contact-attempt.entity.js";
import type { ContactAttemptService } from "./contact-attempt.service.js";

export function createContactAttemptLoader(service: ContactAttemptService) {
  return new DataLoader<string, ContactAttemptEntity[]>((caseIds) => service.byCaseIds(caseIds), { maxBatchSize: 1_000 });
}
