import { SignJWT } from "jose";
import {
  GATEWAY_TOKEN_ALG,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TTL_SECONDS,
  type Identity,
} from "../../../subgraphs/shared/src/identity.js";
import type { SigningKey } from "./keys.js";

/**
 * Signs the short-lived identity token the gateway sends with every subgraph request. The audience
 * is the subgraph's name: a token copied from one subgraph's traffic is refused by the others.
 */
export class GatewayTokenSigner {
  constructor(private readonly key: SigningKey) {}

  get jwks() {
    return this.key.jwks;
  }

  /** `url` is where the audience listens (peers use it); `operationName` goes into the access log. */
  sign(identity: Identity, audience: string, requestId: string, extra: { url?: string; operationName?: string | null } = {}): Promise<string> {
    return new SignJWT({
      role: identity.role,
      orgs: identity.orgs,
      ...(identity.team ? { team: identity.team } : {}),
      rid: requestId,
      ...(extra.url ? { url: extra.url } : {}),
      ...(extra.operationName ? { op: extra.operationName } : {}),
    })
      .setProtectedHeader({ alg: GATEWAY_TOKEN_ALG, kid: this.key.kid, typ: "JWT" })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setAudience(audience)
      .setSubject(identity.sub)
      .setIssuedAt()
      .setExpirationTime(`${GATEWAY_TOKEN_TTL_SECONDS}s`)
      .sign(this.key.privateKey);
  }
}
