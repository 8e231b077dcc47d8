import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { logger } from "../../../subgraphs/shared/src/logger.js";

/**
 * Per-caller rate limits: a token bucket per identity. Each request takes one token; an operation
 * the gateway refuses (unparsable, over its limits, invalid) takes `refusedCost` more, so a caller
 * who floods with refused operations runs dry quickly. The bucket holds `burst` tokens and refills
 * at `perMinute` a minute.
 */
export interface RateLimitConfig {
  /** Tokens added per minute; 0 turns rate limiting off (GATEWAY_RATE_LIMIT_PER_MINUTE). */
  perMinute: number;
  /** Tokens a full bucket holds: what a caller may send at once (GATEWAY_RATE_LIMIT_BURST). */
  burst: number;
  /** Extra tokens an operation refused at parsing or validation takes (GATEWAY_RATE_LIMIT_REFUSED_COST). */
  refusedCost: number;
  /** A Redis shared by every gateway replica (REDIS_URL); without it each replica counts alone. */
  redisUrl?: string;
  /** How long a Redis call may take before this replica counts alone for that request (GATEWAY_REDIS_TIMEOUT_MS). */
  redisTimeoutMs: number;
  /** Key prefix in Redis (GATEWAY_RATE_LIMIT_PREFIX), so that several graphs may share one Redis. */
  prefix: string;
}

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}".`);
  return value;
}

/** The limits from the environment; a wrong value stops the gateway's start with a message naming it. */
export function rateLimitConfig(env: Record<string, string | undefined> = process.env): RateLimitConfig {
  const perMinute = whole(env, "GATEWAY_RATE_LIMIT_PER_MINUTE", 3_000, 0);
  return {
    perMinute,
    burst: whole(env, "GATEWAY_RATE_LIMIT_BURST", 1_000, 1),
    refusedCost: whole(env, "GATEWAY_RATE_LIMIT_REFUSED_COST", 5, 0),
    redisUrl: env.REDIS_URL || undefined,
    redisTimeoutMs: whole(env, "GATEWAY_REDIS_TIMEOUT_MS", 250, 1),
    prefix: env.GATEWAY_RATE_LIMIT_PREFIX ?? "ewg:rate:",
  };
}

export interface Take {
  allowed: boolean;
  /** Whole seconds until `cost` tokens are back (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Resolves once the limiter can count (a shared store connected, or given up on for now). */
  ready?(): Promise<boolean>;
  /**
   * Takes `cost` tokens from the caller's bucket. Without enough, nothing is taken and the answer
   * is not allowed, unless `force` (a charge for work already done): then the bucket is emptied.
   */
  take(caller: string, cost: number, force?: boolean): Promise<Take>;
  close(): Promise<void>;
}

/** Callers' keys as stored: a digest, so no user id or address sits in Redis in the clear. */
function bucketKey(prefix: string, caller: string): string {
  return prefix + createHash("sha256").update(caller).digest("base64url").slice(0, 22);
}

/** One replica's buckets, in memory; the least recently seen callers are forgotten beyond `maxCallers`. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly config: Pick<RateLimitConfig, "perMinute" | "burst">,
    private readonly maxCallers = 100_000,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.perMs = config.perMinute / 60_000;
  }

  async take(caller: string, cost: number, force = false): Promise<Take> {
    const now = this.clock();
    const known = this.buckets.get(caller);
    let tokens = known ? Math.min(this.config.burst, known.tokens + (now - known.at) * this.perMs) : this.config.burst;
    let allowed = false;
    if (tokens >= cost) {
      tokens -= cost;
      allowed = true;
    } else if (force) tokens = 0;
    // Re-inserted last: the Map's order is then least recently seen first.
    this.buckets.delete(caller);
    this.buckets.set(caller, { tokens, at: now });
    if (this.buckets.size > this.maxCallers) this.buckets.delete(this.buckets.keys().next().value!);
    return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / this.perMs / 1000)) };
  }

  async close(): Promise<void> {}
}

/**
 * The token bucket in Redis, one atomic script per request: every gateway replica draws from the
 * same bucket. Redis's own clock (TIME) is used, so replicas' clocks do not matter.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local force = ARGV[4] == '1'
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
elseif force then
  tokens = 0
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
local wait = 0
if allowed == 0 then wait = math.max(1, math.ceil((cost - tokens) / per_ms / 1000)) end
return { allowed, wait }
`;

type RedisWithTake = Redis & { takeTokens(key: string, capacity: number, perMs: number, cost: number, force: string): Promise<[number, number]> };

/**
 * Buckets shared by all replicas in Redis. When Redis cannot be reached (or answers too late), the
 * request is counted by this replica's own buckets instead: the limit then holds per replica, not
 * across them, and the graph stays available (fail open to the local limit, deliberately: the
 * covenant's caseworkers must not lose the graph because a cache is down). Logged at most once a
 * minute.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RedisWithTake;
  private readonly local: MemoryRateLimiter;
  private readonly perMs: number;
  private lastWarning = -Infinity;

  constructor(private readonly config: RateLimitConfig & { redisUrl: string }) {
    this.perMs = config.perMinute / 60_000;
    this.local = new MemoryRateLimiter(config);
    this.redis = new Redis(config.redisUrl, {
      // Never queue behind a broken connection: a request is counted locally instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: config.redisTimeoutMs,
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    }) as RedisWithTake;
    this.redis.on("error", (error) => this.warn(error));
    this.redis.defineCommand("takeTokens", { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  private warn(error: unknown) {
    const now = performance.now();
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    logger.warn({ err: error }, "rate limiting: Redis unreachable, counting in this replica until it is back");
  }

  async take(caller: string, cost: number, force = false): Promise<Take> {
    try {
      const [allowed, wait] = await this.redis.takeTokens(bucketKey(this.config.prefix, caller), this.config.burst, this.perMs, cost, force ? "1" : "0");
      return { allowed: allowed === 1, retryAfterSeconds: wait };
    } catch (error) {
      this.warn(error);
      return this.local.take(caller, cost, force);
    }
  }

  /**
   * Waits (up to 2 s) until Redis answers, so that the first requests after a start are counted in
   * Redis; answers false, and the replica counts alone until Redis is back, when it does not.
   */
  async ready(): Promise<boolean> {
    if (this.redis.status === "ready") return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.warn(new Error(`no answer from Redis within 2 s (${this.redis.status})`));
        resolve(false);
      }, 2_000);
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** No limit (GATEWAY_RATE_LIMIT_PER_MINUTE=0). */
class Unlimited implements RateLimiter {
  async take(): Promise<Take> {
    return { allowed: true, retryAfterSeconds: 0 };
  }
  async close(): Promise<void> {}
}

export function createRateLimiter(config: RateLimitConfig): RateLimiter {
  if (config.perMinute === 0) return new Unlimited();
  if (config.redisUrl) return new RedisRateLimiter({ ...config, redisUrl: config.redisUrl });
  return new MemoryRateLimiter(config);
}
