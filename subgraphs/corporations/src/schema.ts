import "reflect-metadata";
import { buildFederatedSchema } from "../../shared/src/federation.js";
import { DateTimeScalar } from "../../shared/src/scalars.js";
import { AccessLogResolver } from "./access-log/access-log.resolver.js";
import { DdasClientResolver } from "./internal/ddas-clients.resolver.js";
import { ArrearsResolver, TenantArrearsResolver } from "./arrears/arrears.resolver.js";
import { CollectionStepResolver, TenantCollectionStepsResolver } from "./collection-step/collection-step.resolver.js";
import { corporationReference } from "./corporation/corporation.reference.js";
import { CorporationResolver } from "./corporation/corporation.resolver.js";
import { CovenantResolver } from "./covenant/covenant.resolver.js";
import { IntakeResolver } from "./internal/intake-facts.resolver.js";
import { monitoringMonthReference } from "../../shared/src/monitoring.js";
import type { CorporationsContext } from "./context.js";
import { MonitoringMonth } from "./monitoring/monitoring.type.js";
import { ObjectionResolver, TenantObjectionsResolver } from "./objection/objection.resolver.js";
import { RegisterEntryResolver } from "./register-entry/register-entry.resolver.js";
import { StatisticsResolver } from "./statistics/statistics.resolver.js";
import { tenantReference } from "./tenant/tenant.reference.js";
import { TenantResolver } from "./tenant/tenant.resolver.js";

/** The corporations subgraph schema; building it needs no database. */
export function createSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        CorporationResolver,
        TenantResolver,
        TenantArrearsResolver,
        ArrearsResolver,
        TenantCollectionStepsResolver,
        CollectionStepResolver,
        TenantObjectionsResolver,
        ObjectionResolver,
        RegisterEntryResolver,
        StatisticsResolver,
        AccessLogResolver,
        DdasClientResolver,
        IntakeResolver,
        CovenantResolver,
      ],
      scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
      // sdv owns the monitoring months; corporations adds the counts of its registers.
      orphanedTypes: [MonitoringMonth],
    },
    { ...corporationReference, ...tenantReference, ...monitoringMonthReference((ctx: CorporationsContext) => ctx.loaders.monitoringMonth) } as never,
  );
}
