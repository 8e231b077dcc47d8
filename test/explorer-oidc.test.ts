import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
// oidc-provider ships no type declarations; the test uses its documented configuration only.
// @ts-expect-error -- untyped package
import Provider from "oidc-provider";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_CLAIMS } from "../gateway/src/auth/user-token.js";
import { describeInBrowser, launchBrowser, offlineContext } from "./support/browser.js";
import { openExplorer, runQuery, setQuery, storedAnywhere } from "./support/explorer.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/** What the gateway expects in an access token's `aud`: the graph as a resource server. */
const AUDIENCE = "early-warning-graph";
const CLIENT_ID = "early-warning-explorer";

/**
 * A real OpenID provider (the `oidc-provider` package) on this machine: a public client that must
 * use PKCE with S256, JWT access tokens for the graph's audience carrying the role and
 * organisations the gateway reads, and the package's own login and consent pages.
 */
async function startProvider(redirectUri: () => string): Promise<{ issuer: string; server: Server }> {
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: "ES256", use: "sig", kid: "test-provider-key" };
  let provider: Provider | undefined;
  const callback = () => {
    provider ??= new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: "none",
          redirect_uris: [redirectUri()],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          id_token_signed_response_alg: "ES256",
        },
      ],
      pkce: { methods: ["S256"], required: () => true },
      jwks: { keys: [signingKey as never] },
      cookies: { keys: ["a-cookie-key-of-this-test-only"] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
      // The page trades its code at the token endpoint from the gateway's origin.
      clientBasedCORS: (_ctx: unknown, origin: string) => origin === new URL(redirectUri()).origin,
      findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          // A resource indicator is a URI; the tokens for it name the gateway's audience.
          defaultResource: () => "urn:early-warning:graph",
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({ scope: "openid", audience: AUDIENCE, accessTokenFormat: "jwt", jwt: { sign: { alg: "ES256" } } }),
        },
      },
      // The claims the gateway reads (its default claim names: role, org, team).
      extraTokenClaims: () => ({ [DEFAULT_CLAIMS.role]: "ANALYST", [DEFAULT_CLAIMS.org]: ["0392", "0473"] }),
    });
    return provider.callback();
  };
  handle = (req, res) => callback()(req, res);
  return { issuer, server };
}

describeInBrowser("signing in to the explorer with OpenID Connect (authorization code with PKCE) at a real provider", () => {
  let graph: TestGraph;
  let browser: Browser;
  let provider: { issuer: string; server: Server };
  let explorerUrl: string;
  beforeAll(async () => {
    provider = await startProvider(() => explorerUrl);
    graph = await startTestGraph({
      seedDemo: true,
      auth: { keys: { jwksUrl: `${provider.issuer}/jwks` }, issuer: provider.issuer, audience: AUDIENCE, algorithms: ["ES256"], clockToleranceSeconds: 5, claims: DEFAULT_CLAIMS },
      signIn: { mode: "oidc", issuer: provider.issuer, clientId: CLIENT_ID, scope: "openid" },
    });
    explorerUrl = new URL("/explore", graph.url).href;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
    provider?.server.closeAllConnections();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  /** The provider's own login and consent pages, as a person fills them in. */
  async function signInAtProvider(page: Page) {
    await page.locator("#sign-in-submit").click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator("input[name=login]").fill("anna.analist");
    await page.locator("input[name=password]").fill("any password will do here");
    await page.locator("button[type=submit]").click();
    await page.locator("button[type=submit]", { hasText: /continue/i }).click();
    await page.waitForURL((url) => url.href.startsWith(explorerUrl));
    await page.locator("#session-status", { hasText: "Signed in as ANALYST" }).waitFor();
  }

  it("signs in, queries with the provider's token kept in memory only, and signs out, all on 127.0.0.1", async () => {
    const { context, leaving, requests } = await offlineContext(browser);
    try {
      const { page, problems } = await openExplorer(context, explorerUrl);
      expect(await page.locator("#sign-in-role").count()).toBe(0); // no development issuer here
      expect(leaving).toEqual([]);
      expect(problems).toEqual([]);
      await signInAtProvider(page);
      // The provider's own development login pages ask for a web font (refused here); from the
      // explorer's pages, before and after the round trip, nothing leaves this machine.
      const leftDuringLogin = leaving.length;
      const problemsDuringLogin = problems.length;
      const token: string = await page.evaluate('import("/static/session.js").then((session) => session.token())');
      expect(token.split(".")).toHaveLength(3);
      // The authorization request used PKCE with S256, a state and a nonce.
      const authorization = new URL(requests.find((url) => url.startsWith(`${provider.issuer}/auth?`))!);
      expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
      expect(authorization.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
      expect(authorization.searchParams.get("state")).toBeTruthy();
      expect(authorization.searchParams.get("nonce")).toBeTruthy();
      // The code left the address at once, and nothing of the round trip is kept.
      expect(page.url()).toBe(explorerUrl);
      expect(await page.evaluate("sessionStorage.length")).toBe(0);
      expect(await storedAnywhere(page, token)).toEqual([]);

      await setQuery(page, "query Calendar { covenant { nextRenewalOn currentTerm { number } } }");
      const answer = await runQuery(page);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toMatchObject({ covenant: { currentTerm: { number: expect.any(Number) } } });

      await page.locator("#sign-out").click();
      await page.locator("#session-status", { hasText: "Signed out" }).waitFor();
      expect(await page.evaluate('import("/static/session.js").then((session) => session.token())')).toBeUndefined();
      expect((await runQuery(page)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(leaving.slice(leftDuringLogin)).toEqual([]);
      expect(problems.slice(problemsDuringLogin)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("lets the page reach the provider's token endpoint and nothing else beyond the gateway", async () => {
    const response = await fetch(explorerUrl);
    const policy = response.headers.get("content-security-policy")!;
    expect(policy).toContain(`connect-src 'self' ${provider.issuer};`);
    expect(policy).toContain("script-src 'self';");
    const config = (await (await fetch(new URL("/auth/config", graph.url))).json()) as Record<string, string>;
    expect(config).toMatchObject({
      mode: "oidc",
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      authorizationEndpoint: `${provider.issuer}/auth`,
      tokenEndpoint: `${provider.issuer}/token`,
    });
  });

  it("refuses an answer this page did not ask for (a forged or replayed code and state)", async () => {
    const { context } = await offlineContext(browser);
    try {
      const { page } = await openExplorer(context, `${explorerUrl}?code=forged-code&state=forged-state`);
      await page.locator("#sign-in-error", { hasText: /did not start a sign-in/ }).waitFor();
      expect(page.url()).toBe(explorerUrl);
      expect(await page.locator("#session-status").textContent()).toBe("Signed out");
    } finally {
      await context.close();
    }
  });
});
