import { KeyObject, sign } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignJWT } from "jose";
import { GatewayTokenSigner } from "../../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../../gateway/src/auth/keys.js";
import { createGatewayTokenVerifier, GATEWAY_TOKEN_ISSUER, type Identity } from "./identity.js";

const caller: Identity = { sub: "worker", role: "SDV", orgs: ["0392"] };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("a subgraph verifying the gateway's identity token", () => {
  it("accepts a fresh token the gateway made for it, with the caller and the operation name", async () => {
    const { key } = await generateSigningKey();
    const verify = createGatewayTokenVerifier({ audience: "sdv", keys: { jwks: key.jwks } });
    const token = await new GatewayTokenSigner(key).sign(caller, "sdv", { operationName: "Q", url: "http://sdv/graphql" });
    await expect(verify(token)).resolves.toEqual({ identity: caller, operationName: "Q", url: "http://sdv/graphql" });
  });

  it("refuses a token made for another subgraph: a copied token does not travel", async () => {
    const { key } = await generateSigningKey();
    const verify = createGatewayTokenVerifier({ audience: "corporations", keys: { jwks: key.jwks } });
    const forSdv = await new GatewayTokenSigner(key).sign(caller, "sdv");
    await expect(verify(forSdv)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("refuses a token signed by any other key, an expired one, an old one, and alg none", async () => {
    const { key } = await generateSigningKey();
    const other = (await generateSigningKey()).key;
    const verify = createGatewayTokenVerifier({ audience: "sdv", keys: { jwks: key.jwks } });
    await expect(verify(await new GatewayTokenSigner(other).sign(caller, "sdv"))).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: { iat: number; exp: number }) =>
      new SignJWT({ role: "SDV", orgs: ["0392"] })
        .setProtectedHeader({ alg: "ES256", kid: key.kid })
        .setIssuer(GATEWAY_TOKEN_ISSUER)
        .setAudience("sdv")
        .setSubject("x")
        .setIssuedAt(claims.iat)
        .setExpirationTime(claims.exp)
        .sign(key.privateKey);
    await expect(verify(await sign({ iat: now - 120, exp: now - 60 }))).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    // Not yet expired, but issued long ago: a token lives one request's fan-out, no longer.
    await expect(verify(await sign({ iat: now - 3600, exp: now + 3600 }))).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const none = `${b64({ alg: "none" })}.${b64({ iss: GATEWAY_TOKEN_ISSUER, aud: "sdv", sub: "x", role: "COORDINATOR", iat: now, exp: now + 60 })}.`;
    await expect(verify(none)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    await expect(verify(undefined)).rejects.toThrow(/send your query to the gateway/);
  });

  it("refuses a token whose claims were changed after signing, or whose header asks for an extension", async () => {
    const { key } = await generateSigningKey();
    const verify = createGatewayTokenVerifier({ audience: "sdv", keys: { jwks: key.jwks } });
    const token = await new GatewayTokenSigner(key).sign(caller, "sdv");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
    const promoted = `${header}.${b64({ ...claims, role: "COORDINATOR" })}.${signature}`;
    await expect(verify(promoted)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const now = Math.floor(Date.now() / 1000);
    // Signed by the right key, but its header makes an extension critical that no subgraph understands.
    const input = `${b64({ alg: "ES256", kid: key.kid, crit: ["x-only-here"], "x-only-here": true })}.${b64({ ...claims, iat: now, exp: now + 60 })}`;
    const critical = `${input}.${sign("sha256", Buffer.from(input), { key: KeyObject.from(key.privateKey), dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
    await expect(verify(critical)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("writes the audience, a lifetime of at most a minute and the ES256 algorithm into every token it signs", async () => {
    const { key } = await generateSigningKey();
    const token = await new GatewayTokenSigner(key).sign(caller, "swt", { url: "http://swt/graphql" });
    const [header, payload] = token
      .split(".")
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
    expect(header).toEqual({ alg: "ES256", kid: key.kid, typ: "JWT" });
    expect(payload).toMatchObject({ iss: GATEWAY_TOKEN_ISSUER, aud: "swt", sub: "worker", role: "SDV", orgs: ["0392"], url: "http://swt/graphql" });
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(60);
  });
});

describe("a token handed out again, and a token verified before", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is the same token for the same caller, subgraph and operation within 30 seconds, and a new one after", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T09:00:00Z"));
    const signer = new GatewayTokenSigner((await generateSigningKey()).key);
    const first = signer.sign(caller, "sdv", { operationName: "Q", url: "http://sdv/graphql" });
    vi.setSystemTime(new Date("2026-12-02T09:00:29Z"));
    expect(signer.sign(caller, "sdv", { operationName: "Q", url: "http://sdv/graphql" })).toBe(first);
    vi.setSystemTime(new Date("2026-12-02T09:00:30Z"));
    const later = signer.sign(caller, "sdv", { operationName: "Q", url: "http://sdv/graphql" });
    expect(later).not.toBe(first);
    const iat = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")).iat;
    expect(iat(later) - iat(first)).toBe(30);
  });

  it("is never another caller's, another subgraph's or another operation's token", async () => {
    const signer = new GatewayTokenSigner((await generateSigningKey()).key);
    const base = signer.sign(caller, "sdv", { operationName: "Q", url: "http://sdv/graphql" });
    const others = [
      signer.sign(caller, "swt", { operationName: "Q", url: "http://sdv/graphql" }),
      signer.sign(caller, "sdv", { operationName: "R", url: "http://sdv/graphql" }),
      signer.sign(caller, "sdv", { url: "http://sdv/graphql" }),
      signer.sign({ ...caller, sub: "someone-else" }, "sdv", { operationName: "Q", url: "http://sdv/graphql" }),
      signer.sign({ ...caller, role: "SWT" }, "sdv", { operationName: "Q", url: "http://sdv/graphql" }),
      signer.sign({ ...caller, orgs: ["0392", "0473"] }, "sdv", { operationName: "Q", url: "http://sdv/graphql" }),
      signer.sign({ ...caller, team: "haarlem-schalkwijk" }, "sdv", { operationName: "Q", url: "http://sdv/graphql" }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it("is refused once it has expired, though it passed before, and is never taken for another audience", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T09:00:00Z"));
    const { key } = await generateSigningKey();
    const verify = createGatewayTokenVerifier({ audience: "sdv", keys: { jwks: key.jwks } });
    const token = new GatewayTokenSigner(key).sign(caller, "sdv");
    await expect(verify(token)).resolves.toMatchObject({ identity: caller });
    // A peer's verifier asks for its own audience: the kept token passed for sdv only.
    await expect(verify(token, "swt")).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    // The lifetime is 60 seconds, with 5 seconds of tolerance for the clocks.
    vi.setSystemTime(new Date("2026-12-02T09:01:04Z"));
    await expect(verify(token)).resolves.toMatchObject({ identity: caller });
    vi.setSystemTime(new Date("2026-12-02T09:01:05Z"));
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("keeps only a token that passed: a forged one is refused every time", async () => {
    const { key } = await generateSigningKey();
    const verify = createGatewayTokenVerifier({ audience: "sdv", keys: { jwks: key.jwks } });
    const token = new GatewayTokenSigner(key).sign(caller, "sdv");
    const [header, , signature] = token.split(".");
    const forged = `${header}.${b64({ role: "COORDINATOR", orgs: [], sub: "worker", iss: GATEWAY_TOKEN_ISSUER, aud: "sdv", iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 })}.${signature}`;
    await expect(verify(token)).resolves.toMatchObject({ identity: caller });
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });
});
