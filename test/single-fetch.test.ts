import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER } from "../gateway/src/auth/dev-issuer.js";
import { GatewayTokenSigner } from "../gateway/src/auth/gateway-token.js";
import { DEFAULT_CLAIMS } from "../gateway/src/auth/user-token.js";
import { createGateway, type RunningGateway } from "../gateway/src/server.js";
import { enumsWithHiddenValues } from "../gateway/src/single-fetch.js";
import { parse } from "graphql";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/*
 * The gateway answers a query planned as one fetch of the caller's own operation with the
 * subgraph's answer as it came (gateway/src/single-fetch.ts). Every answer must be the one
 * @apollo/gateway's execution of the plan gives: the same gateway without the shortcut, on the
 * same subgraphs, answers each query here, and the bodies are compared byte for byte.
 */

type Case = {
  name: string;
  role: { role: string; orgs?: string[]; team?: string };
  query: string;
  variables?: Record<string, unknown>;
  shortcut: "served" | "handed_on" | "none";
  /** An error code the answer carries (the same either way). */
  code?: string;
};

const SDV = { role: "SDV", orgs: ["0392", "0473"] };
const CASES: Case[] = [
  { name: "the benchmark's single-subgraph list", role: SDV, query: `{ signals(first: 20) { edges { node { id priority { level } } } } }`, shortcut: "served" },
  {
    name: "aliases, a field asked twice, __typename and a named fragment",
    role: SDV,
    query: `query Listed { list: signals(first: 5) { edges { node { __typename ...Fields id level: priority { level } } } pageInfo { hasNextPage endCursor } } }
            fragment Fields on Signal { id status municipalityCode }`,
    shortcut: "served",
  },
  { name: "an inline fragment on the concrete type", role: SDV, query: `{ signals(first: 3) { edges { node { ... on Signal { id reportingMonth } } } } }`, shortcut: "served" },
  {
    name: "variables, with a default",
    role: SDV,
    query: `query($first: Int = 4, $status: SignalStatus) { signals(first: $first, filter: { status: $status }) { edges { node { id status } } } }`,
    variables: { status: "RECEIVED" },
    shortcut: "served",
  },
  {
    name: "@include decided by a variable (not taken: a directive)",
    role: SDV,
    query: `query($withPriority: Boolean!) { signals(first: 3) { edges { node { id priority @include(if: $withPriority) { level } } } } }`,
    variables: { withPriority: false },
    shortcut: "none",
  },
  {
    name: "a field the role may not read, removed by the gateway",
    role: { role: "CORPORATION", orgs: ["elan-wonen"] },
    query: `{ signals(first: 3) { edges { node { id reportingMonth priority { level } } } } }`,
    shortcut: "served",
    code: "FORBIDDEN",
  },
  {
    name: "an answer with an error from the subgraph",
    role: SDV,
    query: `{ signals(first: 3, after: "bm90IGEgY3Vyc29y") { edges { node { id } } } }`,
    shortcut: "handed_on",
  },
  {
    name: "a variable the public schema refuses",
    role: SDV,
    query: `query($first: Int!) { signals(first: $first) { edges { node { id } } } }`,
    variables: { first: "twenty" },
    shortcut: "none",
  },
  { name: "introspection beside a fetch (not taken)", role: SDV, query: `{ __typename signals(first: 2) { edges { node { id } } } }`, shortcut: "none" },
  {
    name: "three subgraphs (not taken)",
    role: SDV,
    query: `{ signals(first: 5) { edges { node { id tenant { name arrears { amountCents phase } } case { status } } } } }`,
    shortcut: "none",
  },
];

describe("the single-fetch shortcut", () => {
  let graph: TestGraph;
  let planned: RunningGateway;

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    planned = await createGateway({
      supergraphSdl: readFileSync(path.resolve("schema", "supergraph.graphql"), "utf8"),
      subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
      auth: { keys: { jwks: graph.issuer.jwks }, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ["ES256"], clockToleranceSeconds: 5, claims: DEFAULT_CLAIMS },
      signer: new GatewayTokenSigner(graph.signingKey),
      port: 0,
      singleFetchShortcut: false,
    });
  }, 120_000);
  afterAll(async () => {
    await planned?.close();
    await graph?.stop();
  });

  async function post(url: string, token: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.text() };
  }

  async function shortcutCounts(): Promise<{ served: number; handed_on: number }> {
    const text = await (await fetch(graph.metricsUrl)).text();
    const count = (outcome: string) => Number(new RegExp(`gateway_single_fetch_shortcut_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    return { served: count("served"), handed_on: count("handed_on") };
  }

  for (const testCase of CASES) {
    it(`answers byte for byte as the plan's execution does: ${testCase.name}`, async () => {
      const token = await graph.token(testCase.role as never);
      // The first request of an operation is where the shortcut learns it: it takes the second.
      await post(graph.url, token, testCase.query, testCase.variables);
      const before = await shortcutCounts();
      const statementsBefore = graph.statements();
      const viaShortcut = await post(graph.url, token, testCase.query, testCase.variables);
      const statementsWith = graph.statements() - statementsBefore;
      const after = await shortcutCounts();
      const statementsAgain = graph.statements();
      const viaPlan = await post(planned.url, token, testCase.query, testCase.variables);
      const statementsWithout = graph.statements() - statementsAgain;

      expect(viaShortcut.status).toBe(viaPlan.status);
      expect(viaShortcut.body).toBe(viaPlan.body);
      const errors = JSON.parse(viaShortcut.body).errors as { extensions: { code: string } }[] | undefined;
      if (testCase.code)
        expect(
          errors?.map((e) => e.extensions.code),
          viaShortcut.body,
        ).toContain(testCase.code);
      else if (testCase.shortcut === "served") expect(errors, viaShortcut.body).toBeUndefined();
      if (testCase.shortcut === "handed_on") expect(JSON.parse(viaShortcut.body).errors, viaShortcut.body).toBeDefined();
      // Nothing is asked twice: an answer handed on is not fetched again.
      expect(statementsWith).toBe(statementsWithout);
      expect({ served: after.served - before.served, handed_on: after.handed_on - before.handed_on }).toEqual({
        served: testCase.shortcut === "served" ? 1 : 0,
        handed_on: testCase.shortcut === "handed_on" ? 1 : 0,
      });
    });
  }

  it("answers as the plan's execution does when the subgraph is down, and asks it once", async () => {
    const token = await graph.token(SDV as never);
    const query = `{ signals(first: 2) { edges { node { id status } } } }`;
    await post(graph.url, token, query);
    await graph.stopSubgraph("sdv");
    const before = await shortcutCounts();
    const viaShortcut = await post(graph.url, token, query);
    const after = await shortcutCounts();
    const viaPlan = await post(planned.url, token, query);
    expect(viaShortcut.body).toContain("SUBGRAPH_UNAVAILABLE");
    expect(viaShortcut.status).toBe(viaPlan.status);
    expect(viaShortcut.body).toBe(viaPlan.body);
    expect(after.handed_on - before.handed_on).toBe(1);
  });

  it("does not take a query whose enum has a value hidden from the public schema", () => {
    const supergraph = parse(`enum Level { A B @inaccessible } enum Plain { X Y } type Query { a: Level }`);
    expect(enumsWithHiddenValues(supergraph)).toEqual(["Level"]);
  });
});
