import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { scopesOf } from "./authorization.js";
import { readRequirements } from "./field-requirements.js";
import { assertSelectionsResolve, readSelections, refusalMessage, refusedSelections, type RefusedSelection } from "./selection-rules.js";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { DemoWorld } from "./demo/world.js";
import { openDataSource, type DataSourceOptions, type SubgraphName } from "./database.js";
import { serveGraphQL, headerValue, sendJson, type RunningServer } from "./http.js";
import { createGatewayTokenVerifier, IDENTITY_HEADER, PEER_TOKENS_HEADER, type GatewayKeySource, type Identity } from "./identity.js";
import type { AccessLogCollector } from "./access-log.js";
import { PeerClient } from "./peer-client.js";
import { logger } from "./logger.js";
import { nameRefusedArgument } from "./input-errors.js";
import { runExclusively } from "./job-lock.js";
import { createServiceTokenVerifier, SERVICE_TOKEN_HEADER, ServicePeers, type ServiceKey } from "./service-token.js";
import { inputRulesPlugin } from "./input-rules.js";

/** What every subgraph request knows before its own services are attached (Vendure's RequestContext). */
export interface BaseRequestContext {
  identity: Identity;
  requestId: string;
  /** The client's operation name, as the gateway saw it. */
  operationName: string | null;
  /** Asks another subgraph on the caller's behalf. */
  peers: PeerClient;
  /**
   * Set when the request is another subgraph's own call (a scheduled job, see service-token.ts)
   * rather than one relayed by the gateway: the subgraph that signed it.
   */
  viaService?: SubgraphName;
}

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

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
 * Keeps every error that carries a code of its own (a business refusal, bad input, an authorization
 * refusal: a message meant for the caller) and hides infrastructure failures (INTERNAL_SERVER_ERROR,
 * or no code at all) behind a generic message. `scalarRefusals`: see isRefusedValue.
 */
export function maskInternalErrors(name: string, options: { scalarRefusals?: boolean } = {}) {
  return (given: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let formatted = nameRefusedArgument(given, error);
    if (formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && isRefusedValue(error, options.scalarRefusals ?? false)) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT" } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") {
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

/**
 * A filter, sort or group-by obeys the rule of the field it reads, here as at the gateway: from this
 * subgraph's own `@selects` and `@requiresScopes`, an argument that selects by a field the caller
 * may not read refuses the operation with FORBIDDEN before any resolver runs.
 */
function selectionRulesPlugin(schema: GraphQLSchema): ApolloServerPlugin<BaseRequestContext> {
  const sdl = parse(printSchemaWithDirectives(schema));
  const requirements = readRequirements(sdl);
  const selections = readSelections(sdl);
  assertSelectionsResolve(schema, requirements, selections);
  // Apollo Server keeps one parsed document per query text, so a list asked again and again brings
  // the same document. Without variables the outcome depends on nothing but the document, the
  // operation chosen and the caller's scopes (no policy holds here), so it is remembered per
  // document for each of those; an operation with variables is checked afresh every time. (A
  // WeakMap: a document the server forgets takes its outcomes with it; a document has few operations
  // and there are few roles.)
  const outcomes = new WeakMap<DocumentNode, Map<string, RefusedSelection | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, operation, request, contextValue }) {
          const scopes = scopesOf(contextValue.identity);
          const fixed = !operation?.variableDefinitions?.length;
          const key = `${operationName ?? ""}\n${scopes.join(" ")}`;
          let known = fixed ? outcomes.get(document) : undefined;
          let refusal = known?.get(key);
          if (refusal === undefined) {
            const caller = { authenticated: true, scopes: new Set(scopes), policy: () => false };
            refusal = refusedSelections(schema, document, operationName, request.variables, requirements, selections, caller)[0] ?? null;
            if (fixed) {
              if (!known) outcomes.set(document, (known = new Map()));
              known.set(key, refusal);
            }
          }
          if (refusal) {
            throw new GraphQLError(refusalMessage(refusal), {
              extensions: { code: "FORBIDDEN", field: refusal.field, argument: refusal.argument, selects: refusal.selects, http: { status: 200 } },
            });
          }
        },
      };
    },
  };
}

