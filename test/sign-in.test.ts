import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/** Sign-in for the gateway's pages, over HTTP: what the browser's session.js relies on. */
describe("signing in from a browser with the development issuer", () => {
  let graph: TestGraph;
  let base: string;
  beforeAll(async () => {
    graph = await startTestGraph();
    base = new URL("/", graph.url).href.replace(/\/$/, "");
  });
  afterAll(() => graph?.stop());
  afterEach(() => vi.unstubAllEnvs());

  const mint = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${base}/auth/dev-token`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("tells the page to offer the demo world's roles, organisations and teams", async () => {
    const response = await fetch(`${base}/auth/config`);
    expect(response.status).toBe(200);
    const config = (await response.json()) as any;
    expect(config.mode).toBe("development");
    expect(config.choices.roles).toEqual(["CORPORATION", "SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR"]);
    expect(config.choices.organisations).toContainEqual({ id: "0392", name: "Haarlem", kind: "municipality" });
    expect(config.choices.organisations).toContainEqual({ id: "elan-wonen", name: "Elan Wonen", kind: "corporation" });
    expect(config.choices.teams).toContainEqual(expect.objectContaining({ id: "haarlem-schalkwijk", role: "SWT", municipalities: ["0392"] }));
  });

  it("mints a token the graph accepts, for the role, organisations and team chosen", async () => {
    const response = await mint({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" });
    expect(response.status).toBe(200);
    const { token, expiresAt } = (await response.json()) as any;
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const identity = await fetch(`${base}/auth/identity`, { headers: { authorization: `Bearer ${token}` } });
    expect(await identity.json()).toEqual({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "dev-swt" });
    const result = await graph.query(token, "{ __typename }");
    expect(result.errors).toBeUndefined();
  });

  it("refuses claims that do not fit, saying what to fix, as the token CLI does", async () => {
    const cases: [unknown, RegExp][] = [
      [{ role: "MAYOR", orgs: ["0392"] }, /role must be one of CORPORATION, SDV/],
      [{ role: "SDV", orgs: "0392" }, /orgs must be a list/],
      [{ role: "SDV", orgs: ["0363"] }, /Unknown organisation\(s\) "0363"/],
      [{ role: "CORPORATION", orgs: ["0392"] }, /not a corporation of the covenant/],
      [{ role: "SWT", orgs: ["0392"] }, /team claim is missing/],
      [{ role: "SWT", orgs: ["0392"], team: "zandvoort" }, /none of the token's organisations|none of the sign-in's organisations/],
      [{ role: "SDV", orgs: ["0392"], team: "haarlem-noord" }, /belongs to no team/],
      [{ role: "SDV", orgs: ["0392"], sub: "someone-else" }, /Unknown field\(s\) sub/],
      [[], /Send an object/],
    ];
    for (const [body, message] of cases) {
      const response = await mint(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as any).error, JSON.stringify(body)).toMatch(message);
    }
  });

  it("refuses a body that is not JSON, or larger than a sign-in", async () => {
    const notJson = await mint("role=SDV", { "content-type": "application/x-www-form-urlencoded" });
    expect(notJson.status).toBe(415);
    expect(((await notJson.json()) as any).error).toMatch(/as JSON/);
    const broken = await mint("{ role: SDV", { "content-type": "application/json" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error).toMatch(/not valid JSON/);
    const large = await mint({ role: "SDV", orgs: ["0392"], padding: "x".repeat(10_000) });
    expect(large.status).toBe(413);
    expect(((await large.json()) as any).error).toMatch(/larger than 4096 bytes/);
    expect((await fetch(`${base}/auth/dev-token`)).status).toBe(405);
  });

  it("mints nothing when the process runs in production or with the partners' identity provider", async () => {
    vi.stubEnv("NODE_ENV", "production");
    expect((await mint({ role: "SDV", orgs: ["0392"] })).status).toBe(404);
    vi.unstubAllEnvs();
    vi.stubEnv("AUTH_JWKS_URL", "https://idp.example.nl/jwks");
    expect((await mint({ role: "SDV", orgs: ["0392"] })).status).toBe(404);
  });

  it("tells who a token's bearer is, and refuses a token that is not valid here", async () => {
    expect((await fetch(`${base}/auth/identity`)).status).toBe(401);
    expect((await fetch(`${base}/auth/identity`, { headers: { authorization: "Bearer not.a.token" } })).status).toBe(401);
  });

  it("sends a browser that opens /graphql to the explorer instead of a Sandbox from a CDN", async () => {
    const page = await fetch(graph.url, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/explore");
    // An operation sent by GET is still an operation.
    const operation = await fetch(`${graph.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "text/html, application/json", "apollo-require-preflight": "1", authorization: `Bearer ${await graph.token({ role: "SDV", orgs: ["0392"] })}` },
      redirect: "manual",
    });
    expect(operation.status).toBe(200);
  });

  it("serves the pages' files and only the allowlisted browser libraries, all under a strict policy", async () => {
    const session = await fetch(`${base}/static/session.js`);
    expect(session.status).toBe(200);
    expect(session.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(session.headers.get("content-security-policy")).toContain("script-src 'self';");
    const react = await fetch(`${base}/static/vendor/react.production.min.js`);
    expect(react.status).toBe(200);
    for (const path of ["/static/vendor/react/package.json", "/static/vendor/../../package.json", "/static/vendor/pg/lib/index.js", "/static/vendor/"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });
});

describe("signing in where no browser sign-in is configured", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ signIn: { mode: "none" } });
  });
  afterAll(() => graph?.stop());

  it("offers no development issuer and says how to send a token instead", async () => {
    const base = new URL("/", graph.url).href.replace(/\/$/, "");
    const config = (await (await fetch(`${base}/auth/config`)).json()) as any;
    expect(config.mode).toBe("none");
    expect(config.message).toMatch(/AUTH_CLIENT_ID/);
    const response = await fetch(`${base}/auth/dev-token`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"role":"SDV","orgs":["0392"]}' });
    expect(response.status).toBe(404);
  });
});
