import type { DataSource } from "typeorm";
import { GatewayTokenSigner } from "../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../gateway/src/auth/keys.js";
import { IDENTITY_HEADER, type Identity } from "../../subgraphs/shared/src/identity.js";
import type { BaseRequestContext, RunningSubgraph, SubgraphDefinition } from "../../subgraphs/shared/src/subgraph-server.js";
import { startSubgraph } from "../../subgraphs/shared/src/subgraph-server.js";
import { freshDatabaseUrls } from "./databases.js";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * One subgraph on a fresh database, called over real HTTP with tokens signed the way the gateway
 * signs them. For tests of a single subgraph; end-to-end tests use the whole graph (graph.ts).
 */
export async function startTestSubgraph<C extends BaseRequestContext>(definition: SubgraphDefinition<C>) {
  const databases = freshDatabaseUrls();
  const { key } = await generateSigningKey();
  const signer = new GatewayTokenSigner(key);
  const running: RunningSubgraph = await startSubgraph(definition, {
    databaseUrl: databases.urls[definition.name],
    port: 0,
    gatewayKeys: { jwks: signer.jwks },
  });
  return {
    url: running.url,
    db: running.dataSource as DataSource,
    statements: () => running.statements(),
    async query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const token = await signer.sign(identity, definition.name, "test");
      const response = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: token },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await running.close();
      await databases.drop();
    },
  };
}

export const identities = {
  elanWonen: { sub: "elan-integration", role: "CORPORATION", orgs: ["elan-wonen"] },
  preWonen: { sub: "pre-integration", role: "CORPORATION", orgs: ["pre-wonen"] },
  ymere: { sub: "ymere-integration", role: "CORPORATION", orgs: ["ymere"] },
  sdvHaarlem: { sub: "sdv-worker", role: "SDV", orgs: ["0392", "0473"] },
  swtSchalkwijk: { sub: "swt-worker", role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
  budgetCoach: { sub: "budget-coach", role: "BUDGET_COACH", orgs: ["0392", "0473"] },
  analyst: { sub: "analyst", role: "ANALYST", orgs: ["0392", "0473"] },
  coordinator: { sub: "coordinator", role: "COORDINATOR", orgs: ["0392", "0473"] },
} satisfies Record<string, Identity>;