/**
 * A call signed by another subgraph (no gateway, no caller: a scheduled job) may reach only the root
 * fields this subgraph lists for that subgraph; any other field is refused before it resolves.
 */
function serviceFieldsPlugin(name: string, allowed: Partial<Record<SubgraphName, string[]>>): ApolloServerPlugin<BaseRequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!contextValue.viaService || !operation) return;
          const fields = allowed[contextValue.viaService] ?? [];
          const ok = operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && fields.includes(selection.name.value));
          if (!ok) {
            logger.warn({ subgraph: name, from: contextValue.viaService }, "service call for a field it may not reach refused");
            throw new GraphQLError(`A call from the ${contextValue.viaService} subgraph may reach only ${fields.join(", ") || "no field"} here.`, {
              extensions: { code: "FORBIDDEN", http: { status: 403 } },
            });
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
  /** Other subgraphs whose own calls (service tokens) this one accepts, and for which root fields. */
  trustedServices?: Partial<Record<SubgraphName, GatewayKeySource>>;
  serviceFields?: Partial<Record<SubgraphName, string[]>>;
  /** This subgraph's own signing key; its public half is served at /.well-known/jwks.json. */
  serviceKey?: ServiceKey;
}

/**
 * Serves one subgraph. Every GraphQL request must carry a token the gateway signed for this
 * subgraph; without it the request is refused with 401 before any resolver runs.
 */
