import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * The registers of Art. 6.4 record the target groups "als dat bekend is": a corporation says YES, NO
 * or leaves it UNKNOWN, and the analysts' counts and the covenant's monitoring count the unknown
 * apart, never as "not in the group". Through the gateway.
 */
const UPSERT = `mutation($input: RegisterEntryInput!) { upsertRegisterEntry(input: $input) { reference withChildren aged65Plus } }`;
const COUNTS = `query($groupBy: [RegisterGroup!]!) { registerCounts(groupBy: $groupBy) { kind targetGroup withChildren aged65Plus households suppressed } }`;
const MONITORING = `{
  monitoring(from: "2026-03", to: "2026-03", municipalityCode: "0392", corporationId: "elan-wonen") {
    evictions { count } evictionsWithChildren { count suppressed } evictionsWithChildrenUnknown { count suppressed }
    evictionsAged65Plus { count suppressed } evictionsAged65PlusUnknown { count suppressed }
  }
}`;

describe("register target groups that the corporation does not know are counted as unknown", () => {
  let graph: TestGraph;
  let elan: string;
  let analyst: string;

  beforeAll(async () => {
    graph = await startTestGraph();
    elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    analyst = await graph.token({ role: "ANALYST", orgs: ["0392", "0473"], sub: "analyst" });
    // Evictions in March 2026: 5 known with children (no 65+), 10 known in neither group, 15 of which Elan
    // knows nothing: multiples of 5, so the published counts (rounded up to a multiple of 5) are exact.
    const plan: [string, Record<string, string>][] = [
      ...Array.from({ length: 5 }, (_, i): [string, Record<string, string>] => [`K-${i}`, { withChildren: "YES", aged65Plus: "NO" }]),
      ...Array.from({ length: 10 }, (_, i): [string, Record<string, string>] => [`N-${i}`, { withChildren: "NO", aged65Plus: "NO" }]),
      ...Array.from({ length: 15 }, (_, i): [string, Record<string, string>] => [`U-${i}`, {}]),
    ];
    for (const [reference, flags] of plan) {
      const result = await graph.query(elan, UPSERT, {
        input: {
          reference,
          kind: "EVICTION",
          occurredOn: `2026-03-${String(2 + (reference.length % 20)).padStart(2, "0")}`,
          municipalityCode: "0392",
          reason: "Huurachterstand",
          ...flags,
        },
      });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
  });
  afterAll(() => graph?.stop());

  it("a corporation that leaves a target group out records it as UNKNOWN, not as NO; it can say NO or YES", async () => {
    const left = await graph.query(elan, UPSERT, { input: { reference: "U-0", kind: "EVICTION", occurredOn: "2026-03-04", municipalityCode: "0392", reason: "Huurachterstand" } });
    expect(left.data?.upsertRegisterEntry).toEqual({ reference: "U-0", withChildren: "UNKNOWN", aged65Plus: "UNKNOWN" });
    const old = await graph.query(elan, UPSERT, { input: { reference: "X-1", kind: "KEYS_RETURNED", occurredOn: "2026-04-01", municipalityCode: "0392", withChildren: false } });
    expect(old.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(old.errors?.[0]?.message).toMatch(/TargetGroupMembership/);
  });

  it("the analyst's counts by target group put the unknown apart from NEITHER", async () => {
    const byGroup = await graph.query(analyst, COUNTS, { groupBy: ["TARGET_GROUP"] });
    expect(byGroup.errors).toBeUndefined();
    expect(byGroup.data?.registerCounts.map((c: any) => [c.targetGroup, c.households])).toEqual([
      ["NEITHER", 10],
      ["UNKNOWN", 15],
      ["WITH_CHILDREN", 5],
    ]);
    const byFlag = await graph.query(analyst, COUNTS, { groupBy: ["CHILDREN_UNDER_18", "MEMBER_65_PLUS"] });
    expect(byFlag.errors).toBeUndefined();
    expect(byFlag.data?.registerCounts.map((c: any) => [c.withChildren, c.aged65Plus, c.households])).toEqual([
      ["NO", "NO", 10],
      ["UNKNOWN", "UNKNOWN", 15],
      ["YES", "NO", 5],
    ]);
  });

  it("the covenant's monitoring counts evictions with children, and those of which it is not known, apart", async () => {
    const result = await graph.query(analyst, MONITORING);
    expect(result.errors).toBeUndefined();
    expect(result.data?.monitoring).toEqual([
      {
        evictions: { count: 30 },
        evictionsWithChildren: { count: 5, suppressed: false },
        evictionsWithChildrenUnknown: { count: 15, suppressed: false },
        evictionsAged65Plus: { count: 0, suppressed: false },
        evictionsAged65PlusUnknown: { count: 15, suppressed: false },
      },
    ]);
  });
});
