import { afterAll, describe, expect, it } from "vitest";
import { openDataSource, SUBGRAPHS } from "../subgraphs/shared/src/database.js";
import { SUBGRAPH_DEFINITIONS } from "../dev/local-graph.js";
import { freshDatabaseUrls } from "./support/databases.js";

describe("migrations", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  for (const name of SUBGRAPHS) {
    it(`build the ${name} database from empty, leave nothing for the entities to add, and change nothing when run again`, async () => {
      const definition = SUBGRAPH_DEFINITIONS[name];
      const first = await openDataSource({ url: databases.urls[name], entities: definition.entities, migrations: definition.migrations });
      const applied = await first.dataSource.query(`select count(*)::int as count from migrations`);
      expect(applied[0].count).toBe((definition.migrations as unknown[]).length);
      // The entities and the migrated tables agree: a schema change without a migration fails here.
      const pending = await first.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      await first.dataSource.destroy();

      const second = await openDataSource({ url: databases.urls[name], entities: definition.entities, migrations: definition.migrations });
      expect(await second.dataSource.showMigrations()).toBe(false);
      const again = await second.dataSource.query(`select count(*)::int as count from migrations`);
      expect(again[0].count).toBe(applied[0].count);
      await second.dataSource.destroy();
    });
  }
});
