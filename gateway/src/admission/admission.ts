import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  validate,
  ValuesOfCorrectTypeRule,
  ValidationContext,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { Counter } from "prom-client";
import type { Identity } from "../../../subgraphs/shared/src/identity.js";
import { registry } from "../metrics.js";
import { Lru } from "../../../subgraphs/shared/src/lru.js";
import { createRateLimiter, rateLimitConfig, type RateLimitConfig, type RateLimiter } from "./rate-limiter.js";
import { PageSizeRule } from "../../../subgraphs/shared/src/pagination.js";
import { nameRefusedArgument } from "../../../subgraphs/shared/src/input-errors.js";

/**
 * Admission: what the gateway decides about a request before the expensive work (parsing,
 * validating and planning an operation), so that one caller cannot slow down the others.
 *  1. The caller is identified (the token verified once; it is reused for the request's context).
 *  2. Its rate limit: a token bucket per identity (one token per request, one more per started 8 KiB
 *     of operation text beyond the first) (token subject and organisations; without a valid
 *     token, the connecting address), shared by the replicas through Redis when REDIS_URL is set.
 *     Over it: HTTP 429, code RATE_LIMITED, a Retry-After header.
 *  3. The operation's text: over GATEWAY_MAX_QUERY_BYTES is refused unread; an operation refused
 *     before is answered from a bounded cache of refused operation hashes, at once; an operation not
 *     seen before is parsed (token limit) and checked against the cheap limits (depth, aliases,
 *     directives, cost) before the full GraphQL validation, which is the expensive part.
 *  A refusal costs the caller extra tokens (GATEWAY_RATE_LIMIT_REFUSED_COST): flooding with refused
 *  operations exhausts the caller's own limit, no one else's.
 */

export interface AdmissionConfig {
  rateLimit: RateLimitConfig;
  /** Longest operation text accepted, in bytes (GATEWAY_MAX_QUERY_BYTES). */
  maxQueryBytes: number;
  /** How many refused (and how many accepted) operation hashes are remembered. */
  rememberedOperations: number;
}

export function admissionConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig {
  const raw = env.GATEWAY_MAX_QUERY_BYTES;
  const maxQueryBytes = raw === undefined || raw === "" ? 256 * 1024 : Number(raw);
  if (!Number.isInteger(maxQueryBytes) || maxQueryBytes < 1) throw new Error(`GATEWAY_MAX_QUERY_BYTES must be a whole number of bytes, got "${raw}".`);
  return { rateLimit: rateLimitConfig(env), maxQueryBytes, rememberedOperations: 10_000 };
}

export interface Refusal {
  status: number;
  headers?: Record<string, string>;
  body: { errors: GraphQLFormattedError[] };
}

/** A request takes one token of its caller's bucket per started TOKEN_BYTES of operation text. */
const TOKEN_BYTES = 8 * 1024;

/** How long a verified token is taken at its word without checking its signature again. */
const VERIFIED_TOKEN_SECONDS = 60;

/** The token's expiry (seconds since the epoch), read without verifying: only for a verified token. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    return typeof payload.exp === "number" ? payload.exp : 0;
  } catch {
    return 0;
  }
}

/**
 * Applies limit rules that only look at operation definitions (graphql-armor's depth, aliases,
 * directives and cost each do their own walk from there) without graphql's full validation walk,
 * which tracks the type of every node and costs as much again as the rules. Other rules get that walk.
 */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[]): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => errors.push(error));
  const visitors: ASTVisitor[] = rules.map((rule) => rule(context));
  const enters = visitors.map((visitor) => {
    const keys = Object.keys(visitor).filter((key) => (visitor as Record<string, unknown>)[key] !== undefined);
    const handler = (visitor as { OperationDefinition?: unknown }).OperationDefinition;
    const enter = typeof handler === "function" ? handler : (handler as { enter?: unknown } | undefined)?.enter;
    return keys.every((key) => key === "OperationDefinition" || key === "context" || key === "config" || key === "visitedFragments") && typeof enter === "function"
      ? (enter as (node: unknown) => void).bind(visitor)
      : undefined;
  });
  if (enters.some((enter) => !enter)) return [...validate(schema, document, rules)];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const enter of enters) {
      try {
        enter!(definition);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        errors.push(error);
      }
    }
  }
  return errors;
}

