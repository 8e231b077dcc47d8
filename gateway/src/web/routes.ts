import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { resolve } from "node:path";
import { decodeJwt } from "jose";
import { headerValue, sendJson, type Route, type RouteHandler } from "../../../subgraphs/shared/src/http.js";
import { BUDGET_COACH_TEAM, CORPORATIONS, MUNICIPALITIES, TEAMS } from "../../../subgraphs/shared/src/covenant/organisations.js";
import { isRole, ROLES, type Identity } from "../../../subgraphs/shared/src/identity.js";
import { logger } from "../../../subgraphs/shared/src/logger.js";
import { claimsMismatch } from "../auth/claims.js";
import { signDevToken } from "../auth/dev-issuer.js";
import type { SignInConfig } from "../config.js";
import { PAGE_SECURITY_HEADERS, projectRoot, sendPage, staticFiles } from "./static-files.js";

export interface WebRoutesOptions {
  signIn: SignInConfig;
  /** Verifies a caller's `Authorization` header as /graphql does; throws when it does not hold. */
  verify: (authorization: string | undefined) => Promise<Identity>;
  /** The fields a caller may not read, as the gateway enforces them (AuthorizingGateway). */
  unreadableFields: (identity: Identity) => string[];
}

/** A sign-in request is a few claims; anything larger is not one. */
const MAX_SIGN_IN_BODY_BYTES = 4 * 1024;
/** How long a browser's development token lasts: a working day, as the token CLI's default. */
const DEV_TOKEN_SECONDS = 8 * 3600;

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!(headerValue(req, "content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new BadRequest("Send the sign-in as JSON (content-type: application/json).", 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SIGN_IN_BODY_BYTES) throw new BadRequest(`The sign-in request is larger than ${MAX_SIGN_IN_BODY_BYTES} bytes; send only role, orgs and team.`, 413);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest('The sign-in request is not valid JSON; send {"role": "SDV", "orgs": ["0392"]}.');
  }
}

