import type { DataSource } from "typeorm";
import { AccessLogCollector } from "../../shared/src/access-log.js";
import type { BaseRequestContext } from "../../shared/src/subgraph-server.js";
import { AccessLogService } from "./access-log/access-log.service.js";
import { CaseClosureService } from "./case-closure/case-closure.service.js";
import { DdasExportService } from "./ddas/ddas.service.js";
import { HandOverService } from "./hand-over/hand-over.service.js";
import { SignalIntakeService } from "./intake/signal-intake.service.js";
import { createMonitoringMonthLoader, MonitoringPolicy } from "../../shared/src/monitoring.js";
import { MonitoringService } from "./monitoring/monitoring.service.js";
import { createPriorityHistoryLoader, createPriorityLoader } from "./priority/priority.loader.js";
import { PriorityService } from "./priority/priority.service.js";
import { CaseOpeningRequestService } from "./referral/case-opening-request.js";
import { createReferralHistoryLoader, createReferralLoader } from "./referral/referral.loader.js";
import { ReferralService } from "./referral/referral.service.js";
import { RoutingService } from "./routing/routing.service.js";
import { createSignalLoader, createTenantSignalsLoader } from "./signal-read/signal.loader.js";
import { SignalCountService } from "./signal-count/signal-count.service.js";
import { SignalPolicy } from "./signal/signal.policy.js";
import { SignalService } from "./signal-read/signal.service.js";
import { ThresholdAnalysisService } from "./threshold-analysis/threshold-analysis.service.js";
import { createThresholdLoader } from "./threshold/threshold.loader.js";
import { ThresholdService } from "./threshold/threshold.service.js";
import { WithdrawalService } from "./withdrawal/withdrawal.service.js";

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
  const caseOpening = new CaseOpeningRequestService(db, base.identity, base.peers, base.requestId);
  const routing = new RoutingService(db, base.identity, signalPolicy, caseOpening);
  return {
    signals: new SignalService(db, signalPolicy),
    priorities: new PriorityService(db, signalPolicy, base.identity, thresholds, routing, caseOpening),
    referrals: new ReferralService(db, signalPolicy),
    thresholds,
    thresholdAnalysis: new ThresholdAnalysisService(db, signalPolicy),
    routing,
    intake: new SignalIntakeService(db, base.identity, base.peers, signalPolicy, thresholds, routing, caseOpening),
    caseClosures: new CaseClosureService(db, signalPolicy),
    handOvers: new HandOverService(db, signalPolicy, base.identity),
    withdrawal: new WithdrawalService(db, base.identity, base.requestId),
    signalCounts: new SignalCountService(db, signalPolicy),
    monitoring: new MonitoringService(db, new MonitoringPolicy(base.identity)),
    accessLog: new AccessLogService(db),
    ddasExport: new DdasExportService(db, base.identity, base.peers),
  };
}

function createLoaders(services: ReturnType<typeof createServices>) {
  return {
    signal: createSignalLoader(services.signals),
    tenantSignals: createTenantSignalsLoader(services.signals),
    priority: createPriorityLoader(services.priorities),
    priorityHistory: createPriorityHistoryLoader(services.priorities),
    referral: createReferralLoader(services.referrals),
    referralHistory: createReferralHistoryLoader(services.referrals),
    threshold: createThresholdLoader(services.thresholds),
    monitoringMonth: createMonitoringMonthLoader((keys) => services.monitoring.months(keys)),
  };
}

export function createContext(db: DataSource, base: BaseRequestContext): SdvContext {
  const services = createServices(db, base);
  const accessLog = new AccessLogCollector(db, base.identity, base.requestId, base.operationName);
  return { ...base, db, accessLog, services, loaders: createLoaders(services) };
}
