import path from "node:path";
import { SignJWT } from "jose";
import type { Role } from "../../../subgraphs/shared/src/identity.js";
import { loadOrCreateSigningKey, type SigningKey } from "./keys.js";

/**
 * The local development issuer: stands in for a partner's identity provider on a developer's
 * machine. Its key lives in the data folder; production configures AUTH_JWKS_URL instead.
 */
export const DEV_ISSUER = "urn:early-warning:dev-issuer";
export const DEV_AUDIENCE = "early-warning-graph";

export function devIssuerKeyFile(dataDir: string): string {
  return path.join(dataDir, "dev-issuer", "signing-key.json");
}

export function loadDevIssuerKey(dataDir: string): Promise<SigningKey> {
  return loadOrCreateSigningKey(devIssuerKeyFile(dataDir));
}

export interface DevTokenClaims {
  role: Role;
  orgs?: string[];
  team?: string;
  sub?: string;
  ttlSeconds?: number;
}

export function signDevToken(key: SigningKey, claims: DevTokenClaims): Promise<string> {
  return new SignJWT({ role: claims.role, org: claims.orgs ?? [], ...(claims.team ? { team: claims.team } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.sub ?? `dev-${claims.role.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.ttlSeconds ?? 8 * 3600))
    .sign(key.privateKey);
}
