import { KeyObject } from "node:crypto";
import { GATEWAY_TOKEN_ISSUER, GATEWAY_TOKEN_TTL_SECONDS, type Identity } from "../../../subgraphs/shared/src/identity.js";
import { Es256Signer, nowSeconds } from "../../../subgraphs/shared/src/es256-jwt.js";
import { Lru } from "../../../subgraphs/shared/src/lru.js";
import type { SigningKey } from "./keys.js";

/**
 * A token is handed out again for this long after it was signed, to later requests of the same
 * caller for the same subgraph and operation; it is then still valid for the rest of its minute,
 * enough for a request's fan-out. Well within GATEWAY_TOKEN_TTL_SECONDS, which is not changed.
 */
export const GATEWAY_TOKEN_REUSE_SECONDS = 30;
/** Callers, subgraphs and operations whose tokens are kept for reuse, at most. */
const REUSED_TOKENS = 10_000;

/**
 * Signs the short-lived identity token the gateway sends with every subgraph request. The audience
 * is the subgraph's name: a token copied from one subgraph's traffic is refused by the others.
 * Signed synchronously with a node:crypto key (es256-jwt.ts): several tokens per request, each a
 * fraction of what a WebCrypto signature costs.
 *
 * A token says who asks (subject, role, organisations, team), for which subgraph, where it listens
 * and the operation's name, and nothing of one request: the same caller's next request for the
 * same subgraph and operation gets the same token within GATEWAY_TOKEN_REUSE_SECONDS of its
 * signing, so neither the gateway signs, nor the subgraph verifies (identity.ts), again and again.
 * Anyone who could replay a token could replay it for its whole minute as well.
 */
export class GatewayTokenSigner {
  private readonly signer: Es256Signer;
  private readonly reused = new Lru<string, { token: string; signedAt: number }>(REUSED_TOKENS);

  constructor(private readonly key: SigningKey) {
    this.signer = new Es256Signer(KeyObject.from(key.privateKey), key.kid);
  }

  get jwks() {
    return this.key.jwks;
  }

  /** `url` is where the audience listens (peers use it); `operationName` goes into the access log. */
  sign(identity: Identity, audience: string, extra: { url?: string; operationName?: string | null } = {}): string {
    const key = JSON.stringify([audience, identity.sub, identity.role, identity.orgs, identity.team ?? null, extra.url ?? null, extra.operationName ?? null]);
    const now = nowSeconds();
    const known = this.reused.get(key);
    // A token signed in the future (the clock set back) is not handed out either.
    if (known && now >= known.signedAt && now - known.signedAt < GATEWAY_TOKEN_REUSE_SECONDS) return known.token;
    const token = this.signer.sign(
      {
        role: identity.role,
        orgs: identity.orgs,
        ...(identity.team ? { team: identity.team } : {}),
        ...(extra.url ? { url: extra.url } : {}),
        ...(extra.operationName ? { op: extra.operationName } : {}),
      },
      { issuer: GATEWAY_TOKEN_ISSUER, audience, subject: identity.sub, ttlSeconds: GATEWAY_TOKEN_TTL_SECONDS },
      now,
    );
    this.reused.set(key, { token, signedAt: now });
    return token;
  }
}
