import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JWK } from "jose";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../gateway/src/auth/dev-issuer.js";
import { generateSigningKey, type SigningKey } from "../../gateway/src/auth/keys.js";
import { DEFAULT_CLAIMS, type UserTokenConfig } from "../../gateway/src/auth/user-token.js";
import { startLocalGraph, type LocalGraph } from "../../dev/local-graph.js";
import { dropDatabase, startEmbeddedPostgres, SUBGRAPHS, subgraphDatabaseUrl, type SubgraphName } from "../../subgraphs/shared/src/database.js";

/**
 * What every benchmark starts from: a PostgreSQL server (DATABASE_URL, or an embedded one in a
 * fresh folder), databases of their own on it (`<database>_<subgraph>`, dropped at the end), a
 * stand-in for the partners' identity provider and the gateway's signing key.
 */
export interface BenchEnvironment {
  /** The server URL with this run's database name: subgraphs use `<it>_<subgraph>` (subgraphDatabaseUrl). */
  databaseServerUrl: string;
  databaseUrls: Record<SubgraphName, string>;
  /** Signs the users' tokens, as a partner's identity provider would (signDevToken). */
  issuer: SigningKey;
  /** How the gateway verifies those tokens. */
  auth: UserTokenConfig;
  /** The gateway's key for the subgraph identity tokens, and its private JWK for a gateway in a process of its own. */
  signingKey: SigningKey;
  signingKeyJwk: JWK;
  supergraphPath: string;
  /** The embedded server's postmaster (its backends are its children); none for a server by URL. */
  postgresPid?: number;
  /** The graph in this process (startLocalGraph) on this environment's databases. */
  startGraph(options: { seedDemo: boolean; enforceAuthorization?: boolean }): Promise<LocalGraph>;
  /** Drops the databases and stops the embedded server. */
  close(): Promise<void>;
}

/** `databaseName` names this run's databases, e.g. `bench_<pid>`: letters, digits and underscores. */
export async function benchEnvironment(databaseName: string): Promise<BenchEnvironment> {
  let serverUrl = process.env.DATABASE_URL;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let embeddedFolder: string | undefined;
  if (!serverUrl) {
    embeddedFolder = mkdtempSync(path.join(tmpdir(), "ewg-bench-"));
    // The embedded server runs as the postgres user when started as root: it must enter the folder.
    chmodSync(embeddedFolder, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(embeddedFolder, "pg"), persistent: false });
    serverUrl = embedded.url;
  }
  const base = new URL(serverUrl);
  base.pathname = `/${databaseName}`;
  const databaseServerUrl = base.toString();
  const databaseUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphDatabaseUrl(name, databaseServerUrl, {})])) as Record<SubgraphName, string>;
  const issuer = (await generateSigningKey()).key;
  const gatewayKey = await generateSigningKey();
  const auth: UserTokenConfig = {
    keys: { jwks: issuer.jwks },
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    algorithms: ["ES256"],
    clockToleranceSeconds: 5,
    claims: DEFAULT_CLAIMS,
  };
  const supergraphPath = path.resolve("schema", "supergraph.graphql");
  return {
    databaseServerUrl,
    databaseUrls,
    issuer,
    auth,
    signingKey: gatewayKey.key,
    signingKeyJwk: gatewayKey.privateJwk,
    supergraphPath,
    ...(embeddedFolder ? { postgresPid: Number(readFileSync(path.join(embeddedFolder, "pg", "postmaster.pid"), "utf8").split("\n")[0]) } : {}),
    startGraph: ({ seedDemo, enforceAuthorization }) =>
      startLocalGraph({
        databaseServerUrl,
        databaseUrls,
        supergraphPath,
        gatewayPort: 0,
        subgraphPorts: { corporations: 0, sdv: 0, swt: 0 },
        signingKey: gatewayKey.key,
        auth,
        seedDemo,
        ...(enforceAuthorization === undefined ? {} : { enforceAuthorization }),
      }),
    async close() {
      await Promise.all(Object.values(databaseUrls).map((url) => dropDatabase(url).catch(() => undefined)));
      await embedded?.stop();
      if (embeddedFolder) rmSync(embeddedFolder, { recursive: true, force: true });
    },
  };
}

/** The p-th percentile of ascending values (NaN when there are none). */
export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/**
 * The V8 settings docker-compose.yml gives the processes (`NODE_OPTIONS` of the subgraphs' shared
 * environment, `&subgraph-env`, and of the gateway service), so that the benchmark runs them as they
 * are deployed. Read from the file's text: a service's block is the lines indented under its name.
 */
export function composeNodeOptions(composeText: string): { subgraphs: string; gateway: string } {
  const lines = composeText.split("\n");
  const nodeOptionsUnder = (header: RegExp, what: string): string => {
    const start = lines.findIndex((line) => header.test(line));
    if (start < 0) throw new Error(`docker-compose.yml has no ${what}.`);
    const indent = lines[start]!.search(/\S/);
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === "" || line.trim().startsWith("#")) continue;
      if (line.search(/\S/) <= indent) break;
      const match = /^\s+NODE_OPTIONS:\s*(.+?)\s*$/.exec(line);
      if (match) return match[1]!.replace(/^(["'])(.*)\1$/, "$2");
    }
    throw new Error(`docker-compose.yml sets no NODE_OPTIONS in ${what}.`);
  };
  return {
    subgraphs: nodeOptionsUnder(/^\s+environment: &subgraph-env\s*$/, "subgraph environment (environment: &subgraph-env)"),
    gateway: nodeOptionsUnder(/^ {2}gateway:\s*$/, "gateway service"),
  };
}

/** composeNodeOptions of the project's docker-compose.yml (the benchmark runs from the project's root). */
export function deployedNodeOptions(): { subgraphs: string; gateway: string } {
  return composeNodeOptions(readFileSync(path.resolve("docker-compose.yml"), "utf8"));
}
