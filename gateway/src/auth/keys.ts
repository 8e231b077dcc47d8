import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, type JSONWebKeySet, type CryptoKey } from "jose";

/** An asymmetric signing key with its public half as a JWKS. */
export interface SigningKey {
  kid: string;
  alg: "ES256";
  privateKey: CryptoKey;
  publicJwk: JWK;
  jwks: JSONWebKeySet;
}

export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return { key: { kid, alg: "ES256", privateKey, publicJwk, jwks: { keys: [publicJwk] } }, privateJwk };
}

/** Reads a private ES256 JWK (JSON text), as given in an environment variable or a file. */
export async function signingKeyFromJwk(text: string): Promise<SigningKey> {
  const jwk = JSON.parse(text) as JWK;
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d) throw new Error("The signing key must be a private EC P-256 JWK (ES256).");
  const kid = jwk.kid ?? "default";
  const privateKey = (await importJWK({ ...jwk, alg: "ES256" }, "ES256")) as CryptoKey;
  const { d: _private, ...publicPart } = jwk;
  const publicJwk = { ...publicPart, kid, alg: "ES256", use: "sig" };
  return { kid, alg: "ES256", privateKey, publicJwk, jwks: { keys: [publicJwk] } };
}

/** Loads a key kept in a file, creating the file (mode 0600) the first time. */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  if (existsSync(file)) return signingKeyFromJwk(readFileSync(file, "utf8"));
  const { key, privateJwk } = await generateSigningKey();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(privateJwk, null, 2), { mode: 0o600 });
  return key;
}
