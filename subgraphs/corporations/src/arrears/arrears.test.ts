import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { insertArrearsAndSteps, insertTenants, tenantInput, UPSERT_TENANT } from "../tenant/tenant.fixture.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { today } from "../validation.js";

const UPSERT = `mutation($input: ArrearsInput!) {
  upsertArrears(input: $input) { id reference arrears { amountCents since phase bailiffHandoverOn daysInArrears updatedAt } }
}`;
const CLEAR = `mutation($input: ClearArrearsInput!) { clearArrears(input: $input) { id arrears { amountCents } } }`;

describe("arrears in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const since = addDays(today(), -40);
  const arrears = (overrides: Record<string, unknown> = {}) => ({
    tenantReference: "EW-A1",
    amountCents: 45_000,
    since,
    phase: "COLLECTION",
    bailiffHandoverOn: null,
    ...overrides,
  });
  const count = async (sql: string, params: unknown[] = []) => ((await subgraph.db.query(sql, params)) as { count: number }[])[0]!.count;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    for (const [identity, reference] of [
      [identities.elanWonen, "EW-A1"],
      [identities.elanWonen, "EW-A2"],
      [identities.ymere, "YM-A1"],
    ] as const) {
      const result = await subgraph.query(identity, UPSERT_TENANT, { input: tenantInput(reference) });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => subgraph?.stop());

  it("recording the same arrears twice keeps one record and changes nothing the second time", async () => {
    const first = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears() });
    expect(first.errors).toBeUndefined();
    const second = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears() });
    expect(second.errors).toBeUndefined();
    expect(second.data?.upsertArrears.id).toBe(first.data?.upsertArrears.id);
    expect(second.data?.upsertArrears.arrears).toEqual(first.data?.upsertArrears.arrears);
    expect(first.data?.upsertArrears.arrears).toMatchObject({ amountCents: 45_000, since, phase: "COLLECTION", bailiffHandoverOn: null });
    expect(await count(`select count(*)::int as count from arrears where tenant_id = $1`, [first.data?.upsertArrears.id])).toBe(1);
  });

  it("days in arrears are counted from the oldest unpaid due date to today", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears() });
    expect(result.data?.upsertArrears.arrears.daysInArrears).toBe(40);
  });

  it("a later report updates the amount, phase and planned bailiff hand-over of the one record", async () => {
    const handover = addDays(today(), 10);
    const result = await subgraph.query(identities.elanWonen, UPSERT, {
      input: arrears({ amountCents: 61_000, phase: "BAILIFF", bailiffHandoverOn: handover }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.upsertArrears.arrears).toMatchObject({ amountCents: 61_000, phase: "BAILIFF", bailiffHandoverOn: handover });
    expect(await count(`select count(*)::int as count from arrears`)).toBe(1);
  });

  it("an amount of zero means the arrears are paid off: the record goes, and clearing again changes nothing", async () => {
    await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ tenantReference: "EW-A2" }) });
    const zero = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ tenantReference: "EW-A2", amountCents: 0 }) });
    expect(zero.errors).toBeUndefined();
    expect(zero.data?.upsertArrears.arrears).toBeNull();
    await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ tenantReference: "EW-A2" }) });
    for (let i = 0; i < 2; i++) {
      const cleared = await subgraph.query(identities.elanWonen, CLEAR, { input: { tenantReference: "EW-A2" } });
      expect(cleared.errors).toBeUndefined();
      expect(cleared.data?.clearArrears.arrears).toBeNull();
    }
    expect(await count(`select count(*)::int as count from arrears a join tenant t on t.id = a.tenant_id where t.reference = 'EW-A2'`)).toBe(0);
  });

  it.each([
    ["a negative amount", { amountCents: -1 }, "amountCents", /from 0 \(the arrears are paid off\)/],
    ["an amount above EUR 1,000,000", { amountCents: 100_000_001 }, "amountCents", /to 100000000 \(EUR 1,000,000\)/],
    ["a since date in the future", { since: addDays(today(), 3) }, "since", /lies in the future/],
    ["a bailiff hand-over before the arrears began", { bailiffHandoverOn: addDays(since, -1) }, "bailiffHandoverOn", /before since/],
    ["an empty tenant reference", { tenantReference: "  " }, "tenantReference", /must not be empty/],
  ])("%s is refused with BAD_USER_INPUT naming the field, and nothing is written", async (_name, overrides, field, message) => {
    const before = await subgraph.db.query(`select * from arrears order by tenant_id`);
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ amountCents: 99_999, ...overrides }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await subgraph.db.query(`select * from arrears order by tenant_id`)).toEqual(before);
  });

  it("arrears of a tenant the corporation never registered are refused with TENANT_NOT_FOUND", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ tenantReference: "EW-UNKNOWN" }) });
    expect(result.errors?.[0]?.extensions?.code).toBe("TENANT_NOT_FOUND");
    expect(result.errors?.[0]?.message).toMatch(/upsert the tenant first/);
  });

  it("a corporation cannot write the arrears of another corporation's tenant", async () => {
    const asOther = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ corporationId: "ymere", tenantReference: "YM-A1" }) });
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byReference = await subgraph.query(identities.elanWonen, UPSERT, { input: arrears({ tenantReference: "YM-A1" }) });
    expect(byReference.errors?.[0]?.extensions?.code).toBe("TENANT_NOT_FOUND");
    const bySdv = await subgraph.query(identities.sdvHaarlem, UPSERT, { input: arrears() });
    expect(bySdv.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await count(`select count(*)::int as count from arrears a join tenant t on t.id = a.tenant_id where t.corporation_id = 'ymere'`)).toBe(0);
  });

  it("arrears and collection steps of a list of 1 and of 200 tenants take the same number of SQL statements", async () => {
    const ids = await insertTenants(subgraph.db, "pre-wonen", "PW-L", 200);
    await insertArrearsAndSteps(subgraph.db, "pre-wonen", ids);
    const query = `query($first: Int!) { tenants(first: $first, filter: { corporationId: "pre-wonen" }) {
      edges { node { id arrears { amountCents daysInArrears } collectionSteps { kind takenOn } objections { reference } } } } }`;
    const run = async (first: number) => {
      const before = subgraph.statements();
      const result = await subgraph.query(identities.preWonen, query, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data?.tenants.edges).toHaveLength(first);
      for (const edge of result.data?.tenants.edges ?? []) {
        expect(edge.node.arrears.amountCents).toBe(12_345);
        expect(edge.node.collectionSteps.map((s: { kind: string }) => s.kind)).toEqual([
          "PAYMENT_REMINDER",
          "PERSONAL_CONTACT_ATTEMPT",
          "DEBT_HELP_REFERRAL",
          "DATA_SHARING_NOTICE",
        ]);
      }
      return subgraph.statements() - before;
    };
    const one = await run(1);
    const many = await run(200);
    expect(many).toBe(one);
    // The page, the arrears, the steps, the objections, and one insert into the access log.
    expect(one).toBeLessThanOrEqual(5);
  });

  it("another corporation reading the tenants sees none of these arrears", async () => {
    const result = await subgraph.query(identities.ymere, `{ tenants(first: 500) { edges { node { reference arrears { amountCents } } } } }`);
    expect(result.data?.tenants.edges.map((e: any) => e.node.reference)).toEqual(["YM-A1"]);
  });
});