/** The codes of an operation refused for what it is, whoever sends it: safe to remember by its text. */
const REFUSED_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"]);

const refusals = new Counter({
  name: "gateway_admission_refusals_total",
  help: "Requests refused before planning: rate limited, too long, or an operation refused by its text (remembered or checked).",
  labelNames: ["reason"] as const,
  registers: [registry],
});

export interface AdmissionOptions {
  config: AdmissionConfig;
  /** Verifies the caller's Authorization header. */
  verify: (authorization: string | undefined) => Promise<Identity>;
  /** The operation limits of the gateway: the parser's token limit and the cheap validation rules. */
  limits: { maxTokens: number; rules: readonly ValidationRule[] };
}

/** The caller a bucket belongs to: its token's subject and organisations, else its address. */
export function callerKey(identity: Identity | undefined, address: string | undefined): string {
  if (identity) return `user:${identity.sub}|${[...identity.orgs].sort().join(",")}`;
  return `address:${address ?? "unknown"}`;
}

function queryHash(query: string): string {
  return createHash("sha256").update(query).digest("base64url");
}

function refused(code: string, error: GraphQLError | { message: string }): GraphQLFormattedError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : { message: error.message };
  return { ...formatted, extensions: { ...(formatted.extensions ?? {}), code } };
}

export class Admission {
  readonly limiter: RateLimiter;
  private readonly identities = new WeakMap<IncomingMessage, Promise<Identity>>();
  private readonly verifiedTokens = new Lru<string, { identity: Identity; until: number }>(10_000);
  private readonly refusedOperations: Lru<string, Refusal>;
  private readonly acceptedOperations: Lru<string, true>;
  private schema: GraphQLSchema | undefined;

  constructor(
    private readonly options: AdmissionOptions,
    limiter?: RateLimiter,
  ) {
    this.limiter = limiter ?? createRateLimiter(options.config.rateLimit);
    this.refusedOperations = new Lru(options.config.rememberedOperations);
    this.acceptedOperations = new Lru(options.config.rememberedOperations);
  }

  /** The schema operations are checked against; what was remembered of the old one is forgotten. */
  setSchema(schema: GraphQLSchema): void {
    this.schema = schema;
    this.refusedOperations.clear();
    this.acceptedOperations.clear();
  }

  /**
   * The request's caller, verified once per request (the context and admission share it). A token
   * verified in the last minute is not verified again until it expires: a caller sending many
   * requests (or a flood) costs one signature check a minute, not one per request.
   */
  identity(req: IncomingMessage): Promise<Identity> {
    let identity = this.identities.get(req);
    if (!identity) {
      const header = req.headers.authorization;
      identity = this.verify(Array.isArray(header) ? header[0] : header);
      this.identities.set(req, identity);
    }
    return identity;
  }

