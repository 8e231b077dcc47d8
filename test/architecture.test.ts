import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The shape of the code, checked where ESLint cannot see it: ESLint's `import-x/no-cycle` finds files
 * that import each other, but two folders of a subgraph can still lean on each other through
 * different files (signal/ reading priority/ while priority/ reads signal/), and then neither can be
 * read, tested or moved on its own. Here the folders under each subgraph's `src/` must form no cycle
 * of any length: a feature folder may build on another, never the other way round as well.
 */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SUBGRAPHS = ["corporations", "sdv", "swt", "shared"];
const NOT_PROGRAM = /\.(test|fixture)\.ts$|\/testing\.ts$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !NOT_PROGRAM.test(path) ? [path] : [];
  });
}

/** The first folder below `src` a file lies in; "." for the files directly in `src`. */
function folderOf(src: string, file: string): string {
  const parts = relative(src, file).split("/");
  return parts.length > 1 ? parts[0]! : ".";
}

/** Per folder, the other folders of the same src it imports from, with one importing file as evidence. */
function folderImports(subgraph: string): Map<string, Map<string, string>> {
  const src = join(ROOT, "subgraphs", subgraph, "src");
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(src, file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
      const target = resolve(dirname(file), specifier!);
      if (!target.startsWith(src + "/")) continue;
      const to = folderOf(src, target);
      // The subgraph's own wiring (index, schema, context) assembles the folders: it is above them all.
      if (to === from || from === "." || to === ".") continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, relative(ROOT, file));
    }
  }
  return graph;
}

/** Every cycle of folders, each once, as "a -> b (file) -> a (file)". */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, path: string[], evidence: string[]) => {
    for (const [next, file] of graph.get(at) ?? []) {
      if (next === start) {
        const ring = [...path];
        const rotation = ring.indexOf([...ring].sort()[0]!);
        const canonical = [...ring.slice(rotation), ...ring.slice(0, rotation)].join(" -> ");
        if (![...found].some((cycle) => cycle.startsWith(canonical + " :"))) found.add(`${canonical} : ${[...evidence, file].join(", ")}`);
      } else if (!path.includes(next) && path.length < 6) {
        walk(start, next, [...path, next], [...evidence, file]);
      }
    }
  };
  for (const folder of graph.keys()) walk(folder, folder, [folder], []);
  return [...found].sort();
}

describe("the folders of each subgraph import one way", () => {
  it.each(SUBGRAPHS)("%s: no cycle of folders", (subgraph) => {
    expect(cycles(folderImports(subgraph))).toEqual([]);
  });

  it("the check sees a cycle: it reads this repository's imports, not nothing", () => {
    const graph = folderImports("sdv");
    expect(graph.size).toBeGreaterThan(5);
    const ring = new Map([
      ["a", new Map([["b", "a/x.ts"]])],
      ["b", new Map([["c", "b/y.ts"]])],
      ["c", new Map([["a", "c/z.ts"]])],
    ]);
    expect(cycles(ring)).toEqual(["a -> b -> c : a/x.ts, b/y.ts, c/z.ts"]);
  });
});
