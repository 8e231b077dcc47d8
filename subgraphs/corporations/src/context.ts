import type { DataSource } from "typeorm";
import { AccessLogCollector } from "../../shared/src/access-log.js";
import type { BaseRequestContext } from "../../shared/src/subgraph-server.js";
import { AccessLogPolicy } from "./access-log/access-log.policy.js";
import { AccessLogService } from "./access-log/access-log.service.js";
import { DdasClientService } from "./ddas/ddas.service.js";
import { createArrearsLoader } from "./arrears/arrears.loader.js";
import { ArrearsService } from "./arrears/arrears.service.js";
import { createCollectionStepsLoader } from "./collection-step/collection-step.loader.js";
import { CollectionStepService } from "./collection-step/collection-step.service.js";
import { CovenantService } from "./covenant/covenant.service.js";
import { IntakeFactsService } from "./intake/intake-facts.service.js";
import { createMonitoringMonthLoader, MonitoringPolicy } from "../../shared/src/monitoring.js";
import { MonitoringService } from "./monitoring/monitoring.service.js";
import { createObjectionsLoader } from "./objection/objection.loader.js";
import { ObjectionService } from "./objection/objection.service.js";
import { RegisterEntryPolicy } from "./register-entry/register-entry.policy.js";
import { RegisterEntryService } from "./register-entry/register-entry.service.js";
import { StatisticsPolicy } from "./statistics/statistics.policy.js";
import { StatisticsService } from "./statistics/statistics.service.js";
import { createTenantLoader } from "./tenant/tenant.loader.js";
import { TenantPolicy } from "./tenant/tenant.policy.js";
import { TenantService } from "./tenant/tenant.service.js";

/** Everything one request of the corporations subgraph works with: identity, services, loaders, access log. */
export interface CorporationsContext extends BaseRequestContext {
  db: DataSource;
  /** The reads of personal data in this request; written once, before the response leaves. */
  accessLog: AccessLogCollector;
  services: ReturnType<typeof createServices>;
  loaders: ReturnType<typeof createLoaders>;
}

function createServices(db: DataSource, base: BaseRequestContext, accessLog: AccessLogCollector) {
  // One tenant policy for the tenant and everything that hangs off a tenant.
  const tenantPolicy = new TenantPolicy(base.identity, base.peers);
  const tenants = new TenantService(db, tenantPolicy);
  return {
    tenants,
    arrears: new ArrearsService(db, tenantPolicy, tenants),
    collectionSteps: new CollectionStepService(db, tenantPolicy, tenants),
    objections: new ObjectionService(db, tenantPolicy, tenants, base),
    // The intake reads a whole batch in one statement, outside the per-field loaders, so it records its reads itself.
    intake: new IntakeFactsService(db, tenantPolicy, accessLog),
    registerEntries: new RegisterEntryService(db, new RegisterEntryPolicy(base.identity)),
    statistics: new StatisticsService(db, new StatisticsPolicy(base.identity)),
    monitoring: new MonitoringService(db, new MonitoringPolicy(base.identity)),
    accessLog: new AccessLogService(db, new AccessLogPolicy(base.identity)),
    // The DDAS export reads addresses in one statement, outside the per-field loaders, so it records its reads itself.
    ddasClients: new DdasClientService(db, base.identity, accessLog),
    covenant: new CovenantService(),
  };
}

function createLoaders(services: ReturnType<typeof createServices>) {
  return {
    tenant: createTenantLoader(services.tenants),
    arrears: createArrearsLoader(services.arrears),
    collectionSteps: createCollectionStepsLoader(services.collectionSteps),
    objections: createObjectionsLoader(services.objections),
    monitoringMonth: createMonitoringMonthLoader((keys) => services.monitoring.months(keys)),
  };
}

export function createContext(db: DataSource, base: BaseRequestContext): CorporationsContext {
  const accessLog = new AccessLogCollector(db, base.identity, base.requestId, base.operationName);
  const services = createServices(db, base, accessLog);
  return { ...base, db, accessLog, services, loaders: createLoaders(services) };
}
