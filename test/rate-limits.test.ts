import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admissionConfig, type AdmissionConfig } from "../gateway/src/admission/admission.js";
import { MemoryRateLimiter } from "../gateway/src/admission/rate-limiter.js";
import { DEV_AUDIENCE, DEV_ISSUER, type DevTokenClaims } from "../gateway/src/auth/dev-issuer.js";
import { GatewayTokenSigner } from "../gateway/src/auth/gateway-token.js";
import { DEFAULT_CLAIMS } from "../gateway/src/auth/user-token.js";
import { createGateway } from "../gateway/src/server.js";
import type { RunningServer } from "../subgraphs/shared/src/http.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/*
 * One caller cannot slow down the others: each identity has its own rate limit (a token bucket),
 * shared by the gateway replicas through Redis, and operations refused for what they are (too long,
 * too costly, invalid) are refused before the expensive work and cost their sender extra.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const SIGNALS = `{ signals(first: 2) { edges { node { id status } } } }`;
/** Over the cost limit (20,000) many times, and asking a field that does not exist. */
const COSTLY_AND_INVALID = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: signals(first: 500) { edges { node { id status noSuchField } } }`).join(" ")} }`;

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
const redisUp = await redisReachable();
if (!redisUp) console.warn(`Redis is not reachable at ${REDIS_URL}: the tests of the shared (Redis) rate limit are skipped. Start Redis or set TEST_REDIS_URL.`);

interface Answer {
  status: number;
  retryAfter: string | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  data?: unknown;
}

