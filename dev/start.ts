import "reflect-metadata";
import path from "node:path";
import { preparedStatementsFromEnv, startEmbeddedPostgres, type EmbeddedServer } from "../subgraphs/shared/src/database.js";
import { logger } from "../subgraphs/shared/src/logger.js";
import { dataDir, gatewaySigningKey, metricsConfig, signInConfig, supergraphPath, userTokenConfig } from "../gateway/src/config.js";
import { startLocalGraph } from "./local-graph.js";
import { exitWhenWritten } from "./exit.js";
import { startTracing } from "../subgraphs/shared/src/tracing.js";

/**
 * `npm start`: the whole graph on one machine. Without DATABASE_URL an embedded PostgreSQL keeps
 * its data in .data/postgres (DATA_DIR), so a restart finds everything as it was. Migrations run,
 * the demo world of Haarlem and Zandvoort is seeded once (SEED_DEMO=false to skip), and the three
 * subgraphs and the gateway start.
 */
async function main() {
  const env = process.env;
  // Before any database opens (the SQL spans hook pg); nothing starts without OTEL_EXPORTER_OTLP_ENDPOINT.
  const tracing = await startTracing("early-warning-graph", env);
  const dir = dataDir(env);
  let embedded: EmbeddedServer | undefined;
  let serverUrl = env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), persistent: true, port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined });
    serverUrl = embedded.url;
  }
  const host = env.HOST ?? "127.0.0.1";
  const graph = await startLocalGraph({
    databaseServerUrl: serverUrl,
    runScheduledJobs: env.SCHEDULED_JOBS !== "false",
    preparedStatements: preparedStatementsFromEnv(env),
    supergraphPath: supergraphPath(env),
    gatewayPort: Number(env.PORT ?? 4000),
    subgraphPorts: {
      corporations: Number(env.CORPORATIONS_PORT ?? 4001),
      sdv: Number(env.SDV_PORT ?? 4002),
      swt: Number(env.SWT_PORT ?? 4003),
    },
    host,
    signingKey: await gatewaySigningKey(env, true),
    auth: await userTokenConfig(env),
    // After userTokenConfig, which creates the development issuer's key on a first start.
    signIn: await signInConfig(env),
    seedDemo: env.SEED_DEMO !== "false",
    metrics: metricsConfig(env, "127.0.0.1"),
  });

  const shown = embedded ? embedded.url.replace(/:[^:@/]+@/, ":***@") : "(DATABASE_URL)";
  process.stdout.write(`
Early-warning graph is running.

  Gateway      ${graph.gateway.url}
  Explorer     ${new URL("/explore", graph.gateway.url).href}   (sign in from the browser)
  Dashboard    ${new URL("/dashboard", graph.gateway.url).href}   (the covenant's monitoring, for analysts and the coordinator)
  Metrics      ${graph.gateway.metricsUrl ?? "(off)"}${env.METRICS_TOKEN ? " (with METRICS_TOKEN)" : ""}
  Subgraphs    corporations ${graph.subgraphs.corporations.url}
               sdv          ${graph.subgraphs.sdv.url}
               swt          ${graph.subgraphs.swt.url}   (answer only the gateway)
  PostgreSQL   ${shown}${embedded ? `, data in ${path.relative(process.cwd(), path.join(dir, "postgres")) || "."}` : ""}

Get a development token in another terminal and ask a question:

  TOKEN=$(npm run -s token -- --role SDV --org 0392,0473)
  curl -s ${graph.gateway.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ signals(first: 3) { edges { node { id tenant { name arrears { amountCents phase } } case { status } } } } }"}'

Ctrl-C stops everything.
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await graph.close().catch((error) => logger.error({ err: error }, "error while stopping the graph"));
    await embedded?.stop().catch((error) => logger.error({ err: error }, "error while stopping PostgreSQL"));
    await tracing?.shutdown(); // exports the last spans
    await exitWhenWritten(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: error }, "the graph failed to start");
  return exitWhenWritten(1);
});
