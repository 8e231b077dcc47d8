import { readFileSync } from "node:fs";
import { SUBGRAPHS, subgraphDatabaseUrl, type SubgraphName } from "../subgraphs/shared/src/database.js";
import { buildDemoWorld } from "../subgraphs/shared/src/demo/world.js";
import { seedDemoOnce } from "../subgraphs/shared/src/demo/seed-once.js";
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from "../subgraphs/shared/src/subgraph-server.js";
import { serviceKey, type ServiceKey } from "../subgraphs/shared/src/service-token.js";
import { corporationsSubgraph } from "../subgraphs/corporations/src/index.js";
import { sdvSubgraph } from "../subgraphs/sdv/src/index.js";
import { swtSubgraph } from "../subgraphs/swt/src/index.js";
import { GatewayTokenSigner } from "../gateway/src/auth/gateway-token.js";
import type { SigningKey } from "../gateway/src/auth/keys.js";
import type { UserTokenConfig } from "../gateway/src/auth/user-token.js";
import type { SignInConfig } from "../gateway/src/config.js";
import { createGateway, type MetricsOptions, type RunningGateway } from "../gateway/src/server.js";

export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any>> = {
  corporations: corporationsSubgraph,
  sdv: sdvSubgraph,
  swt: swtSubgraph,
};

export interface LocalGraphOptions {
  /** A PostgreSQL server URL; each subgraph gets its own database on it. */
  databaseServerUrl: string;
  /** Per-subgraph URLs that take precedence (CORPORATIONS_DATABASE_URL, ...). */
  databaseUrls?: Partial<Record<SubgraphName, string>>;
  supergraphPath: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  host?: string;
  signingKey: SigningKey;
  auth: UserTokenConfig;
  seedDemo: boolean;
  /** Only the benchmark turns this off, to measure what field authorization costs. */
  enforceAuthorization?: boolean;
  /** The gateway's single-fetch shortcut (gateway/src/single-fetch.ts); on unless false. */
  singleFetchShortcut?: boolean;
  /** Run the subgraphs' scheduled jobs (retention); `npm start` does, tests do not. */
  runScheduledJobs?: boolean;
  /** Prepare the statements the subgraphs run again and again (default true). */
  preparedStatements?: boolean;
  /** Where the gateway serves /metrics (a port of its own); none: not served. */
  metrics?: MetricsOptions;
  /** How a person signs in from the gateway's pages; none when not given. */
  signIn?: SignInConfig;
}

export interface LocalGraph {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  close(): Promise<void>;
}

/**
 * The whole graph in one process, each part on its own port and talking real HTTP: what
 * `npm start` runs and what end-to-end tests start. Production runs the parts as separate
 * processes (see docker-compose.yml), with the same code.
 */
export async function startLocalGraph(options: LocalGraphOptions): Promise<LocalGraph> {
  const signer = new GatewayTokenSigner(options.signingKey);
  const started: RunningSubgraph[] = [];
  try {
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    const world = options.seedDemo ? buildDemoWorld() : undefined;
    // Each subgraph signs its own scheduled calls to the others (the erasure after an objection, sdv's case opening)
    // with a key of its own; the others trust it for the fields they list (service-token.ts).
    const keys = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await serviceKey()] as const))) as Record<SubgraphName, ServiceKey>;
    for (const name of SUBGRAPHS) {
      const definition = SUBGRAPH_DEFINITIONS[name];
      const running = await startSubgraph(definition, {
        databaseUrl: options.databaseUrls?.[name] ?? subgraphDatabaseUrl(name, options.databaseServerUrl),
        port: options.subgraphPorts[name],
        host: options.host,
        gatewayKeys: { jwks: signer.jwks },
        runScheduledJobs: options.runScheduledJobs,
        preparedStatements: options.preparedStatements,
        serviceKey: keys[name],
        peerUrls: () => Object.fromEntries(Object.entries(subgraphs).map(([peer, running]) => [peer, running.url])),
        trustedServices: Object.fromEntries(SUBGRAPHS.filter((peer) => peer !== name).map((peer) => [peer, { jwks: keys[peer].jwks }])),
      });
      started.push(running);
      subgraphs[name] = running;
      if (world && definition.seedDemo) await seedDemoOnce(running.dataSource, world, definition.seedDemo);
    }
    const gateway = await createGateway({
      supergraphSdl: readFileSync(options.supergraphPath, "utf8"),
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])),
      auth: options.auth,
      signer,
      port: options.gatewayPort,
      host: options.host,
      enforceAuthorization: options.enforceAuthorization,
      singleFetchShortcut: options.singleFetchShortcut,
      metrics: options.metrics,
      signIn: options.signIn,
    });
    return {
      gateway,
      subgraphs,
      async close() {
        await gateway.close();
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close().catch(() => undefined)));
    throw error;
  }
}
