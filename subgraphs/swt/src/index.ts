import "reflect-metadata";
import type { SubgraphDefinition } from "../../shared/src/subgraph-server.js";
import { createContext, type SwtContext } from "./context.js";
import { entities } from "./entities.js";
import { migrations } from "./migrations/index.js";
import { retentionJob } from "./retention/retention.job.js";
import { createSchema } from "./schema.js";
import { eraseHouseholdsOfTenants, openCasesForReferrals } from "../../shared/src/contracts/swt.js";
import { seedDemo } from "./seed.js";

export const swtSubgraph: SubgraphDefinition<SwtContext> = {
  name: "swt",
  entities,
  migrations,
  createSchema,
  createContext,
  seedDemo,
  // Retention of closed cases and idle household profiles; settings checked at start.
  scheduledJobs: () => [retentionJob()],
  // The corporations subgraph retries the erasure after an objection by itself, on a schedule; sdv
  // opens by itself the cases that could not be opened when their signals were forwarded.
  serviceFields: { corporations: [eraseHouseholdsOfTenants.field], sdv: [openCasesForReferrals.field] },
};
