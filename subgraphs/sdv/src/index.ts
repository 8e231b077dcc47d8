import "reflect-metadata";
import type { SubgraphDefinition } from "../../shared/src/subgraph-server.js";
import { createContext, type SdvContext } from "./context.js";
import { entities } from "./entities.js";
import { migrations } from "./migrations/index.js";
import { caseOpeningJob } from "./referral/case-opening.job.js";
import { retentionJobs } from "./retention/retention.service.js";
import { createSchema } from "./schema.js";
import { withdrawSignalsOfTenants } from "../../shared/src/contracts/sdv.js";
import { seedDemo } from "./seed.js";

export const sdvSubgraph: SubgraphDefinition<SdvContext> = {
  name: "sdv",
  entities,
  migrations,
  createSchema,
  createContext,
  seedDemo,
  // Erasure after the retention periods, and the cases swt could not open when a signal was
  // forwarded; the settings are checked when the jobs start.
  scheduledJobs: (_db, services) => [...retentionJobs(), caseOpeningJob(services?.peers)],
  // The corporations subgraph retries the erasure after an objection by itself, on a schedule.
  serviceFields: { corporations: [withdrawSignalsOfTenants.field] },
};
