import { GraphQLError } from "graphql";
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { keyObjectsFrom, verifyEs256, withinLifetime } from "./es256-jwt.js";
import { Lru } from "./lru.js";

/**
 * The roles of the covenant (see the matrix "Who may see what").
 * CORPORATION: a housing corporation's staff or integration (woningcorporatie);
 * SDV: the municipal debt service (schulddienstverlening);
 * SWT: a social neighbourhood team (sociaal wijkteam);
 * BUDGET_COACH: receives priority IV signals; ANALYST and COORDINATOR: aggregates and oversight.
 */
export const ROLES = ["CORPORATION", "SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR"] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking. `orgs` holds a corporation id or the CBS codes of the municipalities served. */
export interface Identity {
  sub: string;
  role: Role;
  orgs: string[];
  team?: string;
}

/** Header carrying tokens the gateway made for the other subgraphs, for calls on the caller's behalf. */
export const PEER_TOKENS_HEADER = "x-peer-tokens";

/** What a gateway-signed token says besides the identity. */
export interface GatewayClaims {
  identity: Identity;
  /** The client's operation name, for the access log. */
  operationName: string | null;
  /** Where the audience subgraph listens (used by peers calling it). */
  url: string | null;
}

/** Issuer of the short-lived tokens the gateway signs for its subgraphs. */
export const GATEWAY_TOKEN_ISSUER = "urn:early-warning:gateway";
/** Header carrying the gateway-signed identity token on every subgraph request. */
export const IDENTITY_HEADER = "x-identity-token";
/** Lifetime of a gateway-signed token: long enough for one request's fan-out, no longer. */
export const GATEWAY_TOKEN_TTL_SECONDS = 60;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });
}

/** Reads an identity out of verified claims; claim names are those the gateway writes. */
export function identityFromClaims(payload: JWTPayload): Identity {
  const role = payload.role;
  if (!isRole(role)) throw unauthenticated(`The token carries no known role (one of ${ROLES.join(", ")}).`);
  if (typeof payload.sub !== "string" || payload.sub === "") throw unauthenticated("The token carries no subject.");
  const orgs = Array.isArray(payload.orgs) ? payload.orgs.filter((o): o is string => typeof o === "string") : [];
  const team = typeof payload.team === "string" && payload.team !== "" ? payload.team : undefined;
  return { sub: payload.sub, role, orgs, ...(team ? { team } : {}) };
}

export type GatewayKeySource = { jwksUrl: string } | { jwks: JSONWebKeySet };

/** Verified gateway tokens a subgraph keeps, at most (see createGatewayTokenVerifier). */
const VERIFIED_TOKENS = 10_000;

/**
 * Verifies the gateway-signed identity token of a subgraph request. The audience is the subgraph's
 * own name, so a token the gateway made for one subgraph is refused by another. Checked
 * synchronously with node:crypto (es256-jwt.ts); the keys come from jose's key sets.
 *
 * The gateway hands the same token to a caller's requests for a while (gateway-token.ts), so a
 * token that passed is kept, with the audience it passed for, and is taken again without checking
 * its signature while it has expired neither by `exp` nor by age; the one least recently taken goes
 * first when there are VERIFIED_TOKENS. Only a token that passed every check is kept.
 */
export function createGatewayTokenVerifier(options: { audience: string; keys: GatewayKeySource }) {
  const getKey: JWTVerifyGetKey = "jwksUrl" in options.keys ? createRemoteJWKSet(new URL(options.keys.jwksUrl), { cooldownDuration: 5_000 }) : createLocalJWKSet(options.keys.jwks);
  const keyOf = keyObjectsFrom(getKey);
  const expectations = { issuer: GATEWAY_TOKEN_ISSUER, maxAgeSeconds: GATEWAY_TOKEN_TTL_SECONDS, clockToleranceSeconds: 5 };
  const verified = new Lru<string, { claims: GatewayClaims; iat: number; exp: number }>(VERIFIED_TOKENS);
  return async function verify(token: string | undefined, audience: string = options.audience): Promise<GatewayClaims> {
    if (!token) {
      throw unauthenticated("This subgraph answers only requests relayed by the gateway; send your query to the gateway.");
    }
    const key = `${audience} ${token}`;
    const known = verified.get(key);
    if (known) {
      if (withinLifetime(known, expectations)) return known.claims;
      verified.delete(key);
    }
    try {
      const payload = await verifyEs256(token, keyOf, { ...expectations, audience });
      const claims: GatewayClaims = {
        identity: identityFromClaims(payload as JWTPayload),
        operationName: typeof payload.op === "string" ? payload.op : null,
        url: typeof payload.url === "string" ? payload.url : null,
      };
      verified.set(key, { claims, iat: payload.iat as number, exp: payload.exp as number });
      return claims;
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw unauthenticated("The gateway identity token is invalid or expired; send your query to the gateway.");
    }
  };
}