describe("rate limits and early refusal at the gateway", () => {
  let graph: TestGraph;
  const gateways: RunningServer[] = [];

  /** Another gateway replica on the test graph's subgraphs, with the limits given. */
  async function replica(limits: (Partial<AdmissionConfig["rateLimit"]> & { maxQueryBytes?: number }) | false) {
    const base = admissionConfig({});
    const { maxQueryBytes, ...rateLimit } = limits || {};
    const gateway = await createGateway({
      supergraphSdl: readFileSync(path.resolve("schema", "supergraph.graphql"), "utf8"),
      subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
      auth: { keys: { jwks: graph.issuer.jwks }, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ["ES256"], clockToleranceSeconds: 5, claims: DEFAULT_CLAIMS },
      signer: new GatewayTokenSigner(graph.signingKey),
      port: 0,
      metrics: { port: 0 },
      admission: limits === false ? false : { ...base, maxQueryBytes: maxQueryBytes ?? base.maxQueryBytes, rateLimit: { ...base.rateLimit, ...rateLimit } },
    });
    gateways.push(gateway);
    return gateway;
  }

  async function ask(gateway: RunningServer, token: string | undefined, query = SIGNALS): Promise<Answer> {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, retryAfter: response.headers.get("retry-after"), ...((await response.json()) as object) };
  }

  const token = (claims: DevTokenClaims) => graph.token(claims);

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await graph?.stop();
  });

  it("answers a caller over its limit with 429, RATE_LIMITED and Retry-After, and keeps serving everyone else", async () => {
    // 3 at once, then one a minute.
    const gateway = await replica({ burst: 3, perMinute: 1 });
    const busy = await token({ role: "SDV", orgs: ["0392", "0473"], sub: "busy-caseworker" });
    const colleague = await token({ role: "SDV", orgs: ["0392", "0473"], sub: "quiet-caseworker" });
    const corporation = await token({ role: "CORPORATION", orgs: ["ymere"], sub: "ymere-integration" });
    for (let i = 0; i < 3; i++) expect((await ask(gateway, busy)).status).toBe(200);
    const limited = await ask(gateway, busy);
    expect(limited.status).toBe(429);
    const wait = Number(limited.retryAfter);
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 60).toBe(true);
    expect(limited.errors).toEqual([{ message: `Too many requests from this caller; try again in ${wait} s.`, extensions: { code: "RATE_LIMITED", retryAfterSeconds: wait } }]);
    expect(limited.data).toBeUndefined();
    for (const other of [colleague, corporation]) {
      const answer = await ask(gateway, other);
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
    }
  });

  it("counts a caller by its token's subject and organisations, and a caller without a valid token by its address", async () => {
    const gateway = await replica({ burst: 2, perMinute: 1 });
    const haarlem = await token({ role: "SDV", orgs: ["0392"], sub: "shared-account" });
    const bothMunicipalities = await token({ role: "SDV", orgs: ["0473", "0392"], sub: "shared-account" });
    const bothAgain = await token({ role: "SDV", orgs: ["0392", "0473"], sub: "shared-account", ttlSeconds: 900 });
    expect((await ask(gateway, haarlem)).status).toBe(200);
    expect((await ask(gateway, haarlem)).status).toBe(200);
    expect((await ask(gateway, haarlem)).status).toBe(429);
    // The same subject for other organisations is another caller; a new token of it is the same one.
    expect((await ask(gateway, bothMunicipalities)).status).toBe(200);
    expect((await ask(gateway, bothAgain)).status).toBe(200);
    expect((await ask(gateway, bothMunicipalities)).status).toBe(429);
    // Without a token, or with a forged one: refused as before, and counted by address.
    expect((await ask(gateway, undefined)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await ask(gateway, `${haarlem.slice(0, -4)}AAAA`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const third = await ask(gateway, "not-a-token");
    expect(third.status).toBe(429);
    expect(third.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("refuses an over-cost operation on its cost alone, before the full validation and before any subgraph is asked", async () => {
    const early = await replica({});
    const without = await replica(false);
    const sdv = await token({ role: "SDV", orgs: ["0392"], sub: "sdv-early" });
    const statements = graph.statements();
    const refused = await ask(early, sdv, COSTLY_AND_INVALID);
    expect(refused.status).toBe(400);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.message).toMatch(/Query Cost limit of 20000 exceeded/);
    expect(refused.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    // Without admission the whole validation runs: the unknown field is reported too.
    const late = await ask(without, sdv, COSTLY_AND_INVALID);
    expect(late.status).toBe(400);
    expect(late.errors!.some((error) => /noSuchField/.test(error.message))).toBe(true);
    expect(graph.statements()).toBe(statements);
  });

  it("answers an operation refused before from memory, the same way, and charges its sender for each refusal", async () => {
    // Each refusal costs 1 + 5 tokens of 12: the third request of the flood is rate limited.
    const gateway = await replica({ burst: 12, perMinute: 1, refusedCost: 5 });
    const flooder = await token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-flood" });
    const bystander = await token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-caseworker" });
    const invalid = `{ tenants(first: 1) { edges { node { id noSuchField } } } }`;
    const metric = async () => Number(/gateway_admission_refusals_total\{reason="remembered"\} (\d+)/.exec(await (await fetch(gateway.metricsUrl!)).text())?.[1] ?? 0);
    const rememberedBefore = await metric();
    const first = await ask(gateway, flooder, invalid);
    expect(first.status).toBe(400);
    expect(first.errors?.[0]?.message).toMatch(/noSuchField/);
    const second = await ask(gateway, flooder, invalid);
    expect(second).toEqual(first);
    expect(await metric()).toBe(rememberedBefore + 1);
    const third = await ask(gateway, flooder, invalid);
    expect(third.status).toBe(429);
    expect((await ask(gateway, bystander)).status).toBe(200);
  });

  it("charges a long operation one token per started 8 KiB of its text", async () => {
    const gateway = await replica({ burst: 7, perMinute: 1 });
    const analyst = await token({ role: "ANALYST", orgs: ["0392"], sub: "analyst-long-texts" });
    // About 20 KB of valid operation (a comment pads it): 3 tokens each.
    const long = `# ${"x".repeat(20_000)}\n${SIGNALS}`;
    expect((await ask(gateway, analyst, long)).status).toBe(200);
    expect((await ask(gateway, analyst, long)).status).toBe(200);
    expect((await ask(gateway, analyst, long)).status).toBe(429);
    expect((await ask(gateway, analyst)).status).toBe(200);
    expect((await ask(gateway, analyst)).status).toBe(429);
  });

  it("refuses an operation text longer than GATEWAY_MAX_QUERY_BYTES unread, with 413", async () => {
    const gateway = await replica({ maxQueryBytes: 1_000 });
    const sdv = await token({ role: "SDV", orgs: ["0392"], sub: "sdv-long" });
    const long = `{ signals(first: 1) { edges { node { ${"id ".repeat(400)}} } } }`;
    const answer = await ask(gateway, sdv, long);
    expect(answer.status).toBe(413);
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: "PAYLOAD_TOO_LARGE" } });
    expect(answer.errors?.[0]?.message).toContain("1000 bytes");
    expect((await ask(gateway, sdv)).status).toBe(200);
  });

  describe.skipIf(!redisUp)("shared through Redis", () => {
    it("holds one limit across two gateway replicas", async () => {
      const prefix = `ewg-test:${randomBytes(6).toString("hex")}:`;
      const first = await replica({ burst: 4, perMinute: 1, redisUrl: REDIS_URL, prefix });
      const second = await replica({ burst: 4, perMinute: 1, redisUrl: REDIS_URL, prefix });
      const caller = await token({ role: "ANALYST", orgs: ["0392"], sub: "analyst-two-replicas" });
      const other = await token({ role: "ANALYST", orgs: ["0392"], sub: "analyst-elsewhere" });
      const statuses = [];
      for (const gateway of [first, second, first, second, first, second]) statuses.push((await ask(gateway, caller)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const limited = await ask(second, caller);
      expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
      expect((await ask(first, other)).status).toBe(200);
    });

    it("keeps user ids out of Redis: buckets are stored under a digest", async () => {
      const prefix = `ewg-test:${randomBytes(6).toString("hex")}:`;
      const gateway = await replica({ burst: 4, perMinute: 60, redisUrl: REDIS_URL, prefix });
      await ask(gateway, await token({ role: "SDV", orgs: ["0392"], sub: "sdv-private-name" }));
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}*`);
        expect(keys).toHaveLength(1);
        expect(keys[0]).not.toContain("sdv-private-name");
        expect(keys.map((key) => key.slice(prefix.length))[0]).toMatch(/^[\w-]{22}$/);
        expect(await redis.pttl(keys[0]!)).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
    });
  });

  it("counts in the replica itself when the configured Redis cannot be reached, and keeps serving", async () => {
    const gateway = await replica({ burst: 2, perMinute: 1, redisUrl: "redis://127.0.0.1:9", redisTimeoutMs: 100 });
    const caller = await token({ role: "SDV", orgs: ["0392"], sub: "sdv-redis-down" });
    expect((await ask(gateway, caller)).status).toBe(200);
    expect((await ask(gateway, caller)).status).toBe(200);
    expect((await ask(gateway, caller)).status).toBe(429);
  });
});

describe("a token bucket in one replica", () => {
  it("refills at its rate, up to its burst, and says how long to wait", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ burst: 2, perMinute: 30 }, 100, () => now);
    expect((await limiter.take("a", 1)).allowed).toBe(true);
    expect((await limiter.take("a", 1)).allowed).toBe(true);
    expect(await limiter.take("a", 1)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now += 2_000;
    expect((await limiter.take("a", 1)).allowed).toBe(true);
    now += 3_600_000;
    expect((await limiter.take("a", 2)).allowed).toBe(true);
    expect((await limiter.take("a", 1)).allowed).toBe(false);
    // A charge for work done empties the bucket, whatever it held.
    now += 2_000;
    expect(await limiter.take("a", 5, true)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect((await limiter.take("a", 1)).allowed).toBe(false);
  });

  it("forgets the least recently seen callers beyond its size, never more", async () => {
    const limiter = new MemoryRateLimiter({ burst: 1, perMinute: 1 }, 3, () => 0);
    for (const caller of ["a", "b", "c"]) await limiter.take(caller, 1);
    await limiter.take("a", 1); // a is now the most recent
    await limiter.take("d", 1); // b goes
    expect((await limiter.take("a", 1)).allowed).toBe(false);
    expect((await limiter.take("c", 1)).allowed).toBe(false);
    expect((await limiter.take("b", 1)).allowed).toBe(true);
  });
});
