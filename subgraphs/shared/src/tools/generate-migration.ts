import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DataSource } from "typeorm";
import { dropDatabase, ensureDatabase, SnakeNamingStrategy, startEmbeddedPostgres, subgraphDatabaseUrl, type SubgraphName } from "../database.js";

/**
 * Writes a migration with the SQL that brings the database of the migrations so far up to the
 * entities. Usage: npm run migration:generate -- <corporations|sdv|swt> <Name>
 * Uses DATABASE_URL when set, otherwise a throw-away embedded PostgreSQL.
 */
async function main() {
  const [subgraph, name] = process.argv.slice(2) as [SubgraphName, string];
  if (!subgraph || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error("usage: migration:generate <corporations|sdv|swt> <PascalCaseName>");
  }
  // Runs from the compiled tree (decorator metadata needs the TypeScript compiler), writes into the source.
  const root = path.resolve("subgraphs", subgraph, "src");
  const compiled = path.resolve("dist", "subgraphs", subgraph, "src");
  const { entities } = (await import(path.join(compiled, "entities.js"))) as { entities: Function[] };
  const { migrations } = (await import(path.join(compiled, "migrations", "index.js"))) as { migrations: Function[] };
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: `/tmp/ewg-migration-${process.pid}`, persistent: false });
  const server = process.env.DATABASE_URL ?? embedded!.url;
  const url = subgraphDatabaseUrl(subgraph, server.replace(/\/[^/]*$/, `/migration_${process.pid}`), {});
  await ensureDatabase(url);
  const db = new DataSource({ type: "postgres", url, entities, migrations, uuidExtension: "pgcrypto", namingStrategy: new SnakeNamingStrategy() });
  try {
    await db.initialize();
    await db.runMigrations();
    const sql = await db.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log("The entities match the migrations; nothing to generate.");
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const q = (items: { query: string; parameters?: unknown[] }[]) =>
      items.map((item) => `    await queryRunner.query(${JSON.stringify(item.query)}${item.parameters?.length ? `, ${JSON.stringify(item.parameters)}` : ""});`).join("\n");
    const file = path.join(root, "migrations", `${timestamp}-${name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
  name = "${className}";

  public async up(queryRunner: QueryRunner): Promise<void> {
${q(sql.upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${q(sql.downQueries.reverse())}
  }
}
`,
    );
    console.log(`Wrote ${path.relative(process.cwd(), file)}; add ${className} to migrations/index.ts.`);
  } finally {
    if (db.isInitialized) await db.destroy();
    await dropDatabase(url).catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
