import DataLoader from "dataloader";
import type { SignalEntity } from "../signal/signal.entity.js";
import type { SignalService } from "./signal.service.js";

/** One query per request for all signals asked by id: `signal(id)`, previousSignal and `_entities`. */
export function createSignalLoader(service: SignalService) {
  return new DataLoader<string, SignalEntity | null>((ids) => service.byIds(ids), { maxBatchSize: 1_000 });
}

/** One query per request for the signals of all tenants asked (Tenant.signals). */
export function createTenantSignalsLoader(service: SignalService) {
  return new DataLoader<string, SignalEntity[]>((tenantIds) => service.byTenantIds(tenantIds), { maxBatchSize: 1_000 });
}
