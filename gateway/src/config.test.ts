import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metricsConfig, signInConfig } from "./config.js";

describe("where the gateway serves its metrics", () => {
  it("serves them on port 9464 of the given host by default, never the public port", () => {
    expect(metricsConfig({}, "127.0.0.1")).toEqual({ port: 9464, host: "127.0.0.1" });
    expect(metricsConfig({ METRICS_PORT: "9100", METRICS_HOST: "10.0.0.5", METRICS_TOKEN: " s3cret " }, "0.0.0.0")).toEqual({ port: 9100, host: "10.0.0.5", token: "s3cret" });
    expect(metricsConfig({ METRICS_PORT: "off" })).toBeUndefined();
  });

  it("refuses a port that is no port, or the public port itself", () => {
    for (const port of ["abc", "-1", "70000", "94.64"]) expect(() => metricsConfig({ METRICS_PORT: port }), port).toThrow(/METRICS_PORT must be a port number/);
    expect(() => metricsConfig({ METRICS_PORT: "4000", PORT: "4000" })).toThrow(/must differ from PORT/);
  });
});

describe("how a person signs in from the gateway's pages", () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), "sign-in-config-"));

  it("offers the development issuer on a developer's machine, and never in production", async () => {
    expect((await signInConfig({ DATA_DIR: dataDir() })).mode).toBe("development");
    expect(await signInConfig({ DATA_DIR: dataDir(), NODE_ENV: "production" })).toEqual({ mode: "none" });
  });

  it("offers no development issuer when the partners' identity provider is configured", async () => {
    const provider = { AUTH_JWKS_URL: "https://idp.example.nl/jwks", AUTH_ISSUER: "https://idp.example.nl", AUTH_AUDIENCE: "early-warning-graph", DATA_DIR: dataDir() };
    expect(await signInConfig(provider)).toEqual({ mode: "none" });
    expect(await signInConfig({ ...provider, AUTH_CLIENT_ID: "explorer" })).toEqual({ mode: "oidc", issuer: "https://idp.example.nl", clientId: "explorer", scope: "openid" });
    expect(await signInConfig({ ...provider, AUTH_CLIENT_ID: "explorer", AUTH_SCOPE: "profile graph" })).toMatchObject({ scope: "openid profile graph" });
  });

  it("refuses an identity provider reached over plain http anywhere but this machine", async () => {
    const provider = { AUTH_JWKS_URL: "http://idp.example.nl/jwks", AUTH_AUDIENCE: "early-warning-graph", AUTH_CLIENT_ID: "explorer" };
    await expect(signInConfig({ ...provider, AUTH_ISSUER: "http://idp.example.nl" })).rejects.toThrow(/must use https/);
    await expect(signInConfig({ ...provider, AUTH_ISSUER: "urn:not-a-place" })).rejects.toThrow(/must use https/);
    await expect(signInConfig({ ...provider, AUTH_ISSUER: "not a url" })).rejects.toThrow(/must be the identity provider's URL/);
    await expect(signInConfig({ ...provider, AUTH_ISSUER: "http://127.0.0.1:9000" })).resolves.toMatchObject({ mode: "oidc" });
  });
});
