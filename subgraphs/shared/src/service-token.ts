import { KeyObject, randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload } from "jose";
import type { SubgraphName } from "./database.js";
import { Es256Signer, keyObjectsFrom, unverifiedPayload, verifyEs256, type JwtHeader } from "./es256-jwt.js";
import { identityFromClaims, unauthenticated, type GatewayKeySource, type Identity } from "./identity.js";
import { tracePeerCall } from "./tracing.js";

/**
 * A subgraph's own calls to another subgraph, made by work that has no caller to act for: a
 * scheduled job (the erasure that follows an objection, retried until it is confirmed; the opening
 * of a case swt could not open when its signal was forwarded). The gateway
 * signs every other subgraph request; these carry a token the calling subgraph signed itself, in
 * their own header, on behalf of the organisation the work is for (e.g. the corporation whose
 * tenant objected). The receiving subgraph accepts such a token only from subgraphs it was told to
 * trust, and only for the root fields it lists for that subgraph (`serviceFields`); everything else
 * still needs the gateway.
 */
export const SERVICE_TOKEN_HEADER = "x-service-token";
export const SERVICE_TOKEN_ALG = "ES256";
export const SERVICE_TOKEN_TTL_SECONDS = 60;

export function serviceTokenIssuer(subgraph: SubgraphName): string {
  return `urn:early-warning:subgraph:${subgraph}`;
}

/** The key a subgraph signs its own calls with, and its public half. */
export interface ServiceKey {
  kid: string;
  privateKey: CryptoKey;
  jwks: JSONWebKeySet;
}

/** A key from a private EC P-256 JWK (JSON text), or a fresh one when none is given. */
export async function serviceKey(privateJwkText?: string): Promise<ServiceKey> {
  if (privateJwkText) {
    const jwk = JSON.parse(privateJwkText) as JWK;
    if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d) throw new Error("SERVICE_SIGNING_KEY must be a private EC P-256 JWK (ES256).");
    const kid = jwk.kid ?? "service";
    const privateKey = (await importJWK({ ...jwk, alg: SERVICE_TOKEN_ALG }, SERVICE_TOKEN_ALG)) as CryptoKey;
    const { d: _private, ...publicPart } = jwk;
    return { kid, privateKey, jwks: { keys: [{ ...publicPart, kid, alg: SERVICE_TOKEN_ALG, use: "sig" }] } };
  }
  const { privateKey, publicKey } = await generateKeyPair(SERVICE_TOKEN_ALG);
  const kid = randomUUID();
  return { kid, privateKey, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: SERVICE_TOKEN_ALG, use: "sig" }] } };
}

/** What `query` asks of a peer; PeerClient (on a caller's behalf) and ServicePeers.as (on its own) both answer it. */
export interface Peers {
  query<T>(peer: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Calls to the other subgraphs signed by this one, for its scheduled jobs. */
export class ServicePeers {
  private readonly signer: Es256Signer;

  constructor(
    private readonly from: SubgraphName,
    private readonly key: ServiceKey,
    /** Where each peer listens, read at every call: a restarted peer may listen elsewhere. */
    private readonly urlOf: (peer: SubgraphName) => string | undefined,
  ) {
    this.signer = new Es256Signer(KeyObject.from(key.privateKey), key.kid);
  }

  /** Peers asked on behalf of `identity` (e.g. the corporation whose objection is being carried out). */
  as(identity: Identity, requestId: string = randomUUID()): Peers {
    return {
      query: async <T>(peer: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
        const url = this.urlOf(peer as SubgraphName);
        if (!url) throw new Error(`No address is configured for the ${peer} subgraph; set ${peer.toUpperCase()}_URL.`);
        const token = this.signer.sign(
          { role: identity.role, orgs: identity.orgs, ...(identity.team ? { team: identity.team } : {}) },
          { issuer: serviceTokenIssuer(this.from), audience: peer, subject: identity.sub, ttlSeconds: SERVICE_TOKEN_TTL_SECONDS },
        );
        const headers: Record<string, string> = { "content-type": "application/json", [SERVICE_TOKEN_HEADER]: token, "x-request-id": requestId };
        // Tracing: a span of its own, which the peer continues (tracing.ts).
        const { response, body } = await tracePeerCall(peer, headers, async () => {
          const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(10_000) });
          return { response, body: (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] } };
        });
        if (!response.ok || body.errors?.length || !body.data) {
          throw new GraphQLError(`The ${peer} service could not be asked (${body.errors?.[0]?.message ?? `HTTP ${response.status}`}).`, {
            extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: peer },
          });
        }
        return body.data;
      },
    };
  }
}

/**
 * Verifies a service token for `audience` (this subgraph): signed by one of the `trusted`
 * subgraphs with its key, short-lived. Answers who it acts for and which subgraph sent it.
 */
export function createServiceTokenVerifier(audience: SubgraphName, trusted: Partial<Record<SubgraphName, GatewayKeySource>>) {
  const keys = new Map<string, { from: SubgraphName; keyOf: (header: JwtHeader) => Promise<KeyObject> }>();
  for (const [from, source] of Object.entries(trusted) as [SubgraphName, GatewayKeySource][]) {
    const getKey = "jwksUrl" in source ? createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 5_000 }) : createLocalJWKSet(source.jwks);
    keys.set(serviceTokenIssuer(from), { from, keyOf: keyObjectsFrom(getKey) });
  }
  return async function verifyService(token: string): Promise<{ identity: Identity; from: SubgraphName }> {
    let issuer: unknown;
    try {
      issuer = unverifiedPayload(token).iss;
    } catch {
      throw unauthenticated("The service token is not a JWT.");
    }
    const trustedIssuer = typeof issuer === "string" ? keys.get(issuer) : undefined;
    if (!trustedIssuer) throw unauthenticated("This subgraph does not accept calls from the issuer of that service token.");
    try {
      const payload = await verifyEs256(token, trustedIssuer.keyOf, {
        issuer: serviceTokenIssuer(trustedIssuer.from),
        audience,
        maxAgeSeconds: SERVICE_TOKEN_TTL_SECONDS,
        clockToleranceSeconds: 5,
      });
      return { identity: identityFromClaims(payload as JWTPayload), from: trustedIssuer.from };
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw unauthenticated("The service token is invalid or expired.");
    }
  };
}
