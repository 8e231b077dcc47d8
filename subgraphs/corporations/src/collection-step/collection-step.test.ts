import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { tenantInput, UPSERT_TENANT } from "../tenant/tenant.fixture.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { today } from "../validation.js";

const UPSERT = `mutation($input: CollectionStepInput!) {
  upsertCollectionStep(input: $input) { id reference kind takenOn takenBy tenant { id reference } }
}`;
const STEPS = `query($id: ID!) { tenant(id: $id) { collectionSteps { reference kind takenOn takenBy } } }`;

describe("collection steps (MVI) in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const tenantIds: Record<string, string> = {};
  const step = (overrides: Record<string, unknown> = {}) => ({
    tenantReference: "EW-C1",
    reference: "EW-C1-S1",
    kind: "PAYMENT_REMINDER",
    takenOn: "2026-03-02",
    takenBy: "incasso-team",
    ...overrides,
  });
  const rows = () => subgraph.db.query(`select id, tenant_id, reference, kind, taken_on, taken_by, updated_at from collection_step order by reference`);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    for (const [identity, reference] of [
      [identities.elanWonen, "EW-C1"],
      [identities.elanWonen, "EW-C2"],
      [identities.ymere, "YM-C1"],
    ] as const) {
      const result = await subgraph.query(identity, UPSERT_TENANT, { input: tenantInput(reference) });
      tenantIds[reference] = result.data?.upsertTenant.id;
    }
  });
  afterAll(() => subgraph?.stop());

  it("recording the same step twice gives the same id, one row, and changes nothing the second time", async () => {
    const first = await subgraph.query(identities.elanWonen, UPSERT, { input: step() });
    expect(first.errors).toBeUndefined();
    const before = await rows();
    const second = await subgraph.query(identities.elanWonen, UPSERT, { input: step() });
    expect(second.data?.upsertCollectionStep).toEqual(first.data?.upsertCollectionStep);
    expect(first.data?.upsertCollectionStep).toMatchObject({ reference: "EW-C1-S1", kind: "PAYMENT_REMINDER", tenant: { reference: "EW-C1" } });
    expect(await rows()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it("a repeated call with the same reference corrects the step instead of adding one", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: step({ takenOn: "2026-03-03", takenBy: "m.devries" }) });
    expect(result.data?.upsertCollectionStep).toMatchObject({ takenOn: "2026-03-03", takenBy: "m.devries" });
    expect(await rows()).toHaveLength(1);
  });

  it("a tenant's steps come in the order they were taken", async () => {
    await subgraph.query(identities.elanWonen, UPSERT, { input: step({ reference: "EW-C1-S3", kind: "DATA_SHARING_NOTICE", takenOn: "2026-03-20" }) });
    await subgraph.query(identities.elanWonen, UPSERT, { input: step({ reference: "EW-C1-S2", kind: "PERSONAL_CONTACT_ATTEMPT", takenOn: "2026-03-10" }) });
    const result = await subgraph.query(identities.elanWonen, STEPS, { id: tenantIds["EW-C1"] });
    expect(result.data?.tenant.collectionSteps.map((s: { kind: string }) => s.kind)).toEqual(["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DATA_SHARING_NOTICE"]);
  });

  it("a reference already used for another tenant's step is refused with REFERENCE_CONFLICT and the step stays where it was", async () => {
    const before = await rows();
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: step({ tenantReference: "EW-C2", takenBy: "someone-else" }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "REFERENCE_CONFLICT", field: "reference" });
    expect(result.errors?.[0]?.message).toMatch(/EW-C1-S1.*EW-C1/);
    expect(await rows()).toEqual(before);
  });

  it("another corporation may use the same reference for its own tenant", async () => {
    const result = await subgraph.query(identities.ymere, UPSERT, { input: step({ tenantReference: "YM-C1" }) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.upsertCollectionStep.tenant.id).toBe(tenantIds["YM-C1"]);
  });

  it.each([
    ["a step dated in the future", { takenOn: addDays(today(), 1) }, "takenOn"],
    ["a step without who took it", { takenBy: " " }, "takenBy"],
    ["a step without a reference", { reference: "" }, "reference"],
  ])("%s is refused with BAD_USER_INPUT naming the field, and nothing is written", async (_name, overrides, field) => {
    const before = await rows();
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: step({ reference: "EW-C1-NEW", ...overrides }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await rows()).toEqual(before);
  });

  it("a kind outside the four MVI steps is refused by the schema", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: step({ kind: "PHONE_CALL" }) });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a corporation cannot record a step for another corporation's tenant", async () => {
    const before = await rows();
    const asOther = await subgraph.query(identities.elanWonen, UPSERT, { input: step({ corporationId: "ymere", tenantReference: "YM-C1", reference: "X" }) });
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byReference = await subgraph.query(identities.elanWonen, UPSERT, { input: step({ tenantReference: "YM-C1", reference: "X" }) });
    expect(byReference.errors?.[0]?.extensions?.code).toBe("TENANT_NOT_FOUND");
    expect(await rows()).toEqual(before);
  });

  it("another corporation reading the tenant by id gets nothing", async () => {
    const result = await subgraph.query(identities.ymere, STEPS, { id: tenantIds["EW-C1"] });
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenant).toBeNull();
  });
});
