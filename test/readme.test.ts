import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CALLERS as ROLE_OF, examplesFile } from "../gateway/src/web/examples.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/** The README's example operations, run as the users it shows them for (gateway/src/web/examples.ts). */
const readme = readFileSync("README.md", "utf8");
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the README's example queries", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
  });
  afterAll(() => graph?.stop());

  it("are the ones the explorer offers (gateway/public/examples.json; `npm run docs` writes it)", () => {
    expect(readFileSync("gateway/public/examples.json", "utf8")).toBe(examplesFile(readme));
  });

  it("are all known here", () => {
    const names = examples.map((text) => /^(?:query|mutation)\s+(\w+)/m.exec(text)?.[1]);
    expect(names.sort()).toEqual(Object.keys(ROLE_OF).sort());
  });

  for (const [name, claims] of Object.entries(ROLE_OF)) {
    it(`${name} runs without errors and returns data`, async () => {
      const text = examples.find((e) => new RegExp(`^(query|mutation)\\s+${name}\\b`, "m").test(e))!;
      const result = await graph.query(await graph.token(claims), text);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toMatch(/"edges":\[\]/);
    });
  }
});
