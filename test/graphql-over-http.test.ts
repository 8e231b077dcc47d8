import { readFileSync } from "node:fs";
import { auditServer, type AuditResult } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * The gateway against the GraphQL-over-HTTP specification, audited with graphql-http's own server
 * audits (every request carrying a caller's token, as every request to the graph must). No
 * requirement (MUST) may fail; a recommendation (SHOULD) the gateway does not follow must be one
 * the README lists as a deliberate choice, by its audit id.
 */

/** The audit ids the README's "GraphQL over HTTP" section explains, read from the README itself. */
function deliberateWarnings(): Set<string> {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("GraphQL over HTTP"));
  return new Set([...(section ?? "").matchAll(/^\| `([0-9A-F]{4})` \|/gm)].map((m) => m[1]!));
}

describe("GraphQL over HTTP (graphql-http audit)", () => {
  let graph: TestGraph;
  let results: AuditResult[];

  beforeAll(async () => {
    graph = await startTestGraph();
    const token = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "audit" });
    const fetchFn = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    results = await auditServer({ url: graph.url, fetchFn });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    console.info(`graphql-http audit: ${results.length} audits, ${count("ok")} ok, ${count("warn")} warn, ${count("error")} error, ${count("notice")} notice`);
  });
  afterAll(() => graph?.stop());

  it("meets every requirement of the specification", () => {
    const errors = results.filter((r) => r.status === "error").map((r) => `${r.id} ${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(results.length).toBeGreaterThan(50);
    expect(errors).toEqual([]);
  });

  it("follows every recommendation, except those the README explains as deliberate", () => {
    const deliberate = deliberateWarnings();
    const warnings = results.filter((r) => r.status === "warn");
    const unexplained = warnings.filter((r) => !deliberate.has(r.id)).map((r) => `${r.id} ${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(unexplained).toEqual([]);
    // And the README explains no warning that no longer occurs.
    expect([...deliberate].sort()).toEqual(warnings.map((r) => r.id).sort());
  });
});

describe("a request body over 5 MiB", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph?.stop());

  it("is refused by a subgraph with 413 and PAYLOAD_TOO_LARGE, the connection closed, and the subgraph serves the next request", async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: "x".repeat(6 * 1024 * 1024) } });
    const refused = await fetch(graph.subgraphs.sdv.url, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(refused.status).toBe(413);
    expect(refused.headers.get("connection")).toBe("close");
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    const next = await fetch(new URL("/health", graph.subgraphs.sdv.url));
    expect(next.status).toBe(200);
  });
});
