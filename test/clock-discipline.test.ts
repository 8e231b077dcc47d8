import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every rule that depends on "now" reads the graph's one clock (subgraphs/shared/src/clock.ts), so
 * the suites can run at fixed moments. This keeps it so: no source file reads the machine's clock
 * or the database's, except the places below, each for a reason that is not a covenant day.
 */
const ALLOWED: Record<string, string> = {
  "subgraphs/shared/src/clock.ts": "the clock itself",
  "gateway/src/auth/dev-issuer.ts": "a development token's expiry is a real instant, checked by real JWT verification",
  "subgraphs/shared/src/tools/generate-migration.ts": "a migration's name carries the real time it was written",
  "subgraphs/shared/src/demo/seed-once.ts": "when the demo world was seeded, bookkeeping of the demo only",
  "gateway/src/admission/admission.ts": "a verified token is reused until its real expiry, an instant of JWT verification",
  "subgraphs/shared/src/es256-jwt.ts": "a token's issue and expiry are real instants of JWT signing and verification",
  "subgraphs/shared/src/time-ordered-ids.ts": "an access-log row's id starts with the real instant it is written, to keep the index in write order",
};

// The machine's clock, and the database's (outside a column default, which only fills a value the code did not give).
const READS_CLOCK = [/new Date\(\)/, /Date\.now\(\)/, /\b(current_date|current_timestamp|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp)\b/i];
// SQL's now(): on one line within quotes, or anywhere in a file that has no `now` of the clock's.
const SQL_NOW_QUOTED = /["'`][^"'`]*\bnow\(\)[^"'`]*["'`]/;
const BARE_NOW = /(^|[^.\w])now\(\)/;
const IMPORTS_CLOCK_NOW = /import \{[^}]*\bnow\b(?! as)[^}]*\} from "[^"]*\/clock\.js"/;

function readsClock(line: string, importsClockNow: boolean): boolean {
  if (/default: \(\) => "[^"]*\bnow\(\)[^"]*"/.test(line)) return false;
  if (READS_CLOCK.some((pattern) => pattern.test(line))) return true;
  return SQL_NOW_QUOTED.test(line) || (!importsClockNow && BARE_NOW.test(line));
}

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name === "migrations" || name === "node_modules" ? [] : sources(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("the graph reads the time from its one clock", () => {
  it("no source file reads the machine's or the database's clock directly", () => {
    const roots = ["gateway/src", "dev", ...readdirSync("subgraphs").map((name) => path.join("subgraphs", name, "src"))];
    const offending: string[] = [];
    for (const file of roots.flatMap(sources)) {
      if (ALLOWED[file.split(path.sep).join("/")]) continue;
      const text = readFileSync(file, "utf8");
      const importsClockNow = IMPORTS_CLOCK_NOW.test(text);
      text.split("\n").forEach((line, index) => {
        if (readsClock(line, importsClockNow)) offending.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it("the check finds what it is meant to find", () => {
    for (const line of ["const at = new Date();", "Date.now() - started", "values ($1, current_date)", "set at = now() where", '.set({ at: () => "now()" })']) {
      expect(readsClock(line, false), line).toBe(true);
    }
    expect(readsClock("`insert into t (at) values (now())`", true)).toBe(true);
    for (const line of [
      "const at = new Date(value);",
      "performance.now() - started",
      "const at = clockNow();",
      '@Column("timestamptz", { default: () => "now()" })',
      `@CreateDateColumn({ type: "timestamptz", default: () => "date_trunc('milliseconds', now())" })`,
    ]) {
      expect(readsClock(line, false), line).toBe(false);
    }
    expect(readsClock("const at = now();", true)).toBe(false);
  });
});
