import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { isRole, ROLES, unauthenticated, type Identity } from "../../../subgraphs/shared/src/identity.js";
import { claimsMismatch } from "./claims.js";

/** Where the claims of a partner's token are found; partners' identity providers differ. */
export interface ClaimNames {
  role: string;
  org: string;
  team: string;
}

export interface UserTokenConfig {
  keys: { jwksUrl: string } | { jwks: JSONWebKeySet };
  issuer: string;
  audience: string;
  /** Allowed signature algorithms: asymmetric only, so a public key can never act as an HMAC secret. */
  algorithms: string[];
  clockToleranceSeconds: number;
  claims: ClaimNames;
  /** How long after fetching the key set an unknown key id may trigger another fetch (rotation). */
  jwksCooldownSeconds?: number;
}

export const DEFAULT_CLAIMS: ClaimNames = { role: "role", org: "org", team: "team" };
export const ASYMMETRIC_ALGORITHMS = ["ES256", "ES384", "RS256", "PS256", "EdDSA"];

function claimAt(payload: JWTPayload, name: string): unknown {
  // Dotted names reach nested claims, e.g. "realm_access.role".
  return name.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), payload);
}

function toList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  if (typeof value === "string" && value !== "") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Verifies a partner's Bearer JWT and reads the caller out of it. */
export function createUserTokenVerifier(config: UserTokenConfig) {
  const algorithms = config.algorithms.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg));
  if (algorithms.length === 0) throw new Error(`AUTH_ALGORITHMS must name at least one of ${ASYMMETRIC_ALGORITHMS.join(", ")}.`);
  const getKey: JWTVerifyGetKey =
    "jwksUrl" in config.keys
      ? createRemoteJWKSet(new URL(config.keys.jwksUrl), { cooldownDuration: (config.jwksCooldownSeconds ?? 30) * 1000, cacheMaxAge: 10 * 60_000 })
      : createLocalJWKSet(config.keys.jwks);

  return async function verify(authorization: string | undefined): Promise<Identity> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match) throw unauthenticated("Send a token: Authorization: Bearer <JWT>. `npm run token -- --role SDV --org 0392` prints one for development.");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, getKey, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated("The token has expired; get a new one.");
      throw unauthenticated("The token is not valid for this graph (signature, issuer, audience or algorithm).");
    }
    const role = claimAt(payload, config.claims.role);
    const roleName = Array.isArray(role) ? role.find(isRole) : role;
    if (!isRole(roleName)) throw unauthenticated(`The token carries no role this graph knows (one of ${ROLES.join(", ")}).`);
    const teams = toList(claimAt(payload, config.claims.team));
    if (teams.length > 1) throw unauthenticated(`The token's ${config.claims.team} claim names ${teams.length} teams; a token acts for one team at most.`);
    const team = teams[0];
    const identity: Identity = { sub: payload.sub!, role: roleName, orgs: toList(claimAt(payload, config.claims.org)), ...(team ? { team } : {}) };
    // Claims that do not fit each other (an SWT team in a corporation's token, a team of another
    // municipality) would be read by each policy in its own way: refuse them here, once.
    const mismatch = claimsMismatch(identity, config.claims);
    if (mismatch) throw unauthenticated(mismatch);
    return identity;
  };
}
