import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { Kind, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { DemoWorld } from "./demo/world.js";
import { openDataSource, type DataSourceOptions, type SubgraphName } from "./database.js";
import { serveGraphQL, headerValue, sendJson, type RunningServer } from "./http.js";
import { createGatewayTokenVerifier, IDENTITY_HEADER, PEER_TOKENS_HEADER, type GatewayKeySource, type Identity } from "./identity.js";
import type { AccessLogCollector } from "./access-log.js";
import { PeerClient } from "./peer-client.js";
import { logger } from "./logger.js";
import { inputRulesPlugin } from "./input-rules.js";

/** What every subgraph request knows before its own services are attached (Vendure's RequestContext). */
export interface BaseRequestContext {
  identity: Identity;
  requestId: string;
  /** The client's operation name, as the gateway saw it. */
  operationName: string | null;
  /** Asks another subgraph on the caller's behalf. */
  peers: PeerClient;
}

/** Codes that carry a message meant for the caller; anything else is masked as an internal error. */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/**
 * A value written in the operation itself that its type refuses (a date that does not exist, a
 * number for a text) fails validation on that value: it is bad input like the same value sent as
 * a variable, and is answered as such. graphql-js reports a scalar's own refusal as the scalar
 * threw it, without the value's node; only where no validation rule of another kind reports
 * BAD_USER_INPUT (the subgraphs, which have no operation limits) is that origin taken as proof.
 */
function isRefusedValue(error: unknown, scalarRefusals: boolean): boolean {
  // Duck-typed: the error may come from another copy of graphql (ESM and CommonJS builds).
  const { nodes, originalError } = (error ?? {}) as { nodes?: readonly { kind: string }[]; originalError?: { extensions?: Record<string, unknown> } };
  if (scalarRefusals && originalError?.extensions?.code === "BAD_USER_INPUT") return true;
  return !!nodes && nodes.length === 1 && VALUE_KINDS.has(nodes[0]!.kind);
}

/**
 * Keeps business refusals (any custom code) and hides infrastructure failures behind a generic message.
 * `scalarRefusals`: see isRefusedValue.
 */
export function maskInternalErrors(name: string, options: { scalarRefusals?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && isRefusedValue(error, options.scalarRefusals ?? false)) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT" } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && (PUBLIC_CODES.has(code) || code !== "INTERNAL_SERVER_ERROR")) {
      const { stacktrace: _ignored, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: error, subgraph: name, path: formatted.path }, "internal error in resolver");
    return { message: "Internal server error.", path: formatted.path, locations: formatted.locations, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

function parsePeerTokens(header: string | undefined): Record<string, string> {
  if (!header) return {};
  try {
    const parsed: unknown = JSON.parse(header);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * Writes the request's access log before the response leaves. If the reads cannot be recorded,
 * the data is not sent either: accountability first.
 */
function accessLogPlugin(name: string): ApolloServerPlugin<BaseRequestContext & { accessLog?: AccessLogCollector }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.accessLog?.flush();
          } catch (error) {
            logger.error({ err: error, subgraph: name, requestId: contextValue.requestId }, "access log could not be written; response withheld");
            response.body = {
              kind: "single",
              singleResult: { errors: [{ message: "The read could not be recorded in the access log, so nothing is returned.", extensions: { code: "ACCESS_LOG_FAILED" } }] },
            };
          }
        },
      };
    },
  };
}

export interface SubgraphServerOptions<C extends BaseRequestContext> {
  name: SubgraphName;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  gatewayKeys: GatewayKeySource;
  /** Adds the subgraph's services and per-request DataLoaders to the verified identity. */
  context: (base: BaseRequestContext) => C;
  /** Throws when the subgraph cannot serve (database unreachable). */
  ready: () => Promise<void>;
}

/**
 * Serves one subgraph. Every GraphQL request must carry a token the gateway signed for this
 * subgraph; without it the request is refused with 401 before any resolver runs.
 */
