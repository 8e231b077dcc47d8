import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { insertTenants } from "../tenant/tenant.fixture.js";

const ARREARS = `query($groupBy: [ArrearsGroup!]!, $filter: ArrearsCountFilter) {
  arrearsCounts(groupBy: $groupBy, filter: $filter) { phase municipalityCode corporationId sector amountBand households suppressed }
}`;
const OBJECTIONS = `query($groupBy: [ObjectionGroup!]!, $filter: ObjectionCountFilter) {
  objectionCounts(groupBy: $groupBy, filter: $filter) { municipalityCode corporationId monthRecorded households suppressed }
}`;
const REGISTERS = `query($groupBy: [RegisterGroup!]!, $filter: RegisterCountFilter) {
  registerCounts(groupBy: $groupBy, filter: $filter) { kind municipalityCode corporationId month targetGroup households suppressed }
}`;

describe("counts of arrears, objections and the registers in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    // Five Elan Wonen households in Haarlem owing EUR 123.45; four Ymere households in Zandvoort owing EUR 3,000.
    const elan = await insertTenants(subgraph.db, "elan-wonen", "EW-S", 5);
    const ymere = await insertTenants(subgraph.db, "ymere", "YM-S", 4);
    await subgraph.db.query(`update tenant set address_municipality_code = '0473' where id = ANY($1)`, [ymere]);
    await subgraph.db.query(`insert into arrears (tenant_id, amount_cents, since, phase) select id, 12345, date '2026-01-01', 'ARREARS' from unnest($1::uuid[]) id`, [elan]);
    await subgraph.db.query(`insert into arrears (tenant_id, amount_cents, since, phase) select id, 300000, date '2025-10-01', 'BAILIFF' from unnest($1::uuid[]) id`, [ymere]);
    // Objections: the five Elan Wonen tenants in February, two Ymere tenants in March.
    await subgraph.db.query(
      `insert into objection (corporation_id, tenant_id, reference, recorded_on) select 'elan-wonen', id, 'B-' || id, date '2026-02-10' from unnest($1::uuid[]) id`,
      [elan],
    );
    await subgraph.db.query(
      `insert into objection (corporation_id, tenant_id, reference, recorded_on) select 'ymere', id, 'B-' || id, date '2026-03-10' from unnest($1::uuid[]) id`,
      [ymere.slice(0, 2)],
    );
    // Registers: six evictions of households with children in Haarlem, two keys returned in Zandvoort.
    await subgraph.db.query(
      `insert into register_entry (corporation_id, reference, kind, occurred_on, municipality_code, with_children, aged65_plus, reason)
       select 'elan-wonen', 'R-' || g, 'EVICTION', date '2026-01-05' + g, '0392', 'YES', 'NO', 'Huurachterstand' from generate_series(1, 6) g`,
    );
    await subgraph.db.query(
      `insert into register_entry (corporation_id, reference, kind, occurred_on, municipality_code, with_children, aged65_plus)
       select 'ymere', 'R-' || g, 'KEYS_RETURNED', date '2026-02-01' + g, '0473', 'NO', 'NO' from generate_series(1, 2) g`,
    );
  });
  afterAll(() => subgraph?.stop());

  it("a cell of five households is shown and a cell of four is suppressed", async () => {
    const result = await subgraph.query(identities.analyst, ARREARS, { groupBy: ["MUNICIPALITY"] });
    expect(result.errors).toBeUndefined();
    expect(result.data?.arrearsCounts).toEqual([
      { phase: null, municipalityCode: "0392", corporationId: null, sector: null, amountBand: null, households: 5, suppressed: false },
      { phase: null, municipalityCode: "0473", corporationId: null, sector: null, amountBand: null, households: null, suppressed: true },
    ]);
  });

  it("amounts are counted in bands, never by a person's amount, and the bands and phases add up to the total", async () => {
    const bands = await subgraph.query(identities.coordinator, ARREARS, { groupBy: ["AMOUNT_BAND", "PHASE"] });
    expect(bands.data?.arrearsCounts.map((c: any) => [c.amountBand, c.phase, c.households, c.suppressed])).toEqual([
      ["FROM_2000", "BAILIFF", null, true],
      ["FROM_75_UNDER_500", "ARREARS", 5, false],
    ]);
    const total = await subgraph.query(identities.coordinator, ARREARS, { groupBy: [] });
    expect(total.data?.arrearsCounts).toEqual([expect.objectContaining({ households: 10, suppressed: false })]);
    expect(JSON.stringify([bands, total])).not.toMatch(/12345|300000|Tenant /);
  });

  it("each count is one SQL statement, however many cells it has", async () => {
    const before = subgraph.statements();
    const result = await subgraph.query(identities.analyst, ARREARS, { groupBy: ["MUNICIPALITY", "CORPORATION", "SECTOR", "PHASE", "AMOUNT_BAND"] });
    expect(result.errors).toBeUndefined();
    expect(subgraph.statements() - before).toBe(1);
  });

  it("a corporation counts only its own tenants", async () => {
    const result = await subgraph.query(identities.ymere, ARREARS, { groupBy: ["CORPORATION"] });
    expect(result.data?.arrearsCounts).toEqual([expect.objectContaining({ corporationId: "ymere", households: null, suppressed: true })]);
    const elan = await subgraph.query(identities.elanWonen, ARREARS, { groupBy: [], filter: { corporationId: "ymere" } });
    expect(elan.data?.arrearsCounts).toEqual([expect.objectContaining({ households: 0, suppressed: false })]);
  });

  it("objections are counted by the month they were recorded, with the small month suppressed", async () => {
    const result = await subgraph.query(identities.analyst, OBJECTIONS, { groupBy: ["MONTH_RECORDED"] });
    expect(result.errors).toBeUndefined();
    expect(result.data?.objectionCounts).toEqual([
      { municipalityCode: null, corporationId: null, monthRecorded: "2026-02", households: 5, suppressed: false },
      { municipalityCode: null, corporationId: null, monthRecorded: "2026-03", households: null, suppressed: true },
    ]);
  });

  it("register entries are counted by kind and target group, for analysts, the coordinator and an SDV", async () => {
    for (const identity of [identities.analyst, identities.coordinator, identities.sdvHaarlem]) {
      const result = await subgraph.query(identity, REGISTERS, { groupBy: ["KIND", "TARGET_GROUP"] });
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerCounts.map((c: any) => [c.kind, c.targetGroup, c.households, c.suppressed])).toEqual([
        ["EVICTION", "WITH_CHILDREN", 10, false],
        ["KEYS_RETURNED", "NEITHER", null, true],
      ]);
    }
  });

  it("a register count over a period that ends before it begins is refused", async () => {
    const result = await subgraph.query(identities.analyst, REGISTERS, { groupBy: ["MONTH"], filter: { from: "2026-05-01", to: "2026-04-01" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each([
    ["an SWT worker", identities.swtSchalkwijk, ["arrearsCounts", "objectionCounts", "registerCounts"]],
    ["a budget coach", identities.budgetCoach, ["arrearsCounts", "objectionCounts", "registerCounts"]],
    ["an SDV worker", identities.sdvHaarlem, ["arrearsCounts", "objectionCounts"]],
  ])("%s gets none of the counts its column of the matrix does not list", async (_who, identity, fields) => {
    for (const field of fields) {
      const query = field === "arrearsCounts" ? ARREARS : field === "objectionCounts" ? OBJECTIONS : REGISTERS;
      const result = await subgraph.query(identity, query, { groupBy: [] });
      expect(result.errors?.[0]).toMatchObject({ path: [field], extensions: { code: "FORBIDDEN" } });
      expect(result.data ?? null).toBeNull();
    }
  });
});
