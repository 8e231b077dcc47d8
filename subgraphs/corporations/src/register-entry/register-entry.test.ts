import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { today } from "../validation.js";

const UPSERT = `mutation($input: RegisterEntryInput!) {
  upsertRegisterEntry(input: $input) { id reference kind occurredOn municipalityCode withChildren aged65Plus reason corporation { id } }
}`;
const LIST = `query($first: Int!, $after: String, $filter: RegisterEntryFilter) {
  registerEntries(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id reference kind occurredOn municipalityCode corporation { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("the registers of Art. 6.4 in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const entry = (overrides: Record<string, unknown> = {}) => ({
    reference: "EW-R1",
    kind: "EVICTION",
    occurredOn: "2026-02-10",
    municipalityCode: "0392",
    withChildren: "YES",
    aged65Plus: "NO",
    reason: "Huurachterstand",
    ...overrides,
  });
  const rows = () => subgraph.db.query(`select * from register_entry order by corporation_id, reference`);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it("recording the same entry twice gives the same id, one row, and changes nothing the second time", async () => {
    const first = await subgraph.query(identities.elanWonen, UPSERT, { input: entry() });
    expect(first.errors).toBeUndefined();
    expect(first.data?.upsertRegisterEntry).toMatchObject({ kind: "EVICTION", withChildren: "YES", reason: "Huurachterstand", corporation: { id: "elan-wonen" } });
    const before = await rows();
    const second = await subgraph.query(identities.elanWonen, UPSERT, { input: entry() });
    expect(second.data?.upsertRegisterEntry).toEqual(first.data?.upsertRegisterEntry);
    expect(await rows()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it("a repeated call with the same reference corrects the entry", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: entry({ kind: "EVICTION_PREVENTED", reason: null, withChildren: "NO" }) });
    expect(result.data?.upsertRegisterEntry).toMatchObject({ kind: "EVICTION_PREVENTED", reason: null, withChildren: "NO" });
    expect(await rows()).toHaveLength(1);
  });

  it.each([
    ["an eviction without a reason", { reference: "EW-R9", reason: " " }, "reason"],
    ["a municipality code that is not a CBS code", { reference: "EW-R9", municipalityCode: "Haarlem" }, "municipalityCode"],
    ["an entry dated in the future", { reference: "EW-R9", occurredOn: addDays(today(), 2) }, "occurredOn"],
    ["an entry without a reference", { reference: "" }, "reference"],
  ])("%s is refused with BAD_USER_INPUT naming the field, and nothing is written", async (_name, overrides, field) => {
    const before = await rows();
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: entry(overrides) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await rows()).toEqual(before);
  });

  it("only a corporation writes register entries, and only its own", async () => {
    const before = await rows();
    const bySdv = await subgraph.query(identities.sdvHaarlem, UPSERT, { input: entry({ reference: "SDV-1" }) });
    expect(bySdv.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(bySdv.errors?.[0]?.message).toMatch(/SDV.*upsertRegisterEntry/);
    const asOther = await subgraph.query(identities.elanWonen, UPSERT, { input: entry({ corporationId: "ymere", reference: "YM-R1" }) });
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(asOther.errors?.[0]?.message).toMatch(/cannot write data of corporation "ymere"/);
    expect(await rows()).toEqual(before);
  });

  describe("reading", () => {
    beforeAll(async () => {
      const kinds = ["EVICTION", "KEYS_RETURNED", "EVICTION_PREVENTED"];
      for (const [identity, prefix] of [
        [identities.preWonen, "PW"],
        [identities.ymere, "YM"],
      ] as const) {
        for (let k = 0; k < 12; k++) {
          const result = await subgraph.query(identity, UPSERT, {
            input: entry({
              reference: `${prefix}-R${k}`,
              kind: kinds[k % 3],
              // Several entries share a day, so the cursor must break ties by id.
              occurredOn: addDays("2026-01-01", Math.floor(k / 2) * 10),
              municipalityCode: k % 4 === 0 ? "0473" : "0392",
            }),
          });
          expect(result.errors).toBeUndefined();
        }
      }
    });

    it("a corporation sees only its own entries", async () => {
      const result = await subgraph.query(identities.ymere, LIST, { first: 500 });
      const corporations = new Set(result.data?.registerEntries.edges.map((e: any) => e.node.corporation.id));
      expect([...corporations]).toEqual(["ymere"]);
      expect(result.data?.registerEntries.edges).toHaveLength(12);
    });

    it.each([
      ["an SDV worker", identities.sdvHaarlem],
      ["an SWT worker", identities.swtSchalkwijk],
      ["a budget coach", identities.budgetCoach],
      ["an analyst", identities.analyst],
      ["the coordinator", identities.coordinator],
    ])("%s reads no single entry: the list is refused with FORBIDDEN (counts are in registerCounts)", async (_who, identity) => {
      const result = await subgraph.query(identity, LIST, { first: 500 });
      expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(result.errors?.[0]?.path).toEqual(["registerEntries"]);
      expect(result.data ?? null).toBeNull();
    });

    it("paging with first and after walks every entry once, in order of occurrence", async () => {
      const seen: { id: string; occurredOn: string }[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result: any = await subgraph.query(identities.preWonen, LIST, { first: 4, after });
        expect(result.errors).toBeUndefined();
        seen.push(...result.data.registerEntries.edges.map((e: any) => e.node));
        if (!result.data.registerEntries.pageInfo.hasNextPage) break;
        after = result.data.registerEntries.pageInfo.endCursor;
      }
      const all = await subgraph.db.query(`select id from register_entry where corporation_id = 'pre-wonen'`);
      expect(seen).toHaveLength(all.length);
      expect(new Set(seen.map((e) => e.id)).size).toBe(all.length);
      const dates = seen.map((e) => e.occurredOn);
      expect(dates).toEqual([...dates].sort());
    });

    it("filters on kind, municipality and period all hold at once", async () => {
      const filter = { kind: "EVICTION", municipalityCode: "0473", from: "2026-01-01", to: "2026-03-01" };
      const result = await subgraph.query(identities.preWonen, LIST, { first: 500, filter });
      const nodes = result.data?.registerEntries.edges.map((e: any) => e.node) ?? [];
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        expect(node).toMatchObject({ kind: "EVICTION", municipalityCode: "0473" });
        expect(node.occurredOn >= filter.from && node.occurredOn <= filter.to).toBe(true);
      }
      const [{ count }] = await subgraph.db.query(
        `select count(*)::int as count from register_entry
         where corporation_id = 'pre-wonen' and kind = 'EVICTION' and municipality_code = '0473' and occurred_on between '2026-01-01' and '2026-03-01'`,
      );
      expect(nodes).toHaveLength(count);
    });

    it("a period that ends before it begins is refused", async () => {
      const result = await subgraph.query(identities.elanWonen, LIST, { first: 10, filter: { from: "2026-05-01", to: "2026-04-01" } });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });
});
