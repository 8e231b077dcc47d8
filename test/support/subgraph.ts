import type { DataSource } from "typeorm";
import { GatewayTokenSigner } from "../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../gateway/src/auth/keys.js";
import type { SubgraphName } from "../../subgraphs/shared/src/database.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity } from "../../subgraphs/shared/src/identity.js";
import { serviceKey } from "../../subgraphs/shared/src/service-token.js";
import type { BaseRequestContext, RunningSubgraph, SubgraphDefinition } from "../../subgraphs/shared/src/subgraph-server.js";
import { startSubgraph } from "../../subgraphs/shared/src/subgraph-server.js";
import { freshDatabaseUrls } from "./databases.js";
import type { FakePeer } from "./peers.js";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestSubgraphOptions<P extends Partial<Record<SubgraphName, FakePeer<any>>>> {
  /**
   * Fake peers (peers.ts) the subgraph calls instead of the real subgraphs: each request carries a
   * token for each, as the gateway sends them, and they are stopped with the subgraph.
   */
  peers?: P;
  /** Gives the subgraph its own signing key, so that its scheduled jobs (runJob) call the peers in its own name. */
  signsOwnCalls?: boolean;
}

/**
 * One subgraph on a fresh database, called over real HTTP with tokens signed the way the gateway
 * signs them. For tests of a single subgraph; end-to-end tests use the whole graph (graph.ts).
 */
export async function startTestSubgraph<C extends BaseRequestContext, P extends Partial<Record<SubgraphName, FakePeer<any>>> = Record<never, never>>(
  definition: SubgraphDefinition<C>,
  options: TestSubgraphOptions<P> = {},
) {
  const peers = (options.peers ?? {}) as P;
  const fakes = Object.entries(peers) as [SubgraphName, FakePeer<unknown>][];
  for (const [name, fake] of fakes) if (fake.name !== name) throw new Error(`The fake ${fake.name} subgraph was given as ${name}.`);
  const databases = freshDatabaseUrls();
  const { key } = await generateSigningKey();
  const signer = new GatewayTokenSigner(key);
  const peerUrls = Object.fromEntries(fakes.map(([name, fake]) => [name, fake.url]));
  let running: RunningSubgraph;
  try {
    running = await startSubgraph(definition, {
      databaseUrl: databases.urls[definition.name],
      port: 0,
      gatewayKeys: { jwks: signer.jwks },
      // Its scheduled jobs call the fake peers in the subgraph's own name (runJob; nothing runs on a timer here).
      ...(options.signsOwnCalls ? { serviceKey: await serviceKey(), peerUrls: () => peerUrls } : {}),
    });
  } catch (error) {
    await Promise.all(fakes.map(([, fake]) => fake.close()));
    throw error;
  }
  return {
    url: running.url,
    db: running.dataSource as DataSource,
    peers,
    statements: () => running.statements(),
    /** Runs one of the subgraph's scheduled jobs once, now. */
    runJob: (name: string) => running.runJob(name),
    async query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const headers: Record<string, string> = { "content-type": "application/json", [IDENTITY_HEADER]: signer.sign(identity, definition.name) };
      if (fakes.length > 0) {
        // As the gateway does: a token for each peer, for the caller's identity, saying where the peer listens.
        const peerTokens = Object.fromEntries(fakes.map(([name, fake]) => [name, signer.sign(identity, name, { url: fake.url })]));
        headers[PEER_TOKENS_HEADER] = JSON.stringify(peerTokens);
      }
      const response = await fetch(running.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await Promise.all(fakes.map(([, fake]) => fake.close()));
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
