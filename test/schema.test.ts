import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { composeSupergraph } from "../schema/compose.js";

describe("schema/", () => {
  it("holds exactly the SDL the subgraphs' code produces and the supergraph composed from it (run npm run compose)", async () => {
    const files = await composeSupergraph();
    for (const [file, text] of Object.entries(files)) {
      expect(readFileSync(path.resolve("schema", file), "utf8"), `schema/${file} is stale; run npm run compose`).toBe(text);
    }
  });
});