  private async verify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return this.options.verify(authorization);
    const nowSeconds = Date.now() / 1000;
    const known = this.verifiedTokens.get(authorization);
    if (known && nowSeconds < known.until) return known.identity;
    const identity = await this.options.verify(authorization);
    const until = Math.min(nowSeconds + VERIFIED_TOKEN_SECONDS, expiryOf(authorization.replace(/^Bearer\s+/i, "")));
    if (until > nowSeconds) this.verifiedTokens.set(authorization, { identity, until });
    return identity;
  }

  /** Refuses the request before any operation work, or answers undefined to let it through. */
  async admit(req: IncomingMessage, body: unknown, search: string): Promise<Refusal | undefined> {
    const identity = await this.identity(req).catch(() => undefined);
    const caller = callerKey(identity, req.socket.remoteAddress);
    const query = body && typeof body === "object" && !Array.isArray(body) ? (body as { query?: unknown }).query : new URLSearchParams(search).get("query");
    const bytes = typeof query === "string" ? Buffer.byteLength(query) : 0;
    // A long operation takes more of the caller's tokens: one per started 8 KiB of its text.
    const cost = Math.min(this.options.config.rateLimit.burst, Math.max(1, Math.ceil(bytes / TOKEN_BYTES)));
    const take = await this.limiter.take(caller, cost);
    if (!take.allowed) {
      refusals.inc({ reason: "rate_limited" });
      return {
        status: 429,
        headers: { "retry-after": String(take.retryAfterSeconds) },
        body: {
          errors: [
            {
              message: `Too many requests from this caller; try again in ${take.retryAfterSeconds} s.`,
              extensions: { code: "RATE_LIMITED", retryAfterSeconds: take.retryAfterSeconds },
            },
          ],
        },
      };
    }
    if (typeof query !== "string") return undefined; // Apollo answers what is missing or malformed
    if (bytes > this.options.config.maxQueryBytes) {
      refusals.inc({ reason: "too_long" });
      await this.charge(caller);
      return {
        status: 413,
        body: { errors: [refused("PAYLOAD_TOO_LARGE", { message: `The operation is longer than ${this.options.config.maxQueryBytes} bytes; ask for less in one operation.` })] },
      };
    }
    const hash = queryHash(query);
    const known = this.refusedOperations.get(hash);
    if (known) {
      refusals.inc({ reason: "remembered" });
      await this.charge(caller);
      return known;
    }
    if (this.acceptedOperations.get(hash) || !this.schema) return undefined;
    const refusal = this.check(query);
    if (!refusal) {
      this.acceptedOperations.set(hash, true);
      return undefined;
    }
    refusals.inc({ reason: "checked" });
    this.refusedOperations.set(hash, refusal);
    await this.charge(caller);
    return refusal;
  }

  /** Parses with the token limit and applies the cheap limits only, before the full validation. */
  private check(query: string): Refusal | undefined {
    let document;
    try {
      document = parse(query, { maxTokens: this.options.limits.maxTokens });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { status: 400, body: { errors: [refused("GRAPHQL_PARSE_FAILED", error)] } };
    }
    const errors = checkLimits(this.schema!, document, this.options.limits.rules);
    if (errors.length === 0) return undefined;
    // A value out of range (a page size, an Int overflow) makes the cost huge: say what to fix too,
    // naming the argument (one walk, for a refused text only, which is then remembered).
    const values = validate(this.schema!, document, [PageSizeRule, ValuesOfCorrectTypeRule]).map((error) =>
      nameRefusedArgument(refused(error.extensions?.code === "BAD_USER_INPUT" ? "BAD_USER_INPUT" : "GRAPHQL_VALIDATION_FAILED", error), error),
    );
    return { status: 400, body: { errors: [...values, ...errors.map((error) => refused("GRAPHQL_VALIDATION_FAILED", error))] } };
  }

  /** What a refused operation costs its caller on top of the request. */
  private async charge(caller: string): Promise<void> {
    if (this.options.config.rateLimit.refusedCost > 0) await this.limiter.take(caller, this.options.config.rateLimit.refusedCost, true);
  }

  /**
   * Remembers the operations that the full validation refused (an unknown field, say), so that the
   * same text is refused at once the next time, and charges their callers.
   */
  plugin<C extends { identity?: Identity }>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async ({ request }) => ({
        willSendResponse: async ({ response, contextValue }) => {
          if (response.body.kind !== "single" || typeof request.query !== "string") return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length || data !== undefined || !errors.every((error) => REFUSED_CODES.has(String(error.extensions?.code)))) return;
          this.refusedOperations.set(queryHash(request.query), { status: response.http.status ?? 400, body: { errors: [...errors] } });
          if (contextValue.identity) await this.charge(callerKey(contextValue.identity, undefined));
        },
      }),
    };
  }

  /** Waits until the rate limiter can count (Redis connected, or given up on for now). */
  async start(): Promise<void> {
    await this.limiter.ready?.();
  }

  close(): Promise<void> {
    return this.limiter.close();
  }
}
