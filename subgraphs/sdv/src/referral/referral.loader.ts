import DataLoader from "dataloader";
import type { ReferralRecordEntity } from "./referral-record.entity.js";
import type { ReferralEntity } from "./referral.entity.js";
import type { ReferralService } from "./referral.service.js";

/** One query per request for the forwardings of all signals on a page. */
export function createReferralLoader(service: ReferralService) {
  return new DataLoader<string, ReferralEntity | null>((signalIds) => service.bySignalIds(signalIds), { maxBatchSize: 1_000 });
}

/** One query per request for the forwarding histories of all signals on a page. */
export function createReferralHistoryLoader(service: ReferralService) {
  return new DataLoader<string, ReferralRecordEntity[]>((signalIds) => service.historyBySignalIds(signalIds), { maxBatchSize: 1_000 });
}
