import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError, parse, type GraphQLFormattedError } from "graphql";
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { headerValue, listen, sendJson, serveGraphQL, type RunningServer } from "../../subgraphs/shared/src/http.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity } from "../../subgraphs/shared/src/identity.js";
import { peersCalledBy, rootFieldsOfText } from "../../subgraphs/shared/src/peer-client.js";
import { logger } from "../../subgraphs/shared/src/logger.js";
import { maskInternalErrors } from "../../subgraphs/shared/src/subgraph-server.js";
import { applyScalarParsing } from "../../subgraphs/shared/src/scalars.js";
import { PageSizeRule } from "../../subgraphs/shared/src/pagination.js";
import { inputRulesPlugin } from "../../subgraphs/shared/src/input-rules.js";
import { injectTraceContext } from "../../subgraphs/shared/src/tracing.js";
import type { GatewayTokenSigner } from "./auth/gateway-token.js";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { AuthorizingGateway } from "./authorization/authorizing-gateway.js";
import { enumsWithHiddenValues, SingleFetchShortcut } from "./single-fetch.js";
import { metricsPlugin, registry } from "./metrics.js";
import { SubgraphClient } from "./subgraph-client.js";
import { createUserTokenVerifier, type UserTokenConfig } from "./auth/user-token.js";
import { Admission, admissionConfig, type AdmissionConfig } from "./admission/admission.js";
import type { SignInConfig } from "./config.js";
import { browserOpensGraphQL, webRoutes } from "./web/routes.js";

/** What the gateway knows of a request once the caller's token is verified. */
export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** The identity tokens of this request, by audience subgraph, each made once on first use. */
  subgraphTokens?: Map<string, string>;
}

/** How long a subgraph may take before its part of the answer is given up (SUBGRAPH_TIMEOUT_MS). */
const SUBGRAPH_TIMEOUT_MS = Number(process.env.SUBGRAPH_TIMEOUT_MS ?? 30_000);

function unavailable(serviceName: string): GraphQLError {
  return new GraphQLError(`The ${serviceName} service is unavailable; the fields it provides are null in this answer.`, {
    extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName },
  });
}

/**
 * Limits on what one operation may ask, against abuse and runaway ad-hoc queries: depth, aliases,
 * directives and a static cost (graphql-armor), and a token count checked while parsing (Apollo
 * Server's own, which answers 400; graphql-armor's turns a syntax error into a 500).
 */
export function operationLimits(env = process.env) {
  const armor = new ApolloArmor({
    maxDepth: { n: Number(env.GATEWAY_MAX_DEPTH ?? 12) },
    maxAliases: { n: Number(env.GATEWAY_MAX_ALIASES ?? 30) },
    maxDirectives: { n: Number(env.GATEWAY_MAX_DIRECTIVES ?? 50) },
    // Cost grows with depth (x1.2 per level): a wide, deep walk through the graph costs most.
    costLimit: { maxCost: Number(env.GATEWAY_MAX_COST ?? 20_000), depthCostFactor: 1.2 },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: Number(env.GATEWAY_MAX_TOKENS ?? 10_000) } };
}

type FetcherHeaders = NonNullable<GatewayGraphQLRequest["http"]>["headers"];

/** The headers of one subgraph fetch: names in lower case, as node:http and undici send them. */
class SubgraphHeaders implements FetcherHeaders {
  private readonly byName = new Map<string, string>();

  constructor(from?: Iterable<[string, string]>) {
    for (const [name, value] of from ?? []) this.append(name, value);
  }

  set(name: string, value: string): void {
    this.byName.set(name.toLowerCase(), value);
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.byName.delete(name.toLowerCase());
  }

  append(name: string, value: string): void {
    const known = this.get(name);
    this.set(name, known === null ? value : `${known}, ${value}`);
  }

  entries() {
    return this.byName.entries();
  }

  keys() {
    return this.byName.keys();
  }

  values() {
    return this.byName.values();
  }

  [Symbol.iterator]() {
    return this.byName.entries();
  }
}

