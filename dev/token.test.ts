import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDevIssuerKey, DEV_AUDIENCE, DEV_ISSUER } from "../gateway/src/auth/dev-issuer.js";
import { createUserTokenVerifier, DEFAULT_CLAIMS } from "../gateway/src/auth/user-token.js";

const run = promisify(execFile);

/** Runs the built token CLI as a developer would (`npm run token -- ...`), through a pipe. */
async function token(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/dev/token.js", ...args], { env: { ...process.env, DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the development token CLI", () => {
  let dataDir: string;
  beforeAll(async () => {
    await run("npm", ["run", "build", "--silent"], { cwd: process.cwd() });
    dataDir = mkdtempSync(path.join(os.tmpdir(), "token-cli-"));
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints a token the gateway accepts for claims that fit", async () => {
    const verify = createUserTokenVerifier({
      keys: { jwks: (await loadDevIssuerKey(dataDir)).jwks },
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      algorithms: ["ES256"],
      clockToleranceSeconds: 5,
      claims: DEFAULT_CLAIMS,
    });
    for (const [args, expected] of [
      [["--role", "SWT", "--org", "0392", "--team", "haarlem-schalkwijk"], { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" }],
      [["--role", "BUDGET_COACH", "--org", "0392,0473", "--team", "budget-coach"], { role: "BUDGET_COACH", team: "budget-coach" }],
      [["--role", "CORPORATION", "--org", "pre-wonen"], { role: "CORPORATION", orgs: ["pre-wonen"] }],
    ] as const) {
      const result = await token(dataDir, ...args);
      expect(result.code, result.stderr).toBe(0);
      await expect(verify(`Bearer ${result.stdout.trim()}`)).resolves.toMatchObject(expected);
    }
  });

  it("refuses claims that do not fit, with exit code 1, no token and a message naming the claim", async () => {
    for (const [args, message] of [
      [
        ["--role", "SWT", "--org", "0473", "--team", "haarlem-schalkwijk"],
        /--team claim names "haarlem-schalkwijk", a team of 0392, which is none of the token's organisations \(0473\)/,
      ],
      [["--role", "SWT", "--org", "0392", "--team", "budget-coach"], /--team claim names "budget-coach", which does not fit the role SWT/],
      [["--role", "BUDGET_COACH", "--org", "0392", "--team", "haarlem-oost"], /which does not fit the role BUDGET_COACH/],
      [["--role", "SDV", "--org", "0392", "--team", "haarlem-oost"], /the role SDV belongs to no team/],
      [["--role", "CORPORATION", "--org", "0392"], /--org claim names "0392", which is not a corporation of the covenant/],
      [["--role", "ANALYST", "--org", "elan-wonen"], /--org claim names "elan-wonen", which is not a municipality/],
      [["--role", "SWT", "--org", "0392"], /--team claim is missing/],
      [["--role", "COORDINATOR"], /--org claim is empty/],
    ] as const) {
      const result = await token(dataDir, ...args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(message);
    }
  });
});
