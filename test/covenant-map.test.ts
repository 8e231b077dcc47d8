import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * docs/covenant.md maps every article and clause of the covenant to the module that enforces it
 * and the test that shows it. This keeps the map true: every file it names exists, every test it
 * names stands in the file it names, and no clause of the covenant is left off.
 */
const PAGE = "docs/covenant.md";

/** Every clause of the addendum, as the page numbers them. */
const CLAUSES = ["1.1", "2.1", "2.2a", "2.2b", "3.1", "3.2", "3.3", "3.4", "4.1", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "6.1", "6.2", "6.3", "6.4"];

/** Paths of the repository written in backticks: `subgraphs/sdv/src/intake/intake.rules.ts`. */
function filesNamed(page: string): string[] {
  return [...page.matchAll(/`((?:subgraphs|gateway|dev|test|schema|docs)\/[\w./-]+\.(?:ts|json|md|graphql))`/g)].map((match) => match[1]!);
}

/** Tests written as `file`: "the test's sentence". */
function testsNamed(page: string): { file: string; name: string }[] {
  return [...page.matchAll(/`([\w./-]+\.test\.ts)`: "([^"]+)"/g)].map((match) => ({ file: match[1]!, name: match[2]! }));
}

/** Whether `name` is the sentence of an it() or test() in `source`, written on one line or the next. */
function declares(source: string, name: string): boolean {
  const quoted = JSON.stringify(name)
    .slice(1, -1)
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\b(?:it|test)(?:\\.\\w+)?\\(\\s*"${quoted}"`).test(source);
}

/** The clauses the page has a table row for: a row starts with `| 5.3 |` or `| 5.3, footnote 1 |`. */
function clausesListed(page: string): Set<string> {
  return new Set([...page.matchAll(/^\| (\d\.\d[a-z]?)[ ,]/gm)].map((match) => match[1]!));
}

describe("the map from the covenant to the code", () => {
  const page = readFileSync(PAGE, "utf8");

  it("names files that exist", () => {
    const files = filesNamed(page);
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
  });

  it("names tests that stand in the files it names", () => {
    const tests = testsNamed(page);
    expect(tests.length).toBeGreaterThan(40);
    const missing = tests.filter(({ file, name }) => !existsSync(file) || !declares(readFileSync(file, "utf8"), name));
    expect(missing).toEqual([]);
  });

  it("has a row for every clause of the covenant, from Art. 1.1 to Art. 6.4", () => {
    const listed = clausesListed(page);
    expect(CLAUSES.filter((clause) => !listed.has(clause))).toEqual([]);
  });

  it("the checks catch a renamed test, a moved file and a clause left off", () => {
    const source = `it("a step taken twice counts from the first time it was taken", () => {});`;
    expect(declares(source, "a step taken twice counts from the first time it was taken")).toBe(true);
    expect(declares(source, "a step taken twice counts")).toBe(false);
    expect(testsNamed('`a.test.ts`: "one sentence"')).toEqual([{ file: "a.test.ts", name: "one sentence" }]);
    expect(filesNamed("`subgraphs/sdv/src/nowhere.ts`")).toEqual(["subgraphs/sdv/src/nowhere.ts"]);
    expect(clausesListed("| 5.3, footnote 1 | x |\n| 6.4 | y |")).toEqual(new Set(["5.3", "6.4"]));
  });
});
