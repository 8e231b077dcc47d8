import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";

describe("what one operation may ask, and what operators can see", () => {
  let graph: TestGraph;
  let token: string;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true, metricsToken: "scrape-secret-1" });
    token = await graph.token({ role: "SDV", orgs: ["0392", "0473"] });
  });
  afterAll(() => graph?.stop());

  it("refuses an operation nested deeper than 12 levels, before any subgraph is asked", async () => {
    const deep = `{ signals(first: 1) { edges { node { previousSignal { previousSignal { previousSignal { previousSignal { previousSignal { previousSignal { previousSignal { previousSignal { previousSignal { id } } } } } } } } } } } } }`;
    const before = graph.statements();
    const result = await graph.query(token, deep);
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    expect(graph.statements()).toBe(before);
  });

  it("refuses more than 30 aliases, which would multiply one expensive field", async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: signals(first: 500) { edges { node { id } } }`).join(" ");
    const result = await graph.query(token, `{ ${aliases} }`);
    expect(result.errors?.every((e) => e.extensions?.code === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
    expect(result.errors?.some((e) => /aliases/i.test(e.message))).toBe(true);
  });

  it("refuses an operation of more than 10,000 tokens with HTTP 400 while parsing", async () => {
    const huge = `{ ${Array.from({ length: 12_000 }, () => "__typename").join(" ")} }`;
    const result = await graph.query(token, huge);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/10000 tokens\. Parsing aborted/);
  });

  it("refuses batched requests: one operation per request", async () => {
    const response = await fetch(graph.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(response.status).toBe(400);
  });

  it("serves Prometheus metrics on the operators' port: operations by outcome, removed fields and subgraph calls", async () => {
    await graph.query(token, `{ signals(first: 2) { edges { node { id case { status notes { text } } } } } }`);
    expect(new URL(graph.metricsUrl).port).not.toBe(new URL(graph.url).port);
    const response = await fetch(graph.metricsUrl, { headers: { authorization: "Bearer scrape-secret-1" } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/gateway_operation_duration_seconds_count\{operation="query",outcome="partial"\} [1-9]/);
    expect(text).toMatch(/gateway_forbidden_fields_total [1-9]/);
    expect(text).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{subgraph="swt",outcome="ok"\} [1-9]/);
  });

  it("does not serve /metrics on the public port, with or without a token", async () => {
    for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${token}` }, { authorization: "Bearer scrape-secret-1" }]) {
      const response = await fetch(new URL("/metrics", graph.url), { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/gateway_operation_duration_seconds/);
    }
  });

  it("refuses a scrape without the scrape token, or with a user's token or a wrong one", async () => {
    for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${token}` }, { authorization: "Bearer scrape-secret-2" }, { authorization: "scrape-secret-1" }]) {
      const response = await fetch(graph.metricsUrl, { headers });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toMatch(/gateway_operation_duration_seconds/);
    }
  });

  it("serves nothing but /metrics on the operators' port", async () => {
    for (const route of ["/graphql", "/health", "/.well-known/jwks.json"]) {
      const response = await fetch(new URL(route, graph.metricsUrl), { headers: { authorization: "Bearer scrape-secret-1" } });
      expect(response.status).toBe(404);
    }
  });
});
