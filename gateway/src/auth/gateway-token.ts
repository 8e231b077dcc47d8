import { KeyObject } from "node:crypto";
import { GATEWAY_TOKEN_ISSUER, GATEWAY_TOKEN_TTL_SECONDS, type Identity } from "../../../subgraphs/shared/src/identity.js";
import { Es256Signer } from "../../../subgraphs/shared/src/es256-jwt.js";
import type { SigningKey } from "./keys.js";

/**
 * Signs the short-lived identity token the gateway sends with every subgraph request. The audience
 * is the subgraph's name: a token copied from one subgraph's traffic is refused by the others.
 * Signed synchronously with a node:crypto key (es256-jwt.ts): several tokens per request, each a
 * fraction of what a WebCrypto signature costs.
 */
export class GatewayTokenSigner {
  private readonly signer: Es256Signer;

  constructor(private readonly key: SigningKey) {
    this.signer = new Es256Signer(KeyObject.from(key.privateKey), key.kid);
  }

  get jwks() {
    return this.key.jwks;
  }

  /** `url` is where the audience listens (peers use it); `operationName` goes into the access log. */
  sign(identity: Identity, audience: string, requestId: string, extra: { url?: string; operationName?: string | null } = {}): string {
    return this.signer.sign(
      {
        role: identity.role,
        orgs: identity.orgs,
        ...(identity.team ? { team: identity.team } : {}),
        rid: requestId,
        ...(extra.url ? { url: extra.url } : {}),
        ...(extra.operationName ? { op: extra.operationName } : {}),
      },
      { issuer: GATEWAY_TOKEN_ISSUER, audience, subject: identity.sub, ttlSeconds: GATEWAY_TOKEN_TTL_SECONDS },
    );
  }
}
