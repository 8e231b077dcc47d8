import { logger } from "./logger.js";
import { buildDemoWorld } from "./demo/world.js";
import { seedDemoOnce } from "./demo/seed-once.js";
import { startSubgraph, type BaseRequestContext, type SubgraphDefinition } from "./subgraph-server.js";
import { preparedStatementsFromEnv, SUBGRAPHS, subgraphDatabaseUrl, type SubgraphName } from "./database.js";
import { serviceKey } from "./service-token.js";
import { startTracing } from "./tracing.js";

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
 *   DATABASE_PREPARED_STATEMENTS=off  for a pooler that cannot carry prepared statements (default on)
 *   SEED_DEMO=true    seed the demo world once
 *   SCHEDULED_JOBS=false  do not run the scheduled jobs (retention) in this replica
 *   SERVICE_SIGNING_KEY  private EC P-256 JWK this subgraph signs its scheduled calls to the others
 *                     with (generated at start when absent; its public half is at /.well-known/jwks.json)
 *   CORPORATIONS_URL, SDV_URL, SWT_URL  where the others listen, for those calls
 *   CORPORATIONS_JWKS_URL, SDV_JWKS_URL, SWT_JWKS_URL  the others' keys: their calls are accepted
 *                     (for the fields this subgraph lists) only from those set
 */
export async function runSubgraphFromEnv<C extends BaseRequestContext>(definition: SubgraphDefinition<C>, defaultPort: number) {
  const env = process.env;
  // Before the database opens (the SQL spans hook pg); nothing starts without OTEL_EXPORTER_OTLP_ENDPOINT.
  const tracing = await startTracing(definition.name, env);
  const databaseUrl = env[`${definition.name.toUpperCase()}_DATABASE_URL`] ?? subgraphDatabaseUrl(definition.name, required("DATABASE_URL", env.DATABASE_URL));
  const running = await startSubgraph(definition, {
    databaseUrl,
    port: Number(env.PORT ?? defaultPort),
    host: env.HOST ?? "0.0.0.0",
    gatewayKeys: { jwksUrl: required("GATEWAY_JWKS_URL", env.GATEWAY_JWKS_URL) },
    runScheduledJobs: env.SCHEDULED_JOBS !== "false",
    preparedStatements: preparedStatementsFromEnv(env),
    serviceKey: await serviceKey(env.SERVICE_SIGNING_KEY || undefined),
    peerUrls: () => Object.fromEntries(SUBGRAPHS.flatMap((peer) => (env[`${peer.toUpperCase()}_URL`] ? [[peer, env[`${peer.toUpperCase()}_URL`]!]] : []))),
    trustedServices: Object.fromEntries(
      SUBGRAPHS.filter((peer: SubgraphName) => peer !== definition.name && env[`${peer.toUpperCase()}_JWKS_URL`]).map((peer) => [
        peer,
        { jwksUrl: env[`${peer.toUpperCase()}_JWKS_URL`]! },
      ]),
    ),
  });
  if (env.SEED_DEMO === "true" && definition.seedDemo) {
    const seeded = await seedDemoOnce(running.dataSource, buildDemoWorld(), definition.seedDemo);
    logger.info({ subgraph: definition.name, seeded }, seeded ? "demo data seeded" : "demo data already present");
  }
  const shutdown = async (signal: string) => {
    logger.info({ subgraph: definition.name, signal }, "shutting down");
    await running.close();
    await tracing?.shutdown(); // exports the last spans
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return running;
}
