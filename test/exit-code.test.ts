import { spawn } from "node:child_process";
import { describe, expect, inject, it } from "vitest";

const FIXTURE = "test/support/exit-code/outcome.fixture.ts";

/** Runs the README's test command on the fixture alone, in a child process, and returns its exit code. */
function npmTest(outcome: "pass" | "fail", databaseUrl: string | undefined): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_EXIT_CODE_FIXTURE: FIXTURE, TEST_EXIT_CODE_OUTCOME: outcome };
  delete env.DATABASE_URL;
  delete env.TEST_CLOCK;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  delete env.NODE_ENV;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["test", "--", "--project", "now", FIXTURE], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("npm test tells the truth about the tests it runs", () => {
  it("a failing test makes it exit non-zero on the embedded PostgreSQL, and a passing one exits 0", { timeout: 300_000 }, async () => {
    const failed = await npmTest("fail", undefined);
    expect(failed.output).toMatch(/Tests\s+.*1 failed/);
    expect(failed.code, failed.output).not.toBe(0);
    const passed = await npmTest("pass", undefined);
    expect(passed.output).toMatch(/Tests\s+.*1 passed/);
    expect(passed.code, passed.output).toBe(0);
  });

  it("the same on a PostgreSQL server given by DATABASE_URL", { timeout: 300_000 }, async () => {
    const server = inject("databaseServerUrl");
    const failed = await npmTest("fail", server);
    expect(failed.output).toMatch(/Tests\s+.*1 failed/);
    expect(failed.code, failed.output).not.toBe(0);
    const passed = await npmTest("pass", server);
    expect(passed.code, passed.output).toBe(0);
  });
});
