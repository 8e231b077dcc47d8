import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/*
 * The container image holds the production program only: the gateway and the subgraphs. Tests,
 * fixtures, the test support, the benchmarks and the development tools (dev/: the local launcher and
 * the command-line tools) are compiled by `npm run build` for the tests and `npm start`, never by
 * `npm run build:production`, which the Dockerfile runs. What a production file imports is compiled
 * with it whatever the exclusions say, so this also fails when production code imports a test file.
 * (Which folder may import which is ESLint's `no-restricted-imports`, run by `npm run lint`.)
 */

/** The project's own files the production build compiles, relative to the project. */
async function productionFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.resolve("node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--listFilesOnly"], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout
    .split("\n")
    .filter((line) => line && !line.includes("/node_modules/"))
    .map((line) => path.relative(process.cwd(), line).split(path.sep).join("/"));
}

/** Whether a file is a test, a fixture, test support, a benchmark or a development tool. */
function isNotProduction(file: string): boolean {
  return /(^|\/)(test|dev)\//.test(file) || /\.(test|fixture)\.ts$/.test(file) || /(^|\/)testing\.ts$/.test(file) || file.startsWith("subgraphs/shared/src/tools/");
}

describe("the production build", () => {
  it("compiles the gateway and the subgraphs and no test, fixture or development tool", async () => {
    const files = await productionFiles();
    expect(files).toContain("gateway/src/main.ts");
    for (const subgraph of ["corporations", "sdv", "swt"]) expect(files).toContain(`subgraphs/${subgraph}/src/main.ts`);
    expect(files.filter(isNotProduction)).toEqual([]);
  });

  it("tells a test, a fixture and a development tool from production code", () => {
    for (const file of [
      "test/support/subgraph.ts",
      "subgraphs/sdv/src/intake/intake.fixture.ts",
      "subgraphs/swt/src/testing.ts",
      "dev/local-graph.ts",
      "gateway/src/config.test.ts",
    ]) {
      expect(isNotProduction(file), file).toBe(true);
    }
    for (const file of ["gateway/src/server.ts", "gateway/src/auth/dev-issuer.ts", "subgraphs/shared/src/demo/world.ts", "subgraphs/sdv/src/signal-read/signal.service.ts"]) {
      expect(isNotProduction(file), file).toBe(false);
    }
  });

  it("is the build the container image runs, without the tests or the development tools", () => {
    const dockerfile = readFileSync("gateway/Dockerfile", "utf8");
    expect(dockerfile).toMatch(/RUN npm run build:production\b/);
    expect(dockerfile).not.toMatch(/^COPY\s+(test|dev)\b/m);
  });
});