export async function startSubgraphServer<C extends BaseRequestContext>(options: SubgraphServerOptions<C>): Promise<RunningServer> {
  const verify = createGatewayTokenVerifier({ audience: options.name, keys: options.gatewayKeys });
  const verifyService = createServiceTokenVerifier(options.name, options.trustedServices ?? {});
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(options.name, { scalarRefusals: true }),
    csrfPrevention: true,
    // Traces would go to Apollo's cloud; this graph reports nothing outside the partners' machines.
    // Personal data is never cached by HTTP caches, so cache hints (a hook on every field) are off.
    // The text rules come first: a request that breaks them is refused before anything else runs.
    plugins: [
      inputRulesPlugin<C>(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      selectionRulesPlugin(options.schema) as ApolloServerPlugin<C>,
      accessLogPlugin(options.name),
      serviceFieldsPlugin(options.name, options.serviceFields ?? {}),
    ],
    // The process stops the server itself on SIGINT/SIGTERM; Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
  });
  const running = await serveGraphQL<C>({
    apollo,
    name: options.name,
    port: options.port,
    host: options.host,
    // Tracing: a subgraph's span continues the trace of the gateway or peer that called it.
    continueCallerTrace: true,
    context: async (req, requestId) => {
      const serviceToken = headerValue(req, SERVICE_TOKEN_HEADER);
      if (serviceToken) {
        const { identity, from } = await verifyService(serviceToken);
        return options.context({ identity, requestId, operationName: null, peers: new PeerClient({}, verify, requestId), viaService: from });
      }
      const { identity, operationName } = await verify(headerValue(req, IDENTITY_HEADER));
      return options.context({ identity, requestId, operationName, peers: new PeerClient(parsePeerTokens(headerValue(req, PEER_TOKENS_HEADER)), verify, requestId) });
    },
    routes: {
      "/health": (_req, res) => sendJson(res, 200, { status: "ok", subgraph: options.name }),
      "/.well-known/jwks.json": (_req, res) => sendJson(res, options.serviceKey ? 200 : 404, options.serviceKey?.jwks ?? { keys: [] }),
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
  /** Told of every turn of a scheduled job: run (with its counts), skipped for another replica, or failed. */
  onScheduledJob?: JobObserver;
  /** Signs this subgraph's own calls to the others (its scheduled jobs); see service-token.ts. */
  serviceKey?: ServiceKey;
  /** Where the other subgraphs listen, read at each call of a scheduled job. */
  peerUrls?: () => Partial<Record<SubgraphName, string>>;
  /** Other subgraphs whose own calls this one accepts, for the fields of `serviceFields`. */
  trustedServices?: Partial<Record<SubgraphName, GatewayKeySource>>;
  /** Prepare the statements run again and again (default true; see preparedStatementsFromEnv). */
  preparedStatements?: boolean;
}

export type JobTurn = { job: string; outcome: "done"; counts: Record<string, number> } | { job: string; outcome: "skipped" | "failed" };
export type JobObserver = (turn: JobTurn) => void;

/**
 * Work a subgraph does by itself on a schedule, not on a request (e.g. erasing data past its
 * retention period). Each run holds the job's lock in the database (runExclusively): when several
 * replicas of a subgraph run, one runs a job at a time and the others skip that turn. `run` must
 * still be safe to run twice; it answers what it did in counts, which are logged.
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
  /** Runs one of the subgraph's scheduled jobs once, now, whether or not they are scheduled here. */
  runJob(name: string): Promise<Record<string, number>>;
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
  /**
   * Jobs run on a schedule when the subgraph is started with `runScheduledJobs`. `services` calls
   * the other subgraphs in this subgraph's own name (undefined when no service key is configured).
   */
  scheduledJobs?: (db: DataSource, services?: { peers: ServicePeers | undefined }) => ScheduledJob[];
  /** Root fields another subgraph may call in its own name (its scheduled jobs), per subgraph. */
  serviceFields?: Partial<Record<SubgraphName, string[]>>;
}

/** Starts the jobs; the returned function stops them. A failed run is logged and tried again next time. */
export function scheduleJobs(subgraph: string, db: DataSource, jobs: ScheduledJob[], observe: JobObserver = () => undefined): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return; // a slow run is never overlapped by the next one
      running = true;
      const started = performance.now();
      try {
        const turn = await runExclusively(db, job.name, () => job.run(db));
        if (turn.ran) {
          logger.info({ subgraph, job: job.name, counts: turn.result, ms: Math.round(performance.now() - started) }, "scheduled job done");
          observe({ job: job.name, outcome: "done", counts: turn.result });
        } else {
          logger.info({ subgraph, job: job.name }, "scheduled job skipped: another replica is running it");
          observe({ job: job.name, outcome: "skipped" });
        }
      } catch (error) {
        logger.error({ err: error, subgraph, job: job.name }, "scheduled job failed");
        observe({ job: job.name, outcome: "failed" });
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
export async function startSubgraph<C extends BaseRequestContext>(definition: SubgraphDefinition<C>, options: SubgraphOptions): Promise<RunningSubgraph> {
  const { dataSource, statements } = await openDataSource({
    url: options.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
    preparedStatements: options.preparedStatements,
  });
  try {
    // Jobs are made before the server listens: a job whose settings are wrong stops the start cleanly.
    const peers = options.serviceKey ? new ServicePeers(definition.name, options.serviceKey, (peer) => options.peerUrls?.()[peer]) : undefined;
    const jobs = definition.scheduledJobs ? definition.scheduledJobs(dataSource, { peers }) : [];
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
      trustedServices: options.trustedServices,
      serviceFields: definition.serviceFields,
      serviceKey: options.serviceKey,
    });
    const stopJobs = options.runScheduledJobs ? scheduleJobs(definition.name, dataSource, jobs, options.onScheduledJob) : () => undefined;
    let closing: Promise<void> | undefined;
    return {
      ...server,
      dataSource,
      statements: () => statements.count,
      async runJob(name: string) {
        const job = jobs.find((j) => j.name === name);
        if (!job) throw new Error(`The ${definition.name} subgraph has no job named ${name}.`);
        return job.run(dataSource);
      },
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
