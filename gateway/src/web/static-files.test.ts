import { createServer, type Server } from "node:http";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoute } from "../../../subgraphs/shared/src/http.js";
import { staticFiles } from "./static-files.js";

describe("the gateway's static files", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), "static-files-"));
    mkdirSync(join(folder, "public"));
    writeFileSync(join(folder, "public", "page.html"), "<p>a page</p>");
    writeFileSync(join(folder, "public", "notes.txt"), "not a served type");
    writeFileSync(join(folder, "secret.json"), '{"secret": true}');
    const handler = staticFiles("/files/", join(folder, "public"));
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("serves a file below its folder with a strict Content-Security-Policy", async () => {
    const response = await fetch(`${base}/files/page.html`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<p>a page</p>");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves only files of a known type", async () => {
    expect((await fetch(`${base}/files/notes.txt`)).status).toBe(404);
    expect((await fetch(`${base}/files/`)).status).toBe(404);
  });

  it("never serves a path that leaves its folder, however it is spelled", async () => {
    for (const path of ["/files/../secret.json", "/files/%2e%2e/secret.json", "/files/..%2fsecret.json", "/files/%2e%2e%5csecret.json", "/files/%E0%A4%A"]) {
      const response = await fetch(`${base}${path}`);
      expect([400, 404]).toContain(response.status);
      expect(await response.text()).not.toContain("secret");
    }
  });
});

describe("routes beside /graphql", () => {
  const page = () => undefined;
  const signIn = { methods: ["POST"], handle: () => undefined };
  const routes = { "/health": page, "/explore/*": page, "/explore/assets/*": signIn, "/sign-in": signIn };

  it("match a path exactly, else the longest prefix it falls under", () => {
    expect(findRoute(routes, "/health", "GET")).toBe(page);
    expect(findRoute(routes, "/explore/index.html", "GET")).toBe(page);
    expect(findRoute(routes, "/explore/assets/a.js", "POST")).toBe(signIn.handle);
    expect(findRoute(routes, "/explorer", "GET")).toBeUndefined();
    expect(findRoute(routes, "/nothing", "GET")).toBeUndefined();
  });

  it("answer only the methods they name; a bare handler answers GET and HEAD", () => {
    expect(findRoute(routes, "/health", "HEAD")).toBe(page);
    expect(findRoute(routes, "/health", "POST")).toBe("method not allowed");
    expect(findRoute(routes, "/sign-in", "GET")).toBe("method not allowed");
  });
});
