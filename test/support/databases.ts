import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { dropDatabase, subgraphDatabaseUrl, type SubgraphName } from "../../subgraphs/shared/src/database.js";

/** A fresh, uniquely named database per subgraph on the test server; dropped by `drop()`. */
export function freshDatabaseUrls(): { urls: Record<SubgraphName, string>; drop(): Promise<void> } {
  const server = new URL(inject("databaseServerUrl"));
  server.pathname = `/t${randomBytes(5).toString("hex")}`;
  const urls = {
    corporations: subgraphDatabaseUrl("corporations", server.toString(), {}),
    sdv: subgraphDatabaseUrl("sdv", server.toString(), {}),
    swt: subgraphDatabaseUrl("swt", server.toString(), {}),
  };
  return {
    urls,
    async drop() {
      await Promise.all(Object.values(urls).map((url) => dropDatabase(url).catch(() => undefined)));
    },
  };
}