/**
 * Relays a subgraph fetch with the caller's identity, re-signed by the gateway for that subgraph
 * only, and the request id for tracing. The caller's own token never leaves the gateway.
 */
class IdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: { name: string; url: string },
    private readonly signer: GatewayTokenSigner,
    private readonly allSubgraphs: Record<string, string>,
    client: SubgraphClient,
    private readonly shortcut?: SingleFetchShortcut,
  ) {
    super({ url: config.url, fetcher: client.fetcher(config.name, unavailable) });
    this.subgraphName = config.name;
  }

  private readonly subgraphName: string;

  /**
   * One fetch of a query plan: RemoteGraphQLDataSource's own `process` does the same, but builds a
   * node-fetch Headers and a node-fetch Request for every fetch (the Request only for error hooks
   * this data source does not use), and reads the subgraph's Cache-Control into a cache policy that
   * the gateway does not use (cache control is off).
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    // The answer to this very fetch, when the single-fetch shortcut already has it (single-fetch.ts).
    const received = this.shortcut?.take(options.context, this.subgraphName, request.query);
    if (received) return received;
    const headers = new SubgraphHeaders(request.http?.headers);
    headers.set("content-type", "application/json");
    request.http = { method: "POST", url: this.url, headers };
    await this.willSendRequest(options);
    if (!request.query) throw new Error("Missing query");
    const { http: _http, ...sent } = request;
    const response = await this.fetcher(this.url, { method: "POST", headers: Object.fromEntries(headers), body: JSON.stringify(sent) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (body === null || typeof body !== "object") throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return { ...body, http: response };
  }

  /**
   * A subgraph that refuses a variable (a bad date, say) answers 400 with an error meant for the
   * caller: pass that message on instead of a bare "400: Bad Request".
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: { errors?: GraphQLFormattedError[] } } | undefined)?.body;
    const first = body?.errors?.[0];
    if (response.status === 400 && first?.extensions?.code === "BAD_USER_INPUT") {
      return new GraphQLError(first.message, { extensions: { ...first.extensions, code: "BAD_USER_INPUT" } });
    }
    logger.warn({ serviceName: this.subgraphName, status: response.status }, "subgraph answered with an HTTP error");
    return unavailable(this.subgraphName);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request } = options;
    // Tracing: the subgraph continues this request's trace (W3C traceparent; nothing when off).
    injectTraceContext(request.http?.headers);
    if (!("identity" in options.context) || !options.context.identity) return;
    const context = options.context as GatewayContext;
    const operationName = "incomingRequestContext" in options ? (options.incomingRequestContext.operationName ?? null) : null;
    // This subgraph's own token, and the tokens of the peers it asks on the caller's behalf for
    // this operation (each bound to its audience, so none works anywhere else); no token goes
    // where it is not used.
    const { operation, fields } = rootFieldsOfText(request.query ?? "");
    const peers = peersCalledBy(this.subgraphName, context.identity.role, operation, fields);
    request.http?.headers.set(IDENTITY_HEADER, this.tokenFor(context, this.subgraphName, operationName));
    if (peers.length > 0) {
      request.http?.headers.set(PEER_TOKENS_HEADER, JSON.stringify(Object.fromEntries(peers.map((peer) => [peer, this.tokenFor(context, peer, operationName)]))));
    }
    request.http?.headers.set("x-request-id", context.requestId);
  }

  /** The request's token for `audience`: signed on first use, then the same for every call. */
  private tokenFor(context: GatewayContext, audience: string, operationName: string | null): string {
    const tokens = (context.subgraphTokens ??= new Map());
    let token = tokens.get(audience);
    if (token === undefined) {
      token = this.signer.sign(context.identity, audience, { url: this.allSubgraphs[audience], operationName });
      tokens.set(audience, token);
    }
    return token;
  }
}

