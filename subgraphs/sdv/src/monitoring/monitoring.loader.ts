import DataLoader from "dataloader";
import { monitoringKeyOf as keyOf } from "../../../shared/src/monitoring.js";
import type { MonitoringService } from "./monitoring.service.js";
import type { MonitoringMonth, MonitoringMonthKey } from "./monitoring.type.js";

/** Per request: every monitoring month asked by reference in one `_entities` call, in one statement. */
export function createMonitoringMonthLoader(service: MonitoringService) {
  return new DataLoader<MonitoringMonthKey, MonitoringMonth | null, string>((keys) => service.months(keys), { cacheKeyFn: keyOf, maxBatchSize: 1_000 });
}
