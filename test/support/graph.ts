import path from "node:path";
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken, type DevTokenClaims } from "../../gateway/src/auth/dev-issuer.js";
import { generateSigningKey, type SigningKey } from "../../gateway/src/auth/keys.js";
import { DEFAULT_CLAIMS, type UserTokenConfig } from "../../gateway/src/auth/user-token.js";
import { startLocalGraph, type LocalGraph } from "../../dev/local-graph.js";
import type { SignInConfig } from "../../gateway/src/config.js";
import type { SubgraphName } from "../../subgraphs/shared/src/database.js";
import { freshDatabaseUrls } from "./databases.js";
import type { GraphQLResponse } from "./subgraph.js";

export type { GraphQLResponse };

/**
 * The whole graph for an end-to-end test: three subgraphs on fresh databases and the gateway
 * serving the committed supergraph, all over real HTTP, with a development issuer of its own.
 */
export async function startTestGraph(options: { seedDemo?: boolean; metricsToken?: string; signIn?: SignInConfig; auth?: UserTokenConfig; singleFetchShortcut?: boolean } = {}) {
  const databases = freshDatabaseUrls();
  const issuer = (await generateSigningKey()).key;
  const signingKey = (await generateSigningKey()).key;
  let graph: LocalGraph = await start();

  function start() {
    return startLocalGraph({
      databaseServerUrl: "postgres://unused/",
      databaseUrls: databases.urls,
      supergraphPath: path.resolve("schema", "supergraph.graphql"),
      gatewayPort: 0,
      subgraphPorts: { corporations: 0, sdv: 0, swt: 0 },
      signingKey,
      // Callers' tokens come from this graph's own development issuer, unless a test brings an identity provider.
      auth: options.auth ?? { keys: { jwks: issuer.jwks }, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ["ES256"], clockToleranceSeconds: 5, claims: DEFAULT_CLAIMS },
      seedDemo: options.seedDemo ?? false,
      singleFetchShortcut: options.singleFetchShortcut,
      metrics: { port: 0, ...(options.metricsToken ? { token: options.metricsToken } : {}) },
      // The pages' development sign-in mints with this graph's own issuer, unless a test says otherwise.
      signIn: options.signIn ?? { mode: "development", issuerKey: issuer },
    });
  }

  return {
    get url() {
      return graph.gateway.url;
    },
    /** The operators' /metrics, on a port of its own. */
    get metricsUrl() {
      return graph.gateway.metricsUrl!;
    },
    get subgraphs() {
      return graph.subgraphs;
    },
    issuer: issuer as SigningKey,
    signingKey,
    databaseUrls: databases.urls,
    token: (claims: DevTokenClaims) => signDevToken(issuer, claims),
    async query<T = Record<string, any>>(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const response = await fetch(graph.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    /** SQL statements run by all three subgraphs so far. */
    statements: () => Object.values(graph.subgraphs).reduce((sum, s) => sum + s.statements(), 0),
    async stopSubgraph(name: SubgraphName) {
      await graph.subgraphs[name].close();
    },
    /** Stops every process and starts them again on the same databases: a restart. */
    async restart() {
      await graph.close();
      graph = await start();
    },
    async stop() {
      await graph.close().catch(() => undefined);
      await databases.drop();
    },
  };
}

export type TestGraph = Awaited<ReturnType<typeof startTestGraph>>;