/** The claims a browser asks the development issuer for, checked as the token CLI checks them. */
export function devSignInClaims(body: unknown): { role: (typeof ROLES)[number]; orgs: string[]; team?: string } {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BadRequest('Send an object: {"role": "SDV", "orgs": ["0392"], "team": "..."}.');
  const { role, orgs, team, ...rest } = body as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length) throw new BadRequest(`Unknown field(s) ${unknownKeys.join(", ")}: send only role, orgs and team.`);
  if (!isRole(role)) throw new BadRequest(`role must be one of ${ROLES.join(", ")}.`);
  if (!Array.isArray(orgs) || orgs.some((o) => typeof o !== "string") || orgs.length > 10) {
    throw new BadRequest("orgs must be a list of organisation ids: corporations or municipalities' CBS codes.");
  }
  const known = new Set<string>([...CORPORATIONS.map((c) => c.id), ...MUNICIPALITIES.map((m) => m.code)]);
  const unknown = (orgs as string[]).filter((o) => !known.has(o));
  if (unknown.length) throw new BadRequest(`Unknown organisation(s) ${unknown.map((u) => JSON.stringify(u)).join(", ")}: choose from ${[...known].join(", ")}.`);
  if (team !== undefined && team !== null && team !== "" && typeof team !== "string") throw new BadRequest("team must be a team id or left out.");
  const teamId = typeof team === "string" && team !== "" ? team : undefined;
  if (teamId && teamId !== BUDGET_COACH_TEAM.id && !TEAMS.some((t) => t.id === teamId)) {
    throw new BadRequest(`Unknown team ${JSON.stringify(teamId)}: choose from ${[...TEAMS.map((t) => t.id), BUDGET_COACH_TEAM.id].join(", ")}.`);
  }
  const claims = { role, orgs: [...new Set(orgs as string[])], ...(teamId ? { team: teamId } : {}) };
  // The gateway refuses a token whose claims do not fit each other; so does this issuer.
  const mismatch = claimsMismatch(claims, { org: "orgs", team: "team" });
  if (mismatch) throw new BadRequest(mismatch.replace(/The token's /g, "The sign-in's "));
  return claims;
}

/** What the development sign-in offers: the demo world's roles, organisations and teams. */
function developmentChoices() {
  return {
    roles: [...ROLES],
    organisations: [
      ...CORPORATIONS.map((c) => ({ id: c.id, name: c.name, kind: "corporation" as const })),
      ...MUNICIPALITIES.map((m) => ({ id: m.code, name: m.name, kind: "municipality" as const })),
    ],
    teams: [
      ...TEAMS.map((t) => ({ id: t.id, name: t.name, role: "SWT", municipalities: [t.municipalityCode] })),
      { id: BUDGET_COACH_TEAM.id, name: BUDGET_COACH_TEAM.name, role: "BUDGET_COACH", municipalities: MUNICIPALITIES.map((m) => m.code) },
    ],
  };
}

/** The part of an identity provider's discovery document a browser's sign-in needs. */
export interface OidcEndpoints {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint?: string;
}

const DISCOVERY_CACHE_MS = 10 * 60_000;

/**
 * Reads the identity provider's discovery document server side (the gateway already reaches the
 * provider for its keys), so that the page needs no request to another origin but the token one.
 * Kept for ten minutes; a failure is not kept, so a provider that comes back is found again.
 */
function oidcDiscovery(issuer: string) {
  let cached: { endpoints: OidcEndpoints; at: number } | undefined;
  return async (): Promise<OidcEndpoints> => {
    if (cached && performance.now() - cached.at < DISCOVERY_CACHE_MS) return cached.endpoints;
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`the identity provider's discovery answered HTTP ${response.status}`);
    const document = (await response.json()) as Record<string, unknown>;
    if (document.issuer !== issuer) throw new Error(`the discovery document names issuer ${JSON.stringify(document.issuer)}, not AUTH_ISSUER ${JSON.stringify(issuer)}`);
    const endpoint = (name: string) => {
      const value = document[name];
      if (typeof value !== "string") return undefined;
      const parsed = new URL(value);
      if (parsed.protocol !== "https:" && !["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) throw new Error(`${name} is not https`);
      return parsed.href;
    };
    const authorizationEndpoint = endpoint("authorization_endpoint");
    const tokenEndpoint = endpoint("token_endpoint");
    if (!authorizationEndpoint || !tokenEndpoint) throw new Error("the discovery document names no authorization or token endpoint");
    const methods = document.code_challenge_methods_supported;
    if (Array.isArray(methods) && !methods.includes("S256")) throw new Error("the identity provider does not offer PKCE with S256");
    const endSessionEndpoint = endpoint("end_session_endpoint");
    const endpoints: OidcEndpoints = { issuer, authorizationEndpoint, tokenEndpoint, ...(endSessionEndpoint ? { endSessionEndpoint } : {}) };
    cached = { endpoints, at: performance.now() };
    return endpoints;
  };
}

/**
 * The Content-Security-Policy of a page that signs in. With OpenID Connect the page itself trades
 * the authorization code for a token at the provider's token endpoint (a public client with PKCE:
 * the gateway never holds the code, the verifier or the exchange), so `connect-src` names exactly
 * that endpoint's origin besides 'self'. Nothing else is widened: scripts still load only from here.
 */
export function signInPageHeaders(tokenEndpoint?: string): Record<string, string> {
  if (!tokenEndpoint) return {};
  const origin = new URL(tokenEndpoint).origin;
  return {
    "content-security-policy": PAGE_SECURITY_HEADERS["content-security-policy"]!.replace("connect-src 'self'", `connect-src 'self' ${origin}`),
  };
}

/**
 * The browser libraries the pages load, by file name, with the folder of the project's own
 * node_modules (production dependencies) each is read from: only these files, never the rest.
 */
export const VENDOR_FILES: Record<string, string> = {
  "react.production.min.js": "node_modules/react/umd",
  "react-dom.production.min.js": "node_modules/react-dom/umd",
  "graphiql.min.js": "node_modules/graphiql",
  "graphiql.min.css": "node_modules/graphiql",
};

function vendorFiles(): RouteHandler {
  // Each file is served from its own package's folder, under its own name.
  const handlers = Object.fromEntries(Object.entries(VENDOR_FILES).map(([name, folder]) => [name, staticFiles("/static/vendor/", folder)]));
  return (req, res) => {
    const name = new URL(req.url ?? "/", "http://localhost").pathname.slice("/static/vendor/".length);
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!handler) return sendPage(res, 404, "text/plain; charset=utf-8", "Not found.");
    return handler(req, res);
  };
}

/**
 * A page that signs in (its HTML file in gateway/public). With OpenID Connect it may also reach the
 * provider's token endpoint, and nothing else beyond this gateway.
 */
async function sendSignInPage(res: ServerResponse, file: string, tokenEndpoint: () => Promise<string | undefined>): Promise<void> {
  let html: Buffer;
  try {
    html = await readFile(resolve(projectRoot, "gateway/public", file));
  } catch (error) {
    logger.error({ err: error, file }, "a page is missing");
    return sendPage(res, 500, "text/plain; charset=utf-8", "This page is missing from this installation.");
  }
  sendPage(res, 200, "text/html; charset=utf-8", html, signInPageHeaders(await tokenEndpoint().catch(() => undefined)));
}

function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof BadRequest) return sendJson(res, error.status, { error: error.message });
  logger.error({ err: error }, "sign-in request failed");
  sendJson(res, 500, { error: "The sign-in could not be completed." });
}