export async function startSubgraphServer<C extends BaseRequestContext>(options: SubgraphServerOptions<C>): Promise<RunningServer> {
  const verify = createGatewayTokenVerifier({ audience: options.name, keys: options.gatewayKeys });
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(options.name, { scalarRefusals: true }),
    csrfPrevention: true,
    // Traces would go to Apollo's cloud; this graph reports nothing outside the partners' machines.
    // Personal data is never cached by HTTP caches, so cache hints (a hook on every field) are off.
    // The text rules come first: a request that breaks them is refused before anything else runs.
    plugins: [inputRulesPlugin<C>(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), accessLogPlugin(options.name)],
  });
  const running = await serveGraphQL<C>({
    apollo,
    name: options.name,
    port: options.port,
    host: options.host,
    context: async (req, requestId) => {
      const { identity, operationName } = await verify(headerValue(req, IDENTITY_HEADER));
      return options.context({ identity, requestId, operationName, peers: new PeerClient(parsePeerTokens(headerValue(req, PEER_TOKENS_HEADER)), verify, requestId) });
    },
    routes: {
      "/health": (_req, res) => sendJson(res, 200, { status: "ok", subgraph: options.name }),
      "/ready": async (_req, res) => {
        try {
          await options.ready();
          sendJson(res, 200, { status: "ready", subgraph: options.name });
        } catch (error) {
          logger.warn({ err: error, subgraph: options.name }, "not ready");
          sendJson(res, 503, { status: "unavailable", subgraph: options.name });
        }
      },
    },
  });
  logger.info({ subgraph: options.name, url: running.url }, "subgraph listening");
  return running;
}

export interface SubgraphOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  gatewayKeys: GatewayKeySource;
  /**
   * Run the definition's scheduled jobs (retention) in this process. Off unless asked: a test that
   * starts a subgraph must not have its data erased under it at an unknown moment.
   */
  runScheduledJobs?: boolean;
}

/**
 * Work a subgraph does by itself on a schedule, not on a request (e.g. erasing data past its
 * retention period). `run` must be safe to run twice and concurrently from two replicas; it answers
 * what it did in counts, which are logged.
 */
export interface ScheduledJob {
  name: string;
  /** Milliseconds between runs; the first run is `firstRunAfterMs` after the start. */
  intervalMs: number;
  firstRunAfterMs?: number;
  run: (db: DataSource) => Promise<Record<string, number>>;
}

export interface RunningSubgraph extends RunningServer {
  dataSource: DataSource;
  /** SQL statements run so far; tests read it to prove that lists are batched. */
  statements(): number;
}

/** What a subgraph brings: its tables, migrations, schema and per-request context. */
export interface SubgraphDefinition<C extends BaseRequestContext> {
  name: SubgraphName;
  entities: DataSourceOptions["entities"];
  migrations: DataSourceOptions["migrations"];
  createSchema: () => Promise<{ schema: GraphQLSchema }>;
  createContext: (db: DataSource, base: BaseRequestContext) => C;
  /** Writes this subgraph's slice of the demo world; idempotent. */
  seedDemo?: (db: DataSource, world: DemoWorld) => Promise<unknown>;
  /** Jobs run on a schedule when the subgraph is started with `runScheduledJobs`. */
  scheduledJobs?: (db: DataSource) => ScheduledJob[];
}

/** Starts the jobs; the returned function stops them. A failed run is logged and tried again next time. */
export function scheduleJobs(subgraph: string, db: DataSource, jobs: ScheduledJob[]): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return; // a slow run is never overlapped by the next one
      running = true;
      const started = performance.now();
      try {
        const counts = await job.run(db);
        logger.info({ subgraph, job: job.name, counts, ms: Math.round(performance.now() - started) }, "scheduled job done");
      } catch (error) {
        logger.error({ err: error, subgraph, job: job.name }, "scheduled job failed");
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => {
      void tick();
      const every = setInterval(() => void tick(), job.intervalMs);
      every.unref();
      timers.push(every);
    }, job.firstRunAfterMs ?? 60_000);
    first.unref();
    timers.push(first);
  }
  return () => timers.forEach((timer) => clearTimeout(timer));
}

/** Opens the subgraph's database (running its migrations) and serves it. Nothing runs on import. */
export async function startSubgraph<C extends BaseRequestContext>(
  definition: SubgraphDefinition<C>,
  options: SubgraphOptions,
): Promise<RunningSubgraph> {
  const { dataSource, statements } = await openDataSource({
    url: options.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  try {
    // Jobs are made before the server listens: a job whose settings are wrong stops the start cleanly.
    const jobs = options.runScheduledJobs && definition.scheduledJobs ? definition.scheduledJobs(dataSource) : [];
    const { schema } = await definition.createSchema();
    const server = await startSubgraphServer({
      name: definition.name,
      schema,
      port: options.port,
      host: options.host,
      gatewayKeys: options.gatewayKeys,
      context: (base) => definition.createContext(dataSource, base),
      ready: async () => {
        await dataSource.query("select 1");
      },
    });
    const stopJobs = scheduleJobs(definition.name, dataSource, jobs);
    let closing: Promise<void> | undefined;
    return {
      ...server,
      dataSource,
      statements: () => statements.count,
      close() {
        // Safe to call twice: a test may stop a subgraph and later the whole graph.
        stopJobs();
        closing ??= server.close().then(() => dataSource.destroy());
        return closing;
      },
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
