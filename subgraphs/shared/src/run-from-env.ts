import { logger } from "./logger.js";
import { buildDemoWorld } from "./demo/world.js";
import { seedDemoOnce } from "./demo/seed-once.js";
import { startSubgraph, type BaseRequestContext, type SubgraphDefinition } from "./subgraph-server.js";
import { subgraphDatabaseUrl } from "./database.js";

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

/**
 * Runs one subgraph as its own process, configured from the environment (docker-compose, a
 * production host):
 *   <NAME>_DATABASE_URL, or DATABASE_URL (server; the database <db>_<name> is used, created if missing)
 *   GATEWAY_JWKS_URL  where the gateway publishes the key it signs identity tokens with
 *   PORT, HOST        where to listen (HOST defaults to 0.0.0.0 here: a container)
 *   SEED_DEMO=true    seed the demo world once
 *   SCHEDULED_JOBS=false  do not run the scheduled jobs (retention) in this replica
 */
export async function runSubgraphFromEnv<C extends BaseRequestContext>(definition: SubgraphDefinition<C>, defaultPort: number) {
  const env = process.env;
  const databaseUrl = env[`${definition.name.toUpperCase()}_DATABASE_URL`] ?? subgraphDatabaseUrl(definition.name, required("DATABASE_URL", env.DATABASE_URL));
  const running = await startSubgraph(definition, {
    databaseUrl,
    port: Number(env.PORT ?? defaultPort),
    host: env.HOST ?? "0.0.0.0",
    gatewayKeys: { jwksUrl: required("GATEWAY_JWKS_URL", env.GATEWAY_JWKS_URL) },
    runScheduledJobs: env.SCHEDULED_JOBS !== "false",
  });
  if (env.SEED_DEMO === "true" && definition.seedDemo) {
    const seeded = await seedDemoOnce(running.dataSource, buildDemoWorld(), definition.seedDemo);
    logger.info({ subgraph: definition.name, seeded }, seeded ? "demo data seeded" : "demo data already present");
  }
  const shutdown = async (signal: string) => {
    logger.info({ subgraph: definition.name, signal }, "shutting down");
    await running.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return running;
}