/**
 * What a caller sees of an error: business refusals as the subgraph wrote them, a subgraph that is
 * down as SUBGRAPH_UNAVAILABLE; never a subgraph's address, response body or stack.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { response: _response, exception: _exception, ...extensions } = formatted.extensions ?? {};
  return maskInternalErrors("gateway")({ ...formatted, extensions }, error);
}

/**
 * @apollo/gateway refuses a supergraph whose authorization features are marked "for: SECURITY",
 * because it does not enforce them itself. This gateway does (AuthorizingGateway, from the
 * original supergraph), so the planner gets the same supergraph with only that mark removed.
 */
export function plannerSupergraph(supergraphSdl: string): string {
  return supergraphSdl.replace(/(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:requiresScopes|policy|authenticated)\/v[\d.]+"), for: SECURITY\)/g, "$1)");
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph listens, by name; overrides the URLs composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  auth: UserTokenConfig;
  signer: GatewayTokenSigner;
  port: number;
  host?: string;
  /** Only the benchmark turns this off, to measure what field authorization costs. */
  enforceAuthorization?: boolean;
  /**
   * Serve a query planned as one fetch of the caller's own operation with the subgraph's answer as
   * it comes (single-fetch.ts); default true. Tests turn it off to compare both ways.
   */
  singleFetchShortcut?: boolean;
  /**
   * Rate limits and early refusal of operations (admission/admission.ts); from the environment when
   * not given. `false` turns both off: only the flood benchmark does, to show the difference.
   */
  admission?: AdmissionConfig | false;
  /** Where Prometheus scrapes /metrics: a port of its own, never the public one. None: not served. */
  metrics?: MetricsOptions;
  /** How a person signs in from the gateway's pages (config.ts signInConfig); none when not given. */
  signIn?: SignInConfig;
}

export interface MetricsOptions {
  port: number;
  host?: string;
  /** When set, a scrape must send `Authorization: Bearer <token>` (METRICS_TOKEN). */
  token?: string;
}

export interface RunningGateway extends RunningServer {
  /** The metrics endpoint, when one is served. */
  metricsUrl?: string;
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(headerValue(req, "authorization") ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The operators' endpoint: GET /metrics on its own port (METRICS_PORT), so that the public port
 * never tells an outsider how busy the graph is or which fields are refused; optionally behind a
 * scrape token (METRICS_TOKEN).
 */
export async function serveMetrics(options: MetricsOptions): Promise<RunningServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/metrics" || req.method !== "GET") return sendJson(res, 404, { error: "Only GET /metrics is served here." });
    if (options.token && !bearerMatches(req, options.token)) {
      res.setHeader("www-authenticate", 'Bearer realm="metrics"');
      return sendJson(res, 401, { error: "Send the scrape token: Authorization: Bearer <METRICS_TOKEN>." });
    }
    try {
      const text = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(text);
    } catch (error) {
      logger.error({ err: error }, "metrics could not be collected");
      if (!res.headersSent) sendJson(res, 500, { error: "Metrics could not be collected." });
    }
  });
  return listen(server, options.port, options.host, "/metrics");
}

/**
 * The only door into the graph: verifies the caller's token, plans each operation over the
 * committed supergraph, and calls the subgraphs over HTTP with a gateway-signed identity.
 */