/**
 * The gateway's pages and what they need beside /graphql: how to sign in (/auth/*), the pages' own
 * files (/static/*) and the browser libraries (/static/vendor/*). `createGateway` spreads this
 * table into its routes.
 */
export function webRoutes(options: WebRoutesOptions): Record<string, Route> {
  const { signIn } = options;
  const discovery = signIn.mode === "oidc" ? oidcDiscovery(signIn.issuer) : undefined;
  const tokenEndpoint = async () => (discovery ? (await discovery()).tokenEndpoint : undefined);
  /** A route for a page of gateway/public that signs in. */
  const page =
    (file: string): RouteHandler =>
    (_req, res) =>
      sendSignInPage(res, file, tokenEndpoint);
  const routes: Record<string, Route> = {
    "/static/*": staticFiles("/static/", "gateway/public"),
    "/static/vendor/*": vendorFiles(),
    "/auth/config": async (_req, res) => {
      if (signIn.mode === "development") return sendJson(res, 200, { mode: "development", choices: developmentChoices() });
      if (signIn.mode === "none")
        return sendJson(res, 200, { mode: "none", message: "Sign-in from a browser is not configured here (AUTH_CLIENT_ID); send a Bearer token to /graphql." });
      try {
        const endpoints = await discovery!();
        sendJson(res, 200, { mode: "oidc", clientId: signIn.clientId, scope: signIn.scope, ...endpoints });
      } catch (error) {
        logger.warn({ err: error, issuer: signIn.issuer }, "identity provider discovery failed");
        sendJson(res, 502, { error: "The identity provider could not be reached to sign in; try again later." });
      }
    },
    // Who the bearer of a token is, as /graphql reads it: the pages show it after sign-in.
    "/auth/identity": async (req, res) => {
      try {
        const identity = await options.verify(headerValue(req, "authorization"));
        sendJson(res, 200, { role: identity.role, orgs: identity.orgs, ...(identity.team ? { team: identity.team } : {}), sub: identity.sub });
      } catch (error) {
        sendJson(res, 401, { error: error instanceof Error ? error.message : "The token is not valid for this graph." });
      }
    },
    // The fields the bearer's role may not read (null and FORBIDDEN in an answer): the explorer marks them.
    "/auth/readable-fields": async (req, res) => {
      let identity: Identity;
      try {
        identity = await options.verify(headerValue(req, "authorization"));
      } catch (error) {
        return sendJson(res, 401, { error: error instanceof Error ? error.message : "The token is not valid for this graph." });
      }
      sendJson(res, 200, { role: identity.role, unreadable: options.unreadableFields(identity) });
    },
    "/explore": page("explore.html"),
    "/dashboard": page("dashboard/index.html"),
  };
  if (signIn.mode === "development") {
    const key = signIn.issuerKey;
    routes["/auth/dev-token"] = {
      methods: ["POST"],
      async handle(req, res) {
        // Checked on every request as well: the development issuer never mints in production.
        if (process.env.NODE_ENV === "production" || process.env.AUTH_JWKS_URL) return sendJson(res, 404, { error: "No development sign-in here." });
        try {
          const claims = devSignInClaims(await readJsonBody(req));
          const token = await signDevToken(key, { ...claims, ttlSeconds: DEV_TOKEN_SECONDS });
          sendJson(res, 200, { token, expiresAt: new Date(decodeJwt(token).exp! * 1000).toISOString() });
        } catch (error) {
          sendError(res, error);
        }
      },
    };
  }
  return routes;
}

/**
 * A browser that opens /graphql (a page, not an operation) is sent to the explorer; Apollo's own
 * landing page, which loads its Sandbox from a CDN, is switched off.
 */
export function browserOpensGraphQL(req: IncomingMessage, search: string): boolean {
  return req.method === "GET" && (headerValue(req, "accept") ?? "").includes("text/html") && !new URLSearchParams(search).has("query");
}
