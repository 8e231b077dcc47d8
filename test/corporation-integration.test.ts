import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";

const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id reference name } }`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id arrears { amountCents since phase } } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id kind takenOn } }`;
const UPSERT_OBJECTION = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { id recordedOn } }`;
const UPSERT_REGISTER = `mutation($input: RegisterEntryInput!) { upsertRegisterEntry(input: $input) { id kind reason } }`;

const tenant = {
  reference: "EW-900001",
  name: "Fatima El Amrani",
  birthDate: "1979-06-14",
  phone: "0612345678",
  email: "fatima@example.nl",
  address: { street: "Zomervaart", houseNumber: "101", postcode: "2033 CD", city: "Haarlem", municipalityCode: "0392" },
  sector: "SOCIAL",
};

async function count(graph: TestGraph, table: string): Promise<number> {
  const [{ n }] = await graph.subgraphs.corporations.dataSource.query(`select count(*)::int as n from ${table}`);
  return n;
}

describe("a corporation's integration, through the gateway", () => {
  let graph: TestGraph;
  let token: string;

  beforeAll(async () => {
    graph = await startTestGraph();
    token = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
  });
  afterAll(() => graph?.stop());

  it("sends every upsert twice and finds one of each, unchanged by the repeat", async () => {
    const calls: [string, Record<string, unknown>][] = [
      [UPSERT_TENANT, tenant],
      [UPSERT_ARREARS, { tenantReference: tenant.reference, amountCents: 48_250, since: "2026-08-01", phase: "COLLECTION" }],
      [UPSERT_STEP, { tenantReference: tenant.reference, reference: "EW-900001-S1", kind: "PAYMENT_REMINDER", takenOn: "2026-08-10", takenBy: "incasso-team" }],
      [UPSERT_OBJECTION, { tenantReference: tenant.reference, reference: "EW-900001-B1", recordedOn: "2026-09-01" }],
      [UPSERT_REGISTER, { reference: "EW-R-1", kind: "EVICTION", occurredOn: "2026-09-02", municipalityCode: "0392", withChildren: "YES", reason: "Huurachterstand" }],
    ];
    for (const [mutation, input] of calls) {
      const first = await graph.query(token, mutation, { input });
      const second = await graph.query(token, mutation, { input });
      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      expect(second.data).toEqual(first.data);
    }
    expect(await count(graph, "tenant")).toBe(1);
    expect(await count(graph, "arrears")).toBe(1);
    expect(await count(graph, "collection_step")).toBe(1);
    expect(await count(graph, "objection")).toBe(1);
    expect(await count(graph, "register_entry")).toBe(1);
  });

  it("refuses bad input with a stable code and a message that says what to fix, and writes nothing", async () => {
    const result = await graph.query(token, UPSERT_ARREARS, {
      input: { tenantReference: "EW-UNKNOWN", amountCents: 1000, since: "2026-08-01", phase: "ARREARS" },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe("TENANT_NOT_FOUND");
    expect(result.errors?.[0]?.message).toMatch(/EW-UNKNOWN.*upsert the tenant first/);

    const badDate = await graph.query(token, UPSERT_TENANT, { input: { ...tenant, reference: "EW-900002", birthDate: "1979-02-30" } });
    expect(badDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(badDate.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
    expect(await count(graph, "tenant")).toBe(1);
  });

  it("keeps what was accepted across a restart of every process", async () => {
    await graph.restart();
    const result = await graph.query(token, `{ tenants(first: 10) { edges { node { reference name arrears { amountCents phase } collectionSteps { kind } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.tenants.edges).toEqual([
      { node: { reference: "EW-900001", name: "Fatima El Amrani", arrears: { amountCents: 48_250, phase: "COLLECTION" }, collectionSteps: [{ kind: "PAYMENT_REMINDER" }] } },
    ]);
  });
});
