import "reflect-metadata";
import { logger } from "../../shared/src/logger.js";
import { runSubgraphFromEnv } from "../../shared/src/run-from-env.js";
import { swtSubgraph } from "./index.js";

runSubgraphFromEnv(swtSubgraph, 4003).catch((error) => {
  logger.fatal({ err: error }, "swt subgraph failed to start");
  process.exit(1);
});
