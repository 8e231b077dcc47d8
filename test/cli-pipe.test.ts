import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/*
 * The command-line tools as a user runs them: the built program in a process of its own, its
 * standard output read through a pipe, as in `npm run -s ddas ... | jq`. A pipe holds 64 KiB; a tool
 * that ends before the reader took the rest loses it, which a file redirect would hide.
 */

const PIPE_CAPACITY = 64 * 1024;

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a built CLI in a shell pipeline, `node dist/dev/<script> ... | consumer`, through
 * a real pipe (Node's own child-process pipes are socket pairs, which hold far more). The consumer
 * is slow: it reads nothing for the first half second, long after the tool has written, then
 * everything until the pipe closes. The exit code is the tool's (pipefail; the consumer ends 0).
 */
function runThroughPipe(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The tools' own environment, not the test runner's (which silences the logs).
    const { VITEST: _runner, VITEST_POOL_ID: _pool, VITEST_WORKER_ID: _worker, ...own } = process.env;
    const child = spawn("bash", ["-c", 'set -o pipefail; "$0" "$@" | { sleep 0.5; cat; }', process.execPath, path.join("dist", "dev", script), ...args], {
      env: { ...own, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

describe("the command-line tools write everything before they end, through a pipe", () => {
  let graph: TestGraph;
  let coordinator: string;
  // An empty data folder: no development issuer, no embedded database of a running `npm start`.
  const emptyDataDir = mkdtempSync(path.join(tmpdir(), "ewg-cli-"));

  beforeAll(async () => {
    execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
    graph = await startTestGraph({ seedDemo: true });
    coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator-cli" });
  });
  afterAll(() => graph?.stop());

  for (const [code, name] of [
    ["0392", "Haarlem"],
    ["0473", "Zandvoort"],
  ] as const) {
    it(`prints ${name}'s whole DDAS export into a pipe, as one JSON document`, async () => {
      const run = await runThroughPipe("ddas.js", ["--url", graph.url, "--token", coordinator, "--municipality", code, "--from", "2026-01-01", "--to", "2026-12-31"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const text = run.stdout.toString("utf8");
      expect(text.endsWith("}\n")).toBe(true);
      const document = JSON.parse(text) as { leveringen: { gemeentecode: string; vroegsignalen: unknown[] }[] };
      expect(document.leveringen[0]!.gemeentecode).toBe(code);
      expect(document.leveringen[0]!.vroegsignalen.length).toBeGreaterThan(0);
    });
  }

  it("prints an export larger than what a pipe holds, to the last byte", async () => {
    const run = await runThroughPipe("ddas.js", ["--url", graph.url, "--token", coordinator, "--municipality", "0392", "--from", "2026-01-01", "--to", "2026-12-31"]);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(PIPE_CAPACITY);
    expect(() => JSON.parse(run.stdout.toString("utf8"))).not.toThrow();
  });

  it("ends with exit code 1 and nothing on standard output when the gateway refuses the export", async () => {
    const swt = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-cli" });
    const run = await runThroughPipe("ddas.js", ["--url", graph.url, "--token", swt, "--municipality", "0392", "--from", "2026-01-01", "--to", "2026-12-31"]);
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });

  it("ends with exit code 1 and says what to fix when an argument is wrong", async () => {
    for (const args of [["--municipality", "0392", "--from", "2026-13-01", "--to", "2026-12-31"], ["--from", "2026-01-01", "--to", "2026-12-31"], ["--unknown"]]) {
      const run = await runThroughPipe("ddas.js", ["--url", graph.url, ...args]);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stdout.length).toBe(0);
      expect(run.stderr).toContain("npm run -s ddas");
    }
  });

  it("ends with exit code 1 when nothing answers at the gateway's address", async () => {
    const run = await runThroughPipe("ddas.js", [
      "--url",
      "http://127.0.0.1:9/graphql",
      "--token",
      coordinator,
      "--municipality",
      "0392",
      "--from",
      "2026-01-01",
      "--to",
      "2026-12-31",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toContain("could not be reached");
  });

  it("prints a development token into a pipe, and fails with exit code 1 on an unknown role", async () => {
    const token = await runThroughPipe("token.js", ["--role", "SDV", "--org", "0392"], { DATA_DIR: emptyDataDir });
    expect(token.code).toBe(0);
    expect(token.stdout.toString("utf8")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const refused = await runThroughPipe("token.js", ["--role", "MAYOR"], { DATA_DIR: emptyDataDir });
    expect(refused.code).toBe(1);
    expect(refused.stdout.length).toBe(0);
    expect(refused.stderr).toContain("--role must be one of");
  });

  it("prints what retention erased into a pipe, and fails with exit code 1 without a database", async () => {
    const run = await runThroughPipe("retention.js", [], { SDV_DATABASE_URL: graph.databaseUrls.sdv, SWT_DATABASE_URL: graph.databaseUrls.swt, DATABASE_URL: "" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString("utf8"))).toHaveProperty("erased.sdv");
    const failed = await runThroughPipe("retention.js", [], { DATA_DIR: emptyDataDir, DATABASE_URL: "", SDV_DATABASE_URL: "", SWT_DATABASE_URL: "" });
    expect(failed.code).toBe(1);
    expect(failed.stdout.length).toBe(0);
    expect(failed.stderr).toContain("A database URL is needed");
  });
});
