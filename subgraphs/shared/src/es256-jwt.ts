import { KeyObject, sign, verify } from "node:crypto";
import type { JWTVerifyGetKey } from "jose";

/**
 * ES256 JSON Web Tokens signed and checked synchronously with node:crypto key objects, for the
 * short-lived tokens between the gateway and the subgraphs (several per request). jose goes through
 * WebCrypto, which runs each signature on the thread pool and hands the key across for every call:
 * about three times the work of a direct `crypto.sign`, and a promise per token. The checks are
 * jose's, written out: the algorithm is ES256 and nothing else, the signature is P-256 over the
 * first two parts, the issuer and audience match, the token has expired neither by `exp` nor by
 * age (`iat` plus the lifetime), and no `crit` header asks for something not understood.
 */

export type JwtRefusal = "malformed" | "algorithm" | "signature" | "claims" | "expired";

/** Why a token was refused; the caller turns it into its own UNAUTHENTICATED message. */
export class JwtRefused extends Error {
  constructor(readonly reason: JwtRefusal) {
    super(`JWT refused: ${reason}`);
  }
}

export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
  crit?: unknown;
}

export type JwtPayload = Record<string, unknown> & { iss?: unknown; aud?: unknown; sub?: unknown; iat?: unknown; exp?: unknown; nbf?: unknown };

const ALG = "ES256";

/** The token's moment in whole seconds since the epoch, as JWT claims are written. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** An ES256 signer for one key: the protected header is encoded once. */
export class Es256Signer {
  private readonly encodedHeader: string;

  constructor(
    private readonly privateKey: KeyObject,
    kid: string,
  ) {
    if (privateKey.type !== "private" || privateKey.asymmetricKeyType !== "ec") throw new Error("An ES256 signer needs a private EC P-256 key.");
    this.encodedHeader = Buffer.from(JSON.stringify({ alg: ALG, kid, typ: "JWT" })).toString("base64url");
  }

  /**
   * Signs `claims` with the registered claims added: issuer, audience, subject, issued now, expiring
   * after `ttlSeconds`.
   */
  sign(claims: Record<string, unknown>, registered: { issuer: string; audience: string; subject: string; ttlSeconds: number }, iat = nowSeconds()): string {
    const payload = { ...claims, iss: registered.issuer, aud: registered.audience, sub: registered.subject, iat, exp: iat + registered.ttlSeconds };
    const input = `${this.encodedHeader}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
    const signature = sign("sha256", Buffer.from(input), { key: this.privateKey, dsaEncoding: "ieee-p1363" });
    return `${input}.${signature.toString("base64url")}`;
  }
}

function decodePart<T>(part: string): T {
  const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new JwtRefused("malformed");
  return value as T;
}

/** The payload of a token, not verified: only to choose which verifier to ask. */
export function unverifiedPayload(token: string): JwtPayload {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtRefused("malformed");
  try {
    return decodePart<JwtPayload>(parts[1]!);
  } catch {
    throw new JwtRefused("malformed");
  }
}

/**
 * Finds the public key of a token's `kid`: jose's key sets (local, or fetched with their cache and
 * cool-down), turned into a node:crypto key object once per key.
 */
export function keyObjectsFrom(getKey: JWTVerifyGetKey): (header: JwtHeader) => Promise<KeyObject> {
  const converted = new WeakMap<object, KeyObject>();
  return async (header) => {
    const key = await getKey(header as never, undefined as never);
    if (key instanceof Uint8Array) throw new JwtRefused("algorithm"); // a shared secret is never an ES256 key
    let object = converted.get(key);
    if (!object) {
      object = key instanceof KeyObject ? key : KeyObject.from(key as never);
      converted.set(key, object);
    }
    return object;
  };
}

export interface Es256Expectations {
  issuer: string;
  audience: string;
  /** The longest a token may have lived since `iat`, in seconds. */
  maxAgeSeconds: number;
  /** Clock skew allowed between signer and verifier, in seconds. */
  clockToleranceSeconds: number;
}

/** Verifies an ES256 token and its registered claims; answers its payload, or throws JwtRefused. */
export async function verifyEs256(token: string, keyOf: (header: JwtHeader) => Promise<KeyObject>, expect: Es256Expectations): Promise<JwtPayload> {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) throw new JwtRefused("malformed");
  let header: JwtHeader;
  let payload: JwtPayload;
  try {
    header = decodePart<JwtHeader>(parts[0]);
    payload = decodePart<JwtPayload>(parts[1]);
  } catch {
    throw new JwtRefused("malformed");
  }
  if (header.alg !== ALG) throw new JwtRefused("algorithm");
  if (header.crit !== undefined) throw new JwtRefused("malformed"); // no extension is understood here
  let key: KeyObject;
  try {
    key = await keyOf(header);
  } catch {
    throw new JwtRefused("signature"); // no key of that id: not signed by whom it should be
  }
  const signature = Buffer.from(parts[2], "base64url");
  if (signature.length !== 64 || !verify("sha256", Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: "ieee-p1363" }, signature)) {
    throw new JwtRefused("signature");
  }
  if (payload.iss !== expect.issuer) throw new JwtRefused("claims");
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(expect.audience)) throw new JwtRefused("claims");
  const { iat, exp, nbf } = payload;
  if (typeof iat !== "number" || typeof exp !== "number" || (nbf !== undefined && typeof nbf !== "number")) throw new JwtRefused("claims");
  const now = nowSeconds();
  const tolerance = expect.clockToleranceSeconds;
  if (!withinLifetime({ iat, exp }, expect, now)) throw new JwtRefused("expired");
  if (iat - tolerance > now) throw new JwtRefused("claims"); // issued in the future
  if (typeof nbf === "number" && nbf - tolerance > now) throw new JwtRefused("claims");
  return payload;
}

/**
 * Whether a token has, at `now`, expired neither by `exp` nor by age (`iat` plus the lifetime),
 * with the clock tolerance: the expiry checks of verifyEs256, for a token verified before.
 */
export function withinLifetime(token: { iat: number; exp: number }, expect: Pick<Es256Expectations, "maxAgeSeconds" | "clockToleranceSeconds">, now = nowSeconds()): boolean {
  const tolerance = expect.clockToleranceSeconds;
  return token.exp > now - tolerance && now - token.iat - tolerance <= expect.maxAgeSeconds;
}
