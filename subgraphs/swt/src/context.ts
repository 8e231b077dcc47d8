import type { DataSource } from "typeorm";
import type { BaseRequestContext } from "../../shared/src/subgraph-server.js";
import { CaseCountService } from "./case-count/case-count.service.js";
import { createCaseNoteLoader } from "./case-note/case-note.loader.js";
import { CaseNoteService } from "./case-note/case-note.service.js";
import { createCaseLoaders } from "./case/case.loader.js";
import { CaseClosureReporter } from "./case/case-closure.js";
import { CaseHandOverService } from "./case/case-handover.service.js";
import { CaseOpeningService } from "./case/case-opening.service.js";
import { CasePolicy } from "./case/case.policy.js";
import { CaseService } from "./case/case.service.js";
import { CaseworkService } from "./case/casework.service.js";
import { createContactAttemptLoader } from "./contact-attempt/contact-attempt.loader.js";
import { ContactAttemptService } from "./contact-attempt/contact-attempt.service.js";
import { DdasCaseService } from "./ddas/ddas.service.js";
import { ErasurePolicy } from "./erasure/erasure.policy.js";
import { ErasureService } from "./erasure/erasure.service.js";
import { createFeedbackLoaders } from "./feedback/feedback.loader.js";
import { FeedbackService } from "./feedback/feedback.service.js";
import { FeedbackEntryService } from "./feedback/feedback-entry.service.js";
import { createHouseholdProfileLoader } from "./household-profile/household-profile.loader.js";
import { HouseholdProfileService } from "./household-profile/household-profile.service.js";
import { createMonitoringMonthLoader, MonitoringPolicy } from "../../shared/src/monitoring.js";
import { MonitoringService } from "./monitoring/monitoring.service.js";
import { createTeamLoader } from "./team/team.loader.js";
import { TeamService } from "./team/team.service.js";

/** Everything one request of the swt subgraph works with: identity, services, loaders. */
export interface SwtContext extends BaseRequestContext {
  db: DataSource;
  services: ReturnType<typeof createServices>;
  loaders: ReturnType<typeof createLoaders>;
}

function createServices(db: DataSource, base: BaseRequestContext) {
  // One policy per request: every service that reads case data narrows it the same way.
  const policy = new CasePolicy(base.identity);
  return {
    teams: new TeamService(db),
    cases: new CaseService(db, policy),
    caseOpening: new CaseOpeningService(db, base.identity),
    caseHandOver: new CaseHandOverService(db, policy, base.identity, base.peers),
    casework: new CaseworkService(db, policy, new CaseClosureReporter(db, policy, base.peers)),
    contactAttempts: new ContactAttemptService(db, policy),
    notes: new CaseNoteService(db, policy, base.identity),
    feedback: new FeedbackService(db, policy),
    feedbackEntries: new FeedbackEntryService(db, policy),
    householdProfiles: new HouseholdProfileService(db, policy, base.identity),
    caseCounts: new CaseCountService(db, policy),
    ddasCases: new DdasCaseService(db, base.identity),
    monitoring: new MonitoringService(db, new MonitoringPolicy(base.identity)),
    erasure: new ErasureService(db, new ErasurePolicy(base.identity), base),
  };
}

function createLoaders(services: ReturnType<typeof createServices>) {
  return {
    team: createTeamLoader(services.teams),
    ...createCaseLoaders(services.cases),
    contactAttempts: createContactAttemptLoader(services.contactAttempts),
    notes: createCaseNoteLoader(services.notes),
    ...createFeedbackLoaders(services.feedback, services.feedbackEntries),
    householdProfile: createHouseholdProfileLoader(services.householdProfiles),
    monitoringMonth: createMonitoringMonthLoader((keys) => services.monitoring.months(keys)),
  };
}

export function createContext(db: DataSource, base: BaseRequestContext): SwtContext {
  const services = createServices(db, base);
  return { ...base, db, services, loaders: createLoaders(services) };
}
