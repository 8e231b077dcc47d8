import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoute, sendJson } from "../../../subgraphs/shared/src/http.js";
import type { SignInConfig } from "../config.js";
import { webRoutes } from "./routes.js";

/** Serves the gateway's web routes alone, with the given sign-in, on a port of its own. */
async function serveRoutes(signIn: SignInConfig): Promise<{ url: string; close(): Promise<void> }> {
  const routes = webRoutes({ signIn, verify: async () => Promise.reject(new Error("no tokens here")), unreadableFields: () => [] });
  const server = createServer((req, res) => {
    const handler = findRoute(routes, new URL(req.url ?? "/", "http://localhost").pathname, req.method ?? "GET");
    if (typeof handler === "function") return void handler(req, res);
    res.writeHead(404).end();
  });
  return listening(server);
}

async function listening(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the dashboard page at /dashboard", () => {
  let provider: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    // An identity provider's discovery document, nothing more: the page route reads it for its token endpoint.
    const server = createServer((req, res) => {
      if (req.url !== "/.well-known/openid-configuration") return void res.writeHead(404).end();
      const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      sendJson(res, 200, { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, code_challenge_methods_supported: ["S256"] });
    });
    provider = await listening(server);
  });
  afterAll(() => provider?.close());

  it("is served with the strict Content-Security-Policy of the gateway's pages, loading its script from the gateway", async () => {
    const web = await serveRoutes({ mode: "none" });
    try {
      const response = await fetch(`${web.url}/dashboard`);
      expect(response.status).toBe(200);
      const policy = response.headers.get("content-security-policy")!;
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("connect-src 'self';");
      const html = await response.text();
      expect(html).toContain('<script type="module" src="/static/dashboard/dashboard.js"></script>');
      expect(html).not.toMatch(/https?:\/\//);
      expect((await fetch(`${web.url}/static/dashboard/dashboard.js`)).status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it("with OpenID Connect sign-in, lets the page reach the provider's token endpoint and nothing else", async () => {
    const web = await serveRoutes({ mode: "oidc", issuer: provider.url, clientId: "dashboard-test", scope: "openid" });
    try {
      const policy = (await fetch(`${web.url}/dashboard`)).headers.get("content-security-policy")!;
      expect(policy).toContain(`connect-src 'self' ${provider.url};`);
      expect(policy).toContain("script-src 'self';");
    } finally {
      await web.close();
    }
  });
});
