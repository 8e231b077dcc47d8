import "reflect-metadata";
import { logger } from "../../shared/src/logger.js";
import { runSubgraphFromEnv } from "../../shared/src/run-from-env.js";
import { sdvSubgraph } from "./index.js";

runSubgraphFromEnv(sdvSubgraph, 4002).catch((error) => {
  logger.fatal({ err: error }, "sdv subgraph failed to start");
  process.exit(1);
});
