import DataLoader from "dataloader";
import type { ReferralEntity } from "./referral.entity.js";
import type { ReferralService } from "./referral.service.js";

/** One query per request for the forwardings of all signals on a page. */
export function createReferralLoader(service: ReferralService) {
  return new DataLoader<string, ReferralEntity | null>((signalIds) => service.bySignalIds(signalIds), { maxBatchSize: 1_000 });
}
