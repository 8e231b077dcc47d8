import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../subgraphs/shared/src/database.js";
import { removeBuild } from "./build.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    /** This test run's name, for what the run's files share (the compiled project, see build.ts). */
    testRun: string;
  }
}

// The main test process's id names this run: every project of the configuration shares it.
const run = `run-${process.pid}`;

let server: Promise<{ url: string; embedded?: EmbeddedServer }> | undefined;
let projects = 0;

/**
 * Tests run against a real PostgreSQL: the server of DATABASE_URL when given, otherwise an embedded
 * one started here in a temporary folder on a free port (so a running `npm start` is not disturbed).
 * Each test file makes its own databases on it. The configuration's projects (the suite now, and at
 * fixed moments) share one server; the last project to finish stops it.
 */
export async function setup(project: TestProject) {
  projects += 1;
  server ??= startServer();
  project.provide("databaseServerUrl", (await server).url);
  project.provide("testRun", run);
  return async () => {
    projects -= 1;
    if (projects > 0) return;
    removeBuild(run);
    await (await server)?.embedded?.stop();
  };
}

async function startServer(): Promise<{ url: string; embedded?: EmbeddedServer }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const parent = mkdtempSync(path.join(tmpdir(), "ewg-test-"));
  // As root, PostgreSQL runs as the postgres user, who must be able to enter the folder.
  chmodSync(parent, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), persistent: false });
  return { url: embedded.url, embedded };
}
