import path from "node:path";
import { readFileSync } from "node:fs";
import { DEV_AUDIENCE, DEV_ISSUER, loadDevIssuerKey } from "./auth/dev-issuer.js";
import { generateSigningKey, loadOrCreateSigningKey, signingKeyFromJwk, type SigningKey } from "./auth/keys.js";
import { DEFAULT_CLAIMS, type UserTokenConfig } from "./auth/user-token.js";

/** The project's data folder: embedded PostgreSQL, development keys. */
export function dataDir(env = process.env): string {
  return path.resolve(env.DATA_DIR ?? ".data");
}

/**
 * How callers' tokens are verified. With AUTH_JWKS_URL (production): the partners' identity
 * provider, with AUTH_ISSUER and AUTH_AUDIENCE required. Without it: the local development issuer,
 * which is refused when NODE_ENV=production.
 */
export async function userTokenConfig(env = process.env): Promise<UserTokenConfig> {
  const claims = {
    role: env.AUTH_ROLE_CLAIM ?? DEFAULT_CLAIMS.role,
    org: env.AUTH_ORG_CLAIM ?? DEFAULT_CLAIMS.org,
    team: env.AUTH_TEAM_CLAIM ?? DEFAULT_CLAIMS.team,
  };
  const clockToleranceSeconds = Number(env.AUTH_CLOCK_TOLERANCE_SECONDS ?? 30);
  if (env.AUTH_JWKS_URL) {
    if (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE) throw new Error("With AUTH_JWKS_URL, set AUTH_ISSUER and AUTH_AUDIENCE too.");
    return {
      keys: { jwksUrl: env.AUTH_JWKS_URL },
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      algorithms: (env.AUTH_ALGORITHMS ?? "ES256,RS256").split(",").map((a) => a.trim()),
      clockToleranceSeconds,
      claims,
      jwksCooldownSeconds: Number(env.AUTH_JWKS_COOLDOWN_SECONDS ?? 30),
    };
  }
  if (env.NODE_ENV === "production") {
    throw new Error("NODE_ENV=production needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE; the development issuer is not for production.");
  }
  const key = await loadDevIssuerKey(dataDir(env));
  return { keys: { jwks: key.jwks }, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ["ES256"], clockToleranceSeconds, claims };
}

/**
 * The key the gateway signs subgraph identity tokens with: GATEWAY_SIGNING_KEY (a private EC P-256
 * JWK) or GATEWAY_SIGNING_KEY_FILE; in development one kept in the data folder; else a fresh one.
 */
export async function gatewaySigningKey(env = process.env, persistInDataDir = false): Promise<SigningKey> {
  if (env.GATEWAY_SIGNING_KEY) return signingKeyFromJwk(env.GATEWAY_SIGNING_KEY);
  if (env.GATEWAY_SIGNING_KEY_FILE) return signingKeyFromJwk(readFileSync(env.GATEWAY_SIGNING_KEY_FILE, "utf8"));
  if (persistInDataDir) return loadOrCreateSigningKey(path.join(dataDir(env), "gateway", "signing-key.json"));
  return (await generateSigningKey()).key;
}

/**
 * Where the gateway serves /metrics: METRICS_PORT (9464, Prometheus exporters' usual port) on
 * METRICS_HOST (127.0.0.1 unless told otherwise), never on the public port; METRICS_TOKEN, when
 * set, must be sent as a Bearer token. METRICS_PORT=off serves no metrics at all.
 */
export function metricsConfig(env = process.env, defaultHost = "127.0.0.1"): { port: number; host: string; token?: string } | undefined {
  const raw = (env.METRICS_PORT ?? "9464").trim();
  if (raw === "off") return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`METRICS_PORT must be a port number (0-65535) or off, not ${JSON.stringify(raw)}.`);
  if (env.PORT !== undefined && Number(env.PORT) === port && port !== 0) throw new Error("METRICS_PORT must differ from PORT: metrics are not served on the public port.");
  const token = env.METRICS_TOKEN?.trim();
  return { port, host: env.METRICS_HOST ?? defaultHost, ...(token ? { token } : {}) };
}

export function subgraphUrls(env = process.env): Record<string, string> {
  return {
    corporations: env.CORPORATIONS_URL ?? "http://127.0.0.1:4001/graphql",
    sdv: env.SDV_URL ?? "http://127.0.0.1:4002/graphql",
    swt: env.SWT_URL ?? "http://127.0.0.1:4003/graphql",
  };
}

export function supergraphPath(env = process.env): string {
  return path.resolve(env.SUPERGRAPH_PATH ?? path.join("schema", "supergraph.graphql"));
}

/**
 * How a person signs in from a browser (the explorer, the dashboard). Without AUTH_JWKS_URL and
 * outside production: the development issuer mints a token for the role, organisations and team
 * chosen on the page. With AUTH_JWKS_URL and AUTH_CLIENT_ID: OpenID Connect's authorization-code
 * flow with PKCE against AUTH_ISSUER, as the public client AUTH_CLIENT_ID, asking AUTH_SCOPE.
 * With AUTH_JWKS_URL and no AUTH_CLIENT_ID the pages offer no sign-in.
 */
export type SignInConfig = { mode: "development"; issuerKey: SigningKey } | { mode: "oidc"; issuer: string; clientId: string; scope: string } | { mode: "none" };

export async function signInConfig(env = process.env): Promise<SignInConfig> {
  if (env.AUTH_JWKS_URL) {
    const clientId = env.AUTH_CLIENT_ID?.trim();
    if (!clientId) return { mode: "none" };
    if (!env.AUTH_ISSUER) throw new Error("With AUTH_CLIENT_ID, set AUTH_ISSUER: the browser signs in at that issuer.");
    let issuer: URL;
    try {
      issuer = new URL(env.AUTH_ISSUER);
    } catch {
      throw new Error(`AUTH_ISSUER must be the identity provider's URL (https://...) for browser sign-in, not ${JSON.stringify(env.AUTH_ISSUER)}.`);
    }
    if (issuer.protocol !== "https:" && !["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname)) {
      throw new Error(`AUTH_ISSUER must use https for browser sign-in (plain http only on this machine), not ${JSON.stringify(env.AUTH_ISSUER)}.`);
    }
    const scope = (env.AUTH_SCOPE ?? "openid").trim();
    return { mode: "oidc", issuer: env.AUTH_ISSUER, clientId, scope: scope.split(/\s+/).includes("openid") ? scope : `openid ${scope}` };
  }
  if (env.NODE_ENV === "production") return { mode: "none" };
  return { mode: "development", issuerKey: await loadDevIssuerKey(dataDir(env)) };
}
