import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { builtProject } from "./support/build.js";

/**
 * `npm run bench:compare` in a smoke run: runs of one second, through a pipe as a CI log or an
 * issue note takes it. Only that it runs and what it prints is checked here, never how fast.
 */
describe("npm run bench:compare", () => {
  it(
    "starts the subgraphs, the project's gateway and Hive Gateway as separate processes, finds every answer identical and authorization on in both, and prints the table for every set-up",
    { timeout: 600_000 },
    async () => {
      const build = await builtProject(inject("testRun"));
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.TEST_CLOCK;
      const child = spawn(
        process.execPath,
        [
          path.join(build, "test/bench/compare.js"),
          "--quick",
          "--rounds",
          "1",
          "--seconds",
          "1",
          "--connections",
          "1,2",
          "--warmup-seconds",
          "1",
          "--memory-requests",
          "60",
          "--memory-seconds",
          "20",
        ],
        { env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));

      expect(code, `${stdout}\n${stderr}`).toBe(0);
      expect(stdout).toMatch(/single subgraph: 20 signals with priority \(sdv\): identical \(project gateway, Hive Gateway, subgraph directly;/);
      expect(stdout).toMatch(/cross-partner: 20 signals with tenant names and case status: identical \(project gateway, Hive Gateway;/);
      expect(stdout).toMatch(/100 signals with priority, tenant, arrears and case: identical \(project gateway, Hive Gateway;/);
      expect(stdout).toMatch(/^ {2}project gateway: no token refused \(HTTP \d+\); the SDV asking case notes refused \(/m);
      expect(stdout).toMatch(/^ {2}Hive Gateway: no token refused \(HTTP \d+\); the SDV asking case notes refused \(/m);
      expect(stdout).toContain("query | conn | set-up | req/s | p50 ms | p99 ms | CPU ms/req (gateway or subgraph) | subgraphs CPU ms/req | PostgreSQL CPU ms/req | errors | load");
      // PostgreSQL's CPU is read for the embedded server only; a server by URL may be elsewhere.
      const postgresCpu = process.env.DATABASE_URL ? "n/a" : "\\d+\\.\\d\\d";
      for (const setup of ["project gateway", "Hive Gateway", "subgraph directly"]) {
        expect(stdout).toMatch(
          new RegExp(
            `^single subgraph: 20 signals with priority \\(sdv\\) \\| 1 \\| ${setup} \\| \\d+ \\[[\\d–]+\\] \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| ${postgresCpu} \\| 0 \\| `,
            "m",
          ),
        );
        expect(stdout).toMatch(new RegExp(`^single subgraph: 20 signals with priority \\(sdv\\) \\| 2 \\| ${setup} \\| \\d+ `, "m"));
      }
      for (const query of ["cross-partner: 20 signals with tenant names and case status", "100 signals with priority, tenant, arrears and case"]) {
        for (const setup of ["project gateway", "Hive Gateway"]) expect(stdout).toMatch(new RegExp(`^${query} \\| 1 \\| ${setup} \\| `, "m"));
      }
      expect(stdout).toMatch(/project gateway \/ Hive Gateway req\/s [\d.]+×/);
      expect(stdout).toMatch(/project gateway \/ subgraph directly req\/s [\d.]+×/);
      expect(stdout).toMatch(/memory of the project gateway \(VmRSS\): [\d.]+ MiB after \d+ requests/);
      expect(stdout).toMatch(/^ {2}after a full collection at each checkpoint: [\d.]+, [\d.]+ MiB$/m);
      expect(stdout).toContain("errors in all runs: 0");
    },
  );

  it("refuses a query name it does not know before starting anything, naming the ones it knows", async () => {
    const build = await builtProject(inject("testRun"));
    const child = spawn(process.execPath, [path.join(build, "test/bench/compare.js"), "--queries", "single-subgraph,everything"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).not.toBe(0);
    expect(output).toContain("--queries takes a comma-separated list of single-subgraph, cross-partner, 100-signals; not known: everything.");
    expect(output).not.toContain("starting 3 subgraphs");
  });
});
