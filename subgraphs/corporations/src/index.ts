import "reflect-metadata";
import type { SubgraphDefinition } from "../../shared/src/subgraph-server.js";
import { createContext, type CorporationsContext } from "./context.js";
import { entities } from "./entities.js";
import { migrations } from "./migrations/index.js";
import { createSchema } from "./schema.js";
import { seedDemo } from "./seed.js";
import { objectionErasureJob } from "./objection/objection.erasure.js";

export const corporationsSubgraph: SubgraphDefinition<CorporationsContext> = {
  name: "corporations",
  entities,
  migrations,
  createSchema,
  createContext,
  seedDemo,
  // The erasure after an objection, retried with backoff until sdv and swt both confirm (Art. 3.4).
  scheduledJobs: (_db, services) => [objectionErasureJob(services?.peers)],
};
