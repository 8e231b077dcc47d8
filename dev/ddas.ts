import path from "node:path";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { MUNICIPALITIES } from "../subgraphs/shared/src/covenant/organisations.js";
import { isIsoDate } from "../subgraphs/shared/src/scalars.js";
import { loadDevIssuerKey, signDevToken } from "../gateway/src/auth/dev-issuer.js";
import { dataDir } from "../gateway/src/config.js";
import { runCli } from "./exit.js";

const USAGE = `Prints the DDAS-Vroegsignalering v1.2 export of one municipality as JSON.

  npm run -s ddas -- --municipality CODE --from YYYY-MM-DD --to YYYY-MM-DD [--url URL] [--token JWT]

  --municipality  CBS code: ${MUNICIPALITIES.map((m) => `${m.code} ${m.name}`).join(", ")}
  --from, --to    the period of signal dates, both days included, at most one year
  --url           the gateway (default http://127.0.0.1:$PORT/graphql, PORT 4000); when nothing answers
                  at the default, the local graph is started in this process for the export and stopped
                  after it (embedded PostgreSQL in $DATA_DIR/postgres, or DATABASE_URL; demo data unless
                  SEED_DEMO=false)
  --token         a token of the coordinator or of the municipality's SDV (default: a coordinator's
                  from the local development issuer in $DATA_DIR)

The document goes to standard output, messages and errors to standard error; the exit code is 1
when no document was printed. Use "npm run -s" so that npm's own lines stay out of the document.
`;

const EXPORT_QUERY = `query DdasExport($municipalityCode: String!, $from: Date!, $to: Date!) {
  ddasExport(municipalityCode: $municipalityCode, from: $from, to: $to)
}`;

export interface DdasCliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processOutput: DdasCliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

class UsageError extends Error {}

interface DdasCliOptions {
  municipality: string;
  from: string;
  to: string;
  url?: string;
  token?: string;
}

function parseOptions(argv: string[]): DdasCliOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        municipality: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        url: { type: "string" },
        token: { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  const missing = (["municipality", "from", "to"] as const).filter((name) => !values[name]);
  if (missing.length) throw new UsageError(`Give ${missing.map((name) => `--${name}`).join(", ")}.`);
  for (const name of ["from", "to"] as const) {
    if (!isIsoDate(values[name]!)) throw new UsageError(`--${name} must be a calendar date written as YYYY-MM-DD, got "${values[name]}".`);
  }
  if (values.url) {
    try {
      new URL(values.url);
    } catch {
      throw new UsageError(`--url "${values.url}" is not a URL.`);
    }
  }
  return { municipality: values.municipality!, from: values.from!, to: values.to!, url: values.url, token: values.token };
}

/** The local graph's gateway, where `npm start` serves it. */
export function defaultGatewayUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://127.0.0.1:${env.PORT ?? 4000}/graphql`;
}

/** True when anything answers HTTP at the URL's origin; a refused or unanswered connection is false. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(new URL("/health", url), { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** A coordinator's token from the local development issuer, short-lived: it serves this one export. */
async function coordinatorToken(env: NodeJS.ProcessEnv): Promise<string> {
  const key = await loadDevIssuerKey(dataDir(env));
  return signDevToken(key, { role: "COORDINATOR", orgs: MUNICIPALITIES.map((m) => m.code), sub: "dev-ddas-export", ttlSeconds: 600 });
}

/**
 * The whole graph in this process, as `npm start` runs it but on free ports and without scheduled
 * jobs, for one export. Its logs are silenced: standard output carries the document.
 */
async function startGraphInProcess(env: NodeJS.ProcessEnv, output: DdasCliOutput) {
  await import("reflect-metadata");
  const { logger } = await import("../subgraphs/shared/src/logger.js");
  logger.level = "silent";
  const { startEmbeddedPostgres } = await import("../subgraphs/shared/src/database.js");
  const { startLocalGraph } = await import("./local-graph.js");
  const { gatewaySigningKey, supergraphPath, userTokenConfig } = await import("../gateway/src/config.js");
  const dir = dataDir(env);
  let serverUrl = env.DATABASE_URL;
  const embedded = serverUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(dir, "postgres"),
        persistent: true,
        port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined,
      });
  serverUrl ??= embedded!.url;
  try {
    const graph = await startLocalGraph({
      databaseServerUrl: serverUrl,
      runScheduledJobs: false,
      supergraphPath: supergraphPath(env),
      gatewayPort: 0,
      subgraphPorts: { corporations: 0, sdv: 0, swt: 0 },
      host: "127.0.0.1",
      signingKey: await gatewaySigningKey(env, true),
      auth: await userTokenConfig(env),
      seedDemo: env.SEED_DEMO !== "false",
    });
    output.stderr(`The local graph answers at ${graph.gateway.url} for this export.\n`);
    return {
      url: graph.gateway.url,
      async stop() {
        await graph.close().catch(() => undefined);
        await embedded?.stop().catch(() => undefined);
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

interface GraphQLAnswer {
  data?: { ddasExport?: unknown } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * `npm run ddas`: asks the gateway for the DDAS export and prints the document. Answers the exit
 * code: 0 with a document on standard output, 1 with the reasons on standard error.
 */
export async function runDdasCli(argv: string[], env: NodeJS.ProcessEnv = process.env, output: DdasCliOutput = processOutput): Promise<number> {
  let local: Awaited<ReturnType<typeof startGraphInProcess>> | undefined;
  try {
    const options = parseOptions(argv);
    if (options === "help") {
      output.stdout(USAGE);
      return 0;
    }
    let url = options.url ?? defaultGatewayUrl(env);
    if (!options.url && !(await answers(url))) {
      output.stderr(`Nothing answers at ${url}; starting the local graph in this process.\n`);
      local = await startGraphInProcess(env, output);
      url = local.url;
    }
    const token = options.token ?? (await coordinatorToken(env));
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: EXPORT_QUERY,
          operationName: "DdasExport",
          variables: { municipalityCode: options.municipality, from: options.from, to: options.to },
        }),
      });
    } catch (error) {
      output.stderr(`The gateway at ${url} could not be reached (${error instanceof Error ? error.message : String(error)}).\n`);
      return 1;
    }
    let answer: GraphQLAnswer;
    try {
      answer = (await response.json()) as GraphQLAnswer;
    } catch {
      output.stderr(`The gateway at ${url} answered HTTP ${response.status} without a GraphQL response.\n`);
      return 1;
    }
    if (answer.errors?.length) {
      for (const error of answer.errors) output.stderr(`${error.extensions?.code ?? "ERROR"}: ${error.message}\n`);
      return 1;
    }
    const document = answer.data?.ddasExport;
    if (!response.ok || document === undefined || document === null) {
      output.stderr(`The gateway at ${url} answered HTTP ${response.status} without an export.\n`);
      return 1;
    }
    output.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`${error.message}\n\n${USAGE}`);
    } else {
      output.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 1;
  } finally {
    await local?.stop();
  }
}

function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  runCli(() => runDdasCli(process.argv.slice(2)));
}
