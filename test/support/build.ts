import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

/** Where a test run compiles the project once for the tests that run its programs (CLIs, `npm start`). */
export const BUILD_ROOT = path.resolve(".test-build");

/**
 * Compiles the project with tsc, once per test run, into `.test-build/<run>` (inside the project,
 * so the compiled programs find node_modules), and returns that folder. Test files run in parallel
 * processes: the first to ask builds under a lock, the others wait for it. The run's global setup
 * removes the folder at the end.
 */
export async function builtProject(run: string): Promise<string> {
  const outDir = path.join(BUILD_ROOT, run);
  const done = path.join(outDir, ".complete");
  const failed = path.join(outDir, ".failed");
  mkdirSync(BUILD_ROOT, { recursive: true });
  let owner = false;
  try {
    mkdirSync(`${outDir}.lock`);
    owner = true;
  } catch {
    // Another test file builds it.
  }
  if (owner) {
    try {
      await promisify(execFile)(
        process.execPath,
        [path.resolve("node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--outDir", outDir, "--incremental", "false", "--tsBuildInfoFile", "null"],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      writeFileSync(done, "");
    } catch (error) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(failed, String((error as { stdout?: string }).stdout ?? error));
      throw error;
    }
    return outDir;
  }
  // Bounded: a build takes well under a minute; give up after five.
  for (let waited = 0; waited < 300_000; waited += 250) {
    if (existsSync(done)) return outDir;
    if (existsSync(failed)) throw new Error(`The project did not compile; see ${failed}.`);
    await sleep(250);
  }
  throw new Error("Timed out waiting for the project to compile.");
}

/** Removes a run's build (from the global teardown). */
export function removeBuild(run: string): void {
  rmSync(path.join(BUILD_ROOT, run), { recursive: true, force: true });
  rmSync(path.join(BUILD_ROOT, `${run}.lock`), { recursive: true, force: true });
}
