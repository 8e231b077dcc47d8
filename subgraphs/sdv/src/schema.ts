import "reflect-metadata";
import { buildFederatedSchema } from "../../shared/src/federation.js";
import { DateTimeScalar } from "../../shared/src/scalars.js";
import { AccessLogResolver } from "./access-log/access-log.resolver.js";
import { CaseClosureResolver } from "./internal/record-case-closures.resolver.js";
import { HandOverResolver } from "./internal/record-hand-overs.resolver.js";
import { DdasExportResolver } from "./ddas/ddas.resolver.js";
import { Corporation } from "./corporation/corporation.type.js";
import { IntakeResolver } from "./intake/intake.resolver.js";
import { monitoringMonthReference } from "../../shared/src/monitoring.js";
import type { SdvContext } from "./context.js";
import { MonitoringResolver } from "./monitoring/monitoring.resolver.js";
import { PriorityResolver } from "./priority/priority.resolver.js";
import { RoutingResolver } from "./routing/routing.resolver.js";
import { SignalCountResolver } from "./signal-count/signal-count.resolver.js";
import { signalReference } from "./signal/signal.reference.js";
import { SignalResolver } from "./signal-read/signal.resolver.js";
import { tenantReference } from "./tenant/tenant.reference.js";
import { TenantResolver } from "./signal/tenant-signals.resolver.js";
import { VisibleTenantIdsResolver } from "./internal/visible-tenant-ids.resolver.js";
import { Team } from "./team/team.type.js";
import { Tenant } from "./tenant/tenant.type.js";
import { ThresholdResolver } from "./threshold/threshold.resolver.js";
import { ThresholdAnalysisResolver } from "./threshold-analysis/threshold-analysis.resolver.js";
import { WithdrawalResolver } from "./internal/withdraw-signals.resolver.js";

/** The sdv subgraph schema; building it needs no database. */
export function createSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        SignalResolver,
        TenantResolver,
        VisibleTenantIdsResolver,
        PriorityResolver,
        ThresholdResolver,
        ThresholdAnalysisResolver,
        IntakeResolver,
        RoutingResolver,
        SignalCountResolver,
        CaseClosureResolver,
        HandOverResolver,
        WithdrawalResolver,
        MonitoringResolver,
        AccessLogResolver,
        DdasExportResolver,
      ],
      scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
      // The federated stubs: sdv contributes to them but does not own them.
      orphanedTypes: [Tenant, Corporation, Team],
    },
    { ...signalReference, ...tenantReference, ...monitoringMonthReference((ctx: SdvContext) => ctx.loaders.monitoringMonth) } as never,
  );
}
