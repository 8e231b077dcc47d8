import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from "./dev-issuer.js";
import { generateSigningKey } from "./keys.js";
import { createUserTokenVerifier, DEFAULT_CLAIMS } from "./user-token.js";

async function setup(claims = DEFAULT_CLAIMS) {
  const { key } = await generateSigningKey();
  const verify = createUserTokenVerifier({
    keys: { jwks: key.jwks },
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    algorithms: ["ES256"],
    clockToleranceSeconds: 5,
    claims,
  });
  return { key, verify };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("verifying a partner's token at the gateway", () => {
  it("reads role, organisations and team from a valid token", async () => {
    const { key, verify } = await setup();
    const token = await signDevToken(key, { role: "SWT", orgs: ["0392"], team: "haarlem-oost", sub: "worker-1" });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ sub: "worker-1", role: "SWT", orgs: ["0392"], team: "haarlem-oost" });
  });

  it("refuses a missing token, an expired one, and one for another audience or issuer", async () => {
    const { key, verify } = await setup();
    await expect(verify(undefined)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const expired = await new SignJWT({ role: "SDV" })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("x")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key.privateKey);
    await expect(verify(`Bearer ${expired}`)).rejects.toThrow(/expired/);
    const otherAudience = await new SignJWT({ role: "SDV" })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience("another-api")
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(key.privateKey);
    await expect(verify(`Bearer ${otherAudience}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const otherIssuer = await new SignJWT({ role: "SDV" })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer("https://evil.example")
      .setAudience(DEV_AUDIENCE)
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(key.privateKey);
    await expect(verify(`Bearer ${otherIssuer}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("refuses alg none and an HMAC token keyed with the public key", async () => {
    const { key, verify } = await setup();
    const claims = { role: "COORDINATOR", sub: "x", iss: DEV_ISSUER, aud: DEV_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 };
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
    await expect(verify(`Bearer ${none}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const input = `${b64({ alg: "HS256", typ: "JWT", kid: key.kid })}.${b64(claims)}`;
    const confused = `${input}.${createHmac("sha256", JSON.stringify(key.publicJwk)).update(input).digest("base64url")}`;
    await expect(verify(`Bearer ${confused}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("refuses a token without a known role", async () => {
    const { key, verify } = await setup();
    const token = await new SignJWT({ role: "ADMIN" })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(key.privateKey);
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/role/);
  });

  it("refuses, as UNAUTHENTICATED, a token whose claims do not fit each other, saying which claim", async () => {
    const { key, verify } = await setup();
    const misfits = [
      [{ role: "SWT", orgs: ["0473"], team: "haarlem-schalkwijk" }, /team claim names "haarlem-schalkwijk", a team of 0392/],
      [{ role: "SWT", orgs: ["0392"], team: "budget-coach" }, /team claim names "budget-coach", which does not fit the role SWT/],
      [{ role: "BUDGET_COACH", orgs: ["0392"], team: "zandvoort" }, /team claim names "zandvoort", which does not fit the role BUDGET_COACH/],
      [{ role: "CORPORATION", orgs: ["elan-wonen"], team: "haarlem-oost" }, /the role CORPORATION belongs to no team/],
      [{ role: "CORPORATION", orgs: ["0392"] }, /org claim names "0392", which is not a corporation/],
      [{ role: "SDV", orgs: ["ymere"] }, /org claim names "ymere", which is not a municipality/],
      [{ role: "ANALYST", orgs: [] }, /org claim is empty/],
    ] as const;
    for (const [claims, message] of misfits) {
      const token = await signDevToken(key, { ...claims, orgs: [...claims.orgs] });
      const refusal = await verify(`Bearer ${token}`).then(
        () => undefined,
        (error: unknown) => error as { message: string; extensions: Record<string, unknown> },
      );
      expect(refusal?.extensions.code, JSON.stringify(claims)).toBe("UNAUTHENTICATED");
      expect(refusal?.message).toMatch(message);
    }
  });

  it("refuses a token with more than one team", async () => {
    const { key, verify } = await setup();
    const token = await new SignJWT({ role: "SWT", org: ["0392"], team: ["haarlem-oost", "haarlem-noord"] })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(key.privateKey);
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/names 2 teams/);
  });

  it("reads roles and organisations from configured, nested claims", async () => {
    const { key, verify } = await setup({ role: "realm_access.roles", org: "organisation", team: "team" });
    const token = await new SignJWT({ realm_access: { roles: ["offline_access", "SDV"] }, organisation: "0392 0473" })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject("u")
      .setExpirationTime("1h")
      .sign(key.privateKey);
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ sub: "u", role: "SDV", orgs: ["0392", "0473"] });
  });
});

describe("a production identity provider's key set (JWKS over HTTP)", () => {
  it("accepts tokens of a key added by rotation, and refuses those of a key that was removed", async () => {
    const { createServer } = await import("node:http");
    const first = (await generateSigningKey()).key;
    const second = (await generateSigningKey()).key;
    let published = [first.publicJwk];
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const verify = createUserTokenVerifier({
        keys: { jwksUrl: `http://127.0.0.1:${port}/jwks.json` },
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ["ES256"],
        clockToleranceSeconds: 5,
        claims: DEFAULT_CLAIMS,
        jwksCooldownSeconds: 0,
      });
      await expect(verify(`Bearer ${await signDevToken(first, { role: "SDV", orgs: ["0392"] })}`)).resolves.toMatchObject({ role: "SDV" });
      // The provider rotates: the new key is published, the old one withdrawn.
      published = [second.publicJwk];
      await expect(verify(`Bearer ${await signDevToken(second, { role: "SWT", orgs: ["0473"], team: "zandvoort" })}`)).resolves.toMatchObject({ role: "SWT" });
      // The set was fetched anew for the unknown key id, so the withdrawn key no longer verifies.
      await expect(verify(`Bearer ${await signDevToken(first, { role: "SDV", orgs: ["0392"] })}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    } finally {
      server.close();
    }
  });
});
