import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Identity } from "../../../subgraphs/shared/src/identity.js";
import { Admission, admissionConfig } from "./admission.js";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token as far as the cache can tell: it reads only `exp`; the verifier here decides the rest. */
function token(sub: string, exp: number): string {
  return `Bearer ${b64({ alg: "ES256" })}.${b64({ sub, exp })}.signature`;
}

function request(authorization: string): IncomingMessage {
  return { headers: { authorization }, socket: {} } as IncomingMessage;
}

/** An admission whose verifier counts its calls and refuses the subjects in `revoked`. */
function admissionCounting() {
  const verified: string[] = [];
  const revoked = new Set<string>();
  const admission = new Admission({
    config: admissionConfig({ GATEWAY_RATE_LIMIT_PER_MINUTE: "0" }),
    limits: { maxTokens: 1000, rules: [] },
    verify: async (authorization) => {
      const sub = JSON.parse(Buffer.from(authorization!.split(".")[1]!, "base64url").toString("utf8")).sub as string;
      verified.push(sub);
      if (revoked.has(sub)) throw new Error(`${sub} is no longer valid`);
      return { sub, role: "SDV", orgs: ["0392"] } satisfies Identity;
    },
  });
  return { admission, verified, revoked };
}

describe("the gateway's memory of verified user tokens", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("verifies a token once and answers the same caller from memory for the next requests", async () => {
    const { admission, verified } = admissionCounting();
    const now = Math.floor(Date.now() / 1000);
    const bearer = token("worker", now + 600);
    for (let i = 0; i < 3; i++) await expect(admission.identity(request(bearer))).resolves.toMatchObject({ sub: "worker" });
    expect(verified).toEqual(["worker"]);
  });

  it("verifies a token again once it has expired, and a token refused by then is refused, not served from memory", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-02T10:00:00Z");
    vi.setSystemTime(start);
    const { admission, verified, revoked } = admissionCounting();
    const bearer = token("leaver", Math.floor(start.getTime() / 1000) + 20);
    await admission.identity(request(bearer));
    vi.setSystemTime(new Date(start.getTime() + 19_000));
    await admission.identity(request(bearer));
    expect(verified).toEqual(["leaver"]);
    // Past its expiry the token is checked again; the verifier refuses it (expired, or its key revoked).
    vi.setSystemTime(new Date(start.getTime() + 21_000));
    revoked.add("leaver");
    await expect(admission.identity(request(bearer))).rejects.toThrow(/no longer valid/);
    expect(verified).toEqual(["leaver", "leaver"]);
  });

  it("takes a long-lived token at its word for a minute at most before verifying it again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-02T10:00:00Z");
    vi.setSystemTime(start);
    const { admission, verified } = admissionCounting();
    const bearer = token("day-token", Math.floor(start.getTime() / 1000) + 86_400);
    await admission.identity(request(bearer));
    vi.setSystemTime(new Date(start.getTime() + 61_000));
    await admission.identity(request(bearer));
    expect(verified).toEqual(["day-token", "day-token"]);
  });

  it("remembers at most 10,000 tokens: beyond that, the least recently used is verified again", async () => {
    const { admission, verified } = admissionCounting();
    const exp = Math.floor(Date.now() / 1000) + 600;
    for (let i = 0; i <= 10_000; i++) await admission.identity(request(token(`caller-${i}`, exp)));
    expect(verified).toHaveLength(10_001);
    await admission.identity(request(token("caller-10000", exp)));
    expect(verified).toHaveLength(10_001);
    await admission.identity(request(token("caller-0", exp)));
    expect(verified).toHaveLength(10_002);
    expect(verified.at(-1)).toBe("caller-0");
  });
});