export async function createGateway(options: GatewayOptions): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo unless told not to; partner data stays here.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
  const verifyUser = createUserTokenVerifier(options.auth);
  const client = new SubgraphClient({ timeoutMs: SUBGRAPH_TIMEOUT_MS });
  const shortcut = options.singleFetchShortcut === false ? undefined : new SingleFetchShortcut(enumsWithHiddenValues(parse(options.supergraphSdl)));
  const inner = new ApolloGateway({
    supergraphSdl: plannerSupergraph(options.supergraphSdl),
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL is configured for subgraph ${name}.`);
      const dataSource = new IdentityDataSource({ name, url: target }, options.signer, options.subgraphUrls, client, shortcut);
      shortcut?.register(name, dataSource);
      return dataSource;
    },
    ...(shortcut ? { experimental_didResolveQueryPlan: (resolved) => shortcut.learn(resolved) } : {}),
  });
  // A new schema may plan an operation differently: the shortcut learns its operations again.
  inner.onSchemaLoadOrUpdate(() => shortcut?.clear());
  // The supergraph's Date, YearMonth and DateTime parse as the subgraphs' do: a bad value is refused
  // here, naming its argument, before any plan is made (registered first, so before anyone reads it).
  inner.onSchemaLoadOrUpdate(({ apiSchema }) => applyScalarParsing(apiSchema));
  const gateway = new AuthorizingGateway(inner, options.supergraphSdl, options.enforceAuthorization ?? true, shortcut);
  const limits = operationLimits();
  const admission =
    options.admission === false
      ? undefined
      : new Admission({
          config: options.admission ?? admissionConfig(),
          verify: verifyUser,
          limits: { maxTokens: limits.parseOptions.maxTokens, rules: limits.validationRules as never },
        });
  inner.onSchemaLoadOrUpdate(({ apiSchema }) => admission?.setSchema(apiSchema));
  await admission?.start();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    formatError: formatGatewayError,
    // Page sizes first, so that a refused `first` is the first error, before the cost it implies.
    validationRules: [PageSizeRule, ...(limits.validationRules as never[])],
    parseOptions: limits.parseOptions,
    // graphql-armor is typed against Apollo Server's CommonJS build; the plugins are the same objects.
    // The text rules of the public schema come first: bad input is refused before it is planned.
    plugins: [
      inputRulesPlugin<GatewayContext>(),
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its Sandbox from a CDN; a browser is sent to /explore instead.
      ApolloServerPluginLandingPageDisabled(),
      metricsPlugin(),
      ...(limits.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      ...(admission ? [admission.plugin<GatewayContext>()] : []),
    ],
    csrfPrevention: true,
    // The process stops the server itself on SIGINT/SIGTERM (after the HTTP server, before the
    // database); Apollo's own handlers would race that stop and leave it waiting.
    stopOnTerminationSignals: false,
  });
  const running = await serveGraphQL<GatewayContext>({
    apollo,
    name: "gateway",
    port: options.port,
    host: options.host,
    context: async (req, requestId) => ({ identity: await (admission ? admission.identity(req) : verifyUser(headerValue(req, "authorization"))), requestId }),
    admit: async (req, body, search) => {
      if (browserOpensGraphQL(req, search)) return { status: 303, headers: { location: "/explore" }, body: { message: "GraphQL is served here; the explorer is at /explore." } };
      return admission?.admit(req, body, search);
    },
    routes: {
      ...webRoutes({ signIn: options.signIn ?? { mode: "none" }, verify: verifyUser, unreadableFields: (identity) => gateway.unreadableFields(identity) }),
      "/health": (_req, res) => sendJson(res, 200, { status: "ok" }),
      "/ready": async (_req, res) => {
        const results = await Promise.all(
          Object.entries(options.subgraphUrls).map(async ([name, url]) => {
            try {
              const response = await fetch(new URL("/ready", url), { signal: AbortSignal.timeout(2_000) });
              return [name, response.ok ? "ready" : "unavailable"] as const;
            } catch {
              return [name, "unreachable"] as const;
            }
          }),
        );
        const ready = results.every(([, state]) => state === "ready");
        sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "degraded", subgraphs: Object.fromEntries(results) });
      },
      // Subgraphs that run as separate processes fetch the gateway's public key from here.
      "/.well-known/jwks.json": (_req, res) => sendJson(res, 200, options.signer.jwks),
    },
  }).catch(async (error: unknown) => {
    await admission?.close(); // a gateway that does not start leaves no Redis connection open
    await client.close();
    throw error;
  });
  let metrics: RunningServer | undefined;
  try {
    metrics = options.metrics ? await serveMetrics(options.metrics) : undefined;
  } catch (error) {
    await running.close();
    await admission?.close();
    await client.close();
    throw error;
  }
  logger.info({ url: running.url, metricsUrl: metrics?.url }, "gateway listening");
  return {
    ...running,
    ...(metrics ? { metricsUrl: metrics.url } : {}),
    async close() {
      await Promise.all([running.close(), metrics?.close()]);
      await admission?.close();
      await client.close();
    },
  };
}
