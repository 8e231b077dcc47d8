import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../subgraphs/shared/src/database.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

let embedded: EmbeddedServer | undefined;

/**
 * Tests run against a real PostgreSQL: the server of DATABASE_URL when given, otherwise an embedded
 * one started here in a temporary folder on a free port (so a running `npm start` is not disturbed).
 * Each test file makes its own databases on it.
 */
export async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const parent = mkdtempSync(path.join(tmpdir(), "ewg-test-"));
    // As root, PostgreSQL runs as the postgres user, who must be able to enter the folder.
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "pg");
    embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
    url = embedded.url;
  }
  project.provide("databaseServerUrl", url);
}

export async function teardown() {
  await embedded?.stop();
}
