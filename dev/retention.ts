import "reflect-metadata";
import { existsSync } from "node:fs";
import path from "node:path";
import type { DataSource } from "typeorm";
import { openDataSource, startEmbeddedPostgres, subgraphDatabaseUrl, type EmbeddedServer, type SubgraphName } from "../subgraphs/shared/src/database.js";
import type { SubgraphDefinition } from "../subgraphs/shared/src/subgraph-server.js";
import { sdvSubgraph } from "../subgraphs/sdv/src/index.js";
import { RETENTION_JOB as SDV_RETENTION_JOB, runRetention as runSdvRetention } from "../subgraphs/sdv/src/retention/retention.service.js";
import { swtSubgraph } from "../subgraphs/swt/src/index.js";
import { runRetention as runSwtRetention } from "../subgraphs/swt/src/retention/retention.service.js";
import { RETENTION_JOB as SWT_RETENTION_JOB } from "../subgraphs/swt/src/retention/retention.job.js";
import { runExclusively } from "../subgraphs/shared/src/job-lock.js";
import { dataDir } from "../gateway/src/config.js";
import { runCli } from "./exit.js";

/**
 * The subgraphs that keep a municipality's copies of personal data, each with its own retention
 * periods (signals that led to no case, closed cases, idle household profiles). The corporations
 * subgraph holds the corporations' own records, which no retention period of the covenant ends.
 */
const RETENTIONS: { name: SubgraphName; definition: SubgraphDefinition<any>; job: string; run: (db: DataSource) => Promise<Record<string, number>> }[] = [
  { name: "sdv", definition: sdvSubgraph, job: SDV_RETENTION_JOB, run: (db) => runSdvRetention(db) },
  { name: "swt", definition: swtSubgraph, job: SWT_RETENTION_JOB, run: (db) => runSwtRetention(db) },
];

/**
 * `npm run retention`: erases once, now, what is past its retention period in every subgraph that
 * has one, as the subgraphs' scheduled job does every RETENTION_INTERVAL_HOURS, and prints what it
 * erased per subgraph and table as JSON. Starts no server.
 *
 * It finds the databases the way the subgraphs do: `<NAME>_DATABASE_URL`, or the server of
 * DATABASE_URL with a database per subgraph. Without either it uses the embedded PostgreSQL that
 * `npm start` keeps in DATA_DIR (stop `npm start` first: the two cannot share its data folder).
 * Migrations run first, as at a subgraph's start, so the tables are those this code expects.
 * It takes the same lock as the scheduled job: a subgraph whose replica is running its retention
 * right now is left to it, listed under "skipped".
 */
async function main() {
  const env = process.env;
  let embedded: EmbeddedServer | undefined;
  let serverUrl = env.DATABASE_URL;
  const missing = RETENTIONS.filter(({ name }) => !env[`${name.toUpperCase()}_DATABASE_URL`]);
  if (!serverUrl && missing.length > 0) {
    const folder = path.join(dataDir(env), "postgres");
    if (!existsSync(path.join(folder, "PG_VERSION"))) {
      throw new Error(
        `A database URL is needed: set DATABASE_URL to the PostgreSQL server of the subgraphs, or ` +
          `${missing.map(({ name }) => `${name.toUpperCase()}_DATABASE_URL`).join(" and ")}. ` +
          `Without them retention runs on the embedded PostgreSQL of \`npm start\`, but ${folder} holds none.`,
      );
    }
    embedded = await startEmbeddedPostgres({ dataDir: folder, persistent: true, port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined });
    serverUrl = embedded.url;
  }
  try {
    const erased: Record<string, Record<string, number>> = {};
    const skipped: string[] = [];
    for (const { name, definition, job, run } of RETENTIONS) {
      const url = env[`${name.toUpperCase()}_DATABASE_URL`] ?? subgraphDatabaseUrl(name, serverUrl!, env);
      const { dataSource } = await openDataSource({ url, entities: definition.entities, migrations: definition.migrations, poolSize: 2 });
      try {
        const turn = await runExclusively(dataSource, job, () => run(dataSource));
        if (turn.ran) erased[name] = turn.result;
        else {
          skipped.push(name);
          process.stderr.write(`${name}: a running replica is erasing right now (job ${job}); left to it.\n`);
        }
      } finally {
        await dataSource.destroy();
      }
    }
    process.stdout.write(`${JSON.stringify(skipped.length ? { erased, skipped } : { erased }, null, 2)}\n`);
  } finally {
    await embedded?.stop();
  }
}

runCli(main);
