import "reflect-metadata";
import { logger } from "../../shared/src/logger.js";
import { runSubgraphFromEnv } from "../../shared/src/run-from-env.js";
import { corporationsSubgraph } from "./index.js";

runSubgraphFromEnv(corporationsSubgraph, 4001).catch((error) => {
  logger.fatal({ err: error }, "corporations subgraph failed to start");
  process.exit(1);
});
