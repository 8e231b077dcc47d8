import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { GATEWAY_TOKEN_ISSUER, IDENTITY_HEADER } from "../subgraphs/shared/src/identity.js";
import { GatewayTokenSigner } from "../gateway/src/auth/gateway-token.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

const ISSUE_QUERY = `{ signals(first: 3) { edges { node { id tenant { name arrears { amountCents phase } } case { status } } } pageInfo { hasNextPage endCursor } } }`;

describe("the federated graph, end to end through the gateway", () => {
  let graph: TestGraph;
  let sdvToken: string;

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    sdvToken = await graph.token({ role: "SDV", orgs: ["0392", "0473"] });
  });
  afterAll(() => graph?.stop());

  it("answers a signal with its tenant's arrears and its case in one request, from all three subgraphs", async () => {
    const result = await graph.query(sdvToken, ISSUE_QUERY);
    expect(result.errors).toBeUndefined();
    const edges = result.data!.signals.edges;
    expect(edges).toHaveLength(3);
    expect(result.data!.signals.pageInfo.hasNextPage).toBe(true);
    for (const { node } of edges) {
      expect(node.tenant.name).toMatch(/\S+ \S+/); // from corporations
      expect(["ARREARS", "COLLECTION", "BAILIFF"]).toContain(node.tenant.arrears.phase);
    }
    // The demo's newest signals include forwarded ones whose case lives in swt.
    const all = await graph.query(sdvToken, `{ signals(first: 50) { edges { node { case { status } } } } }`);
    const statuses = all.data!.signals.edges.map((e: any) => e.node.case?.status).filter(Boolean);
    expect(statuses.length).toBeGreaterThan(0);
  });

  it("walks every page of signals with first/after, without overlap or gaps", async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = await graph.query(sdvToken, `query($after: String) { signals(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, {
        after,
      });
      expect(page.errors).toBeUndefined();
      for (const edge of page.data.signals.edges) {
        expect(seen.has(edge.node.id)).toBe(false);
        seen.add(edge.node.id);
      }
      pages += 1;
      if (!page.data.signals.pageInfo.hasNextPage) break;
      after = page.data.signals.pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(1);
    const [{ count }] = await graph.subgraphs.sdv.dataSource.query("select count(*)::int as count from signal");
    expect(seen.size).toBe(count);
  });

  it("runs as many SQL statements for a list of 500 signals as for a list of 1", async () => {
    const query = `query($first: Int!) { signals(first: $first) { edges { node { id reportingMonth tenant { name arrears { amountCents phase } } case { status } } } } }`;
    const measure = async (first: number) => {
      const before = graph.statements();
      const result = await graph.query(sdvToken, query, { first });
      expect(result.errors).toBeUndefined();
      return { statements: graph.statements() - before, rows: result.data!.signals.edges.length };
    };
    const one = await measure(1);
    const many = await measure(500);
    expect(one.rows).toBe(1);
    expect(many.rows).toBeGreaterThan(200);
    expect(many.statements).toBe(one.statements);
  });

  it("reads the cases of a list of signals in one statement of swt, links and cases together", async () => {
    const before = graph.subgraphs.swt.statements();
    const result: any = await graph.query(sdvToken, `{ signals(first: 200) { edges { node { id case { id status } } } } }`);
    expect(result.errors).toBeUndefined();
    const withCase = result.data.signals.edges.filter((edge: any) => edge.node.case !== null);
    expect(withCase.length).toBeGreaterThan(1);
    expect(graph.subgraphs.swt.statements() - before).toBe(1);
    // Each signal gets the case that holds it, as swt's own tables say.
    const links = await graph.subgraphs.swt.dataSource.query(`select signal_id as "signalId", case_id as "caseId" from case_signal where signal_id = any($1)`, [
      withCase.map((edge: any) => edge.node.id),
    ]);
    expect(links).toHaveLength(withCase.length);
    for (const edge of withCase) expect(links.find((link: any) => link.signalId === edge.node.id)?.caseId).toBe(edge.node.case.id);
  });

  it("refuses an operation without a token, with UNAUTHENTICATED", async () => {
    const result = await graph.query(undefined, ISSUE_QUERY);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.data ?? null).toBeNull();
  });

  it("refuses a token signed by a key other than the issuer's", async () => {
    const { generateSigningKey } = await import("../gateway/src/auth/keys.js");
    const { signDevToken } = await import("../gateway/src/auth/dev-issuer.js");
    const forged = await signDevToken((await generateSigningKey()).key, { role: "COORDINATOR" });
    const result = await graph.query(forged, ISSUE_QUERY);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a request sent straight to a subgraph without the gateway's token", async () => {
    for (const subgraph of Object.values(graph.subgraphs)) {
      const response = await fetch(subgraph.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${sdvToken}` },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as any;
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses at one subgraph a gateway token made for another", async () => {
    const signer = new GatewayTokenSigner(graph.signingKey);
    const forSdv = await signer.sign({ sub: "x", role: "COORDINATOR", orgs: [] }, "sdv");
    const accepted = await fetch(graph.subgraphs.sdv.url, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: forSdv },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(accepted.status).toBe(200);
    const replayed = await fetch(graph.subgraphs.corporations.url, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: forSdv },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(replayed.status).toBe(401);
  });

  it("refuses at a subgraph a gateway token replayed after it expired, though it was made for that subgraph", async () => {
    // Signed with the gateway's own key for this very subgraph, a minute past its expiry: only the time is wrong.
    const issuedAt = Math.floor(Date.now() / 1000) - 120;
    const expired = await new SignJWT({ role: "SDV", orgs: ["0392", "0473"], rid: "r2" })
      .setProtectedHeader({ alg: "ES256", kid: graph.signingKey.kid, typ: "JWT" })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience("sdv")
      .setSubject("x")
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 60)
      .sign(graph.signingKey.privateKey);
    const replayed = await fetch(graph.subgraphs.sdv.url, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: expired },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("serves /health and reports readiness of every subgraph", async () => {
    const base = new URL(graph.url);
    expect((await fetch(new URL("/health", base))).status).toBe(200);
    const ready = await fetch(new URL("/ready", base));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).subgraphs).toEqual({ corporations: "ready", sdv: "ready", swt: "ready" });
  });
});

describe("a subgraph that is down", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
  });
  afterAll(() => graph?.stop());

  it("yields a partial answer with an error, and the gateway keeps serving", async () => {
    const token = await graph.token({ role: "SDV", orgs: ["0392", "0473"] });
    await graph.stopSubgraph("swt");
    const result = await graph.query(token, ISSUE_QUERY);
    expect(result.status).toBe(200);
    expect(result.data!.signals.edges).toHaveLength(3);
    expect(result.data!.signals.edges[0].node.tenant.name).toBeTruthy();
    expect(result.data!.signals.edges.every((e: any) => e.node.case === null)).toBe(true);
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors!) {
      expect(error.extensions).toEqual({ code: "SUBGRAPH_UNAVAILABLE", serviceName: "swt" });
      expect(error.message).not.toMatch(/127\.0\.0\.1|http:/);
    }
    const again = await graph.query(token, `{ signals(first: 1) { edges { node { id } } } }`);
    expect(again.errors).toBeUndefined();
  });
});
