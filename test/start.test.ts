import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../subgraphs/shared/src/database.js";
import { builtProject } from "./support/build.js";

/**
 * `npm start` as an operator runs it: the compiled graph in its own process, on its own embedded
 * PostgreSQL. Its exit code is what a service manager or a script acts on.
 */
describe("npm start's exit codes", () => {
  let build: string;
  let dataDir: string;

  beforeAll(async () => {
    build = await builtProject(inject("testRun"));
    dataDir = mkdtempSync(path.join(tmpdir(), "ewg-start-"));
    chmodSync(dataDir, 0o755);
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(env: Record<string, string>) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "false", SCHEDULED_JOBS: "false", LOG_LEVEL: "error", ...env };
    delete childEnv.DATABASE_URL;
    delete childEnv.TEST_CLOCK;
    delete childEnv.NODE_ENV;
    const child = spawn(process.execPath, [path.join(build, "dev/start.js")], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  async function ports() {
    return {
      PORT: String(await freePort()),
      CORPORATIONS_PORT: String(await freePort()),
      SDV_PORT: String(await freePort()),
      SWT_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
  }

  function postgresStopped(): boolean {
    return !existsSync(path.join(dataDir, "postgres", "postmaster.pid")) || !alive(Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]));
  }

  it("a graph that cannot start (its port is taken) exits non-zero and says why, and stops its PostgreSQL", { timeout: 180_000 }, async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = start({ ...(await ports()), PORT: String(port) });
      const code = await run.exited;
      expect(code, run.output()).not.toBe(0);
      expect(run.output()).toMatch(/failed to start/);
      expect(run.output()).toMatch(/EADDRINUSE/);
      await waitFor(postgresStopped);
    } finally {
      taken.close();
    }
  });

  it("a graph that started prints the explorer's address, serves it there, and asked to stop (SIGTERM) exits 0, with its PostgreSQL stopped", { timeout: 180_000 }, async () => {
    const given = await ports();
    const run = start(given);
    await waitFor(() => run.output().includes("Early-warning graph is running"), 90_000);
    const explorer = `http://127.0.0.1:${given.PORT}/explore`;
    expect(run.output()).toContain(`Explorer     ${explorer}`);
    const page = await fetch(explorer);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/static/vendor/graphiql.min.js");
    run.child.kill("SIGTERM");
    expect(await run.exited, run.output()).toBe(0);
    await waitFor(postgresStopped);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, ms = 30_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("condition not met in time");
}
