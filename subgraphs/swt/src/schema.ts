import "reflect-metadata";
import { buildFederatedSchema } from "../../shared/src/federation.js";
import { DateTimeScalar } from "../../shared/src/scalars.js";
import { CaseCountResolver } from "./case-count/case-count.resolver.js";
import { caseReference } from "./case/case.reference.js";
import { ErasureResolver } from "./internal/erase-households.resolver.js";
import { CaseNoteResolver, CaseNotesResolver } from "./case-note/case-note.resolver.js";
import { CaseHandOverResolver } from "./case/case-handover.resolver.js";
import { CaseOpeningResolver } from "./internal/open-cases.resolver.js";
import { CaseResolver } from "./case/case.resolver.js";
import { CaseContactAttemptsResolver, ContactAttemptResolver } from "./contact-attempt/contact-attempt.resolver.js";
import { FeedbackDeadlineResolver } from "./feedback-deadline/feedback-deadline.resolver.js";
import { CaseFeedbackResolver, FeedbackResolver } from "./feedback/feedback.resolver.js";
import { CaseFeedbackHistoryResolver, FeedbackEntryResolver, SignalFeedbackResolver, SignalFeedbackStatusResolver } from "./feedback/feedback-entry.resolver.js";
import { DdasCaseResolver } from "./internal/ddas-cases.resolver.js";
import { HouseholdProfileResolver } from "./household-profile/household-profile.resolver.js";
import { HouseholdFactResolver } from "./internal/household-facts.resolver.js";
import { monitoringMonthReference } from "../../shared/src/monitoring.js";
import type { SwtContext } from "./context.js";
import { MonitoringMonth } from "./monitoring/monitoring.type.js";
import { signalReference } from "./signal/signal.reference.js";
import { CaseSignalsResolver, SignalResolver } from "./signal/signal.resolver.js";
import { teamReference } from "./team/team.reference.js";
import { TeamResolver } from "./team/team.resolver.js";
import { tenantReference } from "./tenant/tenant.reference.js";
import { CaseTenantResolver, TenantResolver } from "./tenant/tenant.resolver.js";
// After the teams and tenants: the order of imports is the order of Query fields in the SDL.
import { VisibleTenantIdsResolver } from "./internal/visible-tenant-ids.resolver.js";
import { Signal } from "./signal/signal.type.js";
import { Tenant } from "./tenant/tenant.type.js";

/** The swt subgraph schema; building it needs no database. */
export function createSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        TeamResolver,
        CaseResolver,
        // Fields of Case that the folders hanging off a case contribute, so that case/ imports none of them.
        CaseTenantResolver,
        CaseSignalsResolver,
        CaseContactAttemptsResolver,
        CaseNotesResolver,
        CaseFeedbackResolver,
        DdasCaseResolver,
        CaseCountResolver,
        SignalResolver,
        TenantResolver,
        VisibleTenantIdsResolver,
        HouseholdFactResolver,
        HouseholdProfileResolver,
        ErasureResolver,
        CaseOpeningResolver,
        CaseHandOverResolver,
        ContactAttemptResolver,
        CaseNoteResolver,
        FeedbackResolver,
        FeedbackEntryResolver,
        SignalFeedbackStatusResolver,
        CaseFeedbackHistoryResolver,
        SignalFeedbackResolver,
        FeedbackDeadlineResolver,
      ],
      scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
      // Entities other subgraphs own, to which swt only adds fields.
      orphanedTypes: [Signal, Tenant, MonitoringMonth],
    },
    { ...teamReference, ...caseReference, ...signalReference, ...tenantReference, ...monitoringMonthReference((ctx: SwtContext) => ctx.loaders.monitoringMonth) } as never,
  );
}
