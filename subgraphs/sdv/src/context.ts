import type { DataSource } from "typeorm";
import { AccessLogCollector } from "../../shared/src/access-log.js";
import type { BaseRequestContext } from "../../shared/src/subgraph-server.js";
import { AccessLogService } from "./access-log/access-log.service.js";
import { IntakeService } from "./intake/intake.service.js";
import { createPriorityHistoryLoader, createPriorityLoader } from "./priority/priority.loader.js";
import { PriorityService } from "./priority/priority.service.js";
import { createReferralLoader } from "./referral/referral.loader.js";
import { ReferralService } from "./referral/referral.service.js";
import { RoutingService } from "./routing/routing.service.js";
import { createSignalLoader, createTenantSignalsLoader } from "./signal/signal.loader.js";
import { SignalCountService } from "./signal-count/signal-count.service.js";
import { SignalPolicy } from "./signal/signal.policy.js";
import { SignalService } from "./signal/signal.service.js";
import { ThresholdAnalysisService } from "./threshold/threshold-analysis.service.js";
import { createThresholdLoader } from "./threshold/threshold.loader.js";
import { ThresholdService } from "./threshold/threshold.service.js";

/** Everything one request of the sdv subgraph works with: identity, services, loaders, the access log. */
export interface SdvContext extends BaseRequestContext {
  db: DataSource;
  /** The reads of persons' data in this request; written once when the response is sent. */
  accessLog: AccessLogCollector;
  services: ReturnType<typeof createServices>;
  loaders: ReturnType<typeof createLoaders>;
}

function createServices(db: DataSource, base: BaseRequestContext) {
  const signalPolicy = new SignalPolicy(base.identity);
  const thresholds = new ThresholdService(db, base.identity);
  const routing = new RoutingService(db, base.identity);
  return {
    signals: new SignalService(db, signalPolicy),
    priorities: new PriorityService(db, signalPolicy, base.identity, thresholds, routing),
    referrals: new ReferralService(db, signalPolicy),
    thresholds,
    thresholdAnalysis: new ThresholdAnalysisService(db, signalPolicy),
    routing,
    intake: new IntakeService(db, base.identity, base.peers, signalPolicy, thresholds, routing),
    signalCounts: new SignalCountService(db, signalPolicy),
    accessLog: new AccessLogService(db),
  };
}

function createLoaders(services: ReturnType<typeof createServices>) {
  return {
    signal: createSignalLoader(services.signals),
    tenantSignals: createTenantSignalsLoader(services.signals),
    priority: createPriorityLoader(services.priorities),
    priorityHistory: createPriorityHistoryLoader(services.priorities),
    referral: createReferralLoader(services.referrals),
    threshold: createThresholdLoader(services.thresholds),
  };
}

export function createContext(db: DataSource, base: BaseRequestContext): SdvContext {
  const services = createServices(db, base);
  const accessLog = new AccessLogCollector(db, base.identity, base.requestId, base.operationName);
  return { ...base, db, accessLog, services, loaders: createLoaders(services) };
}
