import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { tenantInput, UPSERT_TENANT } from "../tenant/tenant.fixture.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { today } from "../validation.js";

const RECORD = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { id reference recordedOn withdrawnOn tenant { reference } } }`;
const WITHDRAW = `mutation($input: ObjectionWithdrawalInput!) { withdrawObjection(input: $input) { id reference recordedOn withdrawnOn } }`;
const OBJECTIONS = `query($id: ID!) { tenant(id: $id) { objections { reference recordedOn withdrawnOn } } }`;

describe("objections (Art. 3.4) in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const tenantIds: Record<string, string> = {};
  const objection = (overrides: Record<string, unknown> = {}) => ({ tenantReference: "EW-B1", reference: "EW-B1-B1", recordedOn: "2026-04-01", ...overrides });
  const rows = () => subgraph.db.query(`select id, tenant_id, reference, recorded_on, withdrawn_on, updated_at from objection order by reference`);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    for (const [identity, reference] of [
      [identities.elanWonen, "EW-B1"],
      [identities.elanWonen, "EW-B2"],
      [identities.ymere, "YM-B1"],
    ] as const) {
      const result = await subgraph.query(identity, UPSERT_TENANT, { input: tenantInput(reference) });
      tenantIds[reference] = result.data?.upsertTenant.id;
    }
  });
  afterAll(() => subgraph?.stop());

  it("recording the same objection twice gives the same id, one row, and changes nothing the second time", async () => {
    const first = await subgraph.query(identities.elanWonen, RECORD, { input: objection() });
    expect(first.errors).toBeUndefined();
    expect(first.data?.upsertObjection).toMatchObject({ reference: "EW-B1-B1", recordedOn: "2026-04-01", withdrawnOn: null, tenant: { reference: "EW-B1" } });
    const before = await rows();
    const second = await subgraph.query(identities.elanWonen, RECORD, { input: objection() });
    expect(second.data?.upsertObjection).toEqual(first.data?.upsertObjection);
    expect(await rows()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it("withdrawing the objection twice records one withdrawal and changes nothing the second time", async () => {
    const first = await subgraph.query(identities.elanWonen, WITHDRAW, { input: { reference: "EW-B1-B1", withdrawnOn: "2026-05-01" } });
    expect(first.errors).toBeUndefined();
    expect(first.data?.withdrawObjection).toMatchObject({ recordedOn: "2026-04-01", withdrawnOn: "2026-05-01" });
    const before = await rows();
    const second = await subgraph.query(identities.elanWonen, WITHDRAW, { input: { reference: "EW-B1-B1", withdrawnOn: "2026-05-01" } });
    expect(second.data?.withdrawObjection).toEqual(first.data?.withdrawObjection);
    expect(await rows()).toEqual(before);
  });

  it("replaying the original record does not undo the withdrawal", async () => {
    const result = await subgraph.query(identities.elanWonen, RECORD, { input: objection() });
    expect(result.data?.upsertObjection.withdrawnOn).toBe("2026-05-01");
    const read = await subgraph.query(identities.elanWonen, OBJECTIONS, { id: tenantIds["EW-B1"] });
    expect(read.data?.tenant.objections).toEqual([{ reference: "EW-B1-B1", recordedOn: "2026-04-01", withdrawnOn: "2026-05-01" }]);
  });

  it("a withdrawal dated before the objection, or a record dated after its withdrawal, is refused and nothing changes", async () => {
    const before = await rows();
    const early = await subgraph.query(identities.elanWonen, WITHDRAW, { input: { reference: "EW-B1-B1", withdrawnOn: "2026-03-01" } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "withdrawnOn" });
    const late = await subgraph.query(identities.elanWonen, RECORD, { input: objection({ recordedOn: "2026-06-01" }) });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "recordedOn" });
    expect(late.errors?.[0]?.message).toMatch(/reference of its own/);
    expect(await rows()).toEqual(before);
  });

  it("withdrawing an objection that was never recorded is refused with OBJECTION_NOT_FOUND", async () => {
    const result = await subgraph.query(identities.elanWonen, WITHDRAW, { input: { reference: "EW-NOPE", withdrawnOn: "2026-05-01" } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "OBJECTION_NOT_FOUND", field: "reference" });
  });

  it("an objection dated in the future is refused with BAD_USER_INPUT and nothing is written", async () => {
    const before = await rows();
    const result = await subgraph.query(identities.elanWonen, RECORD, { input: objection({ reference: "EW-B1-B2", recordedOn: addDays(today(), 1) }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "recordedOn" });
    expect(await rows()).toEqual(before);
  });

  it("a reference already used for another tenant's objection is refused with REFERENCE_CONFLICT", async () => {
    const before = await rows();
    const result = await subgraph.query(identities.elanWonen, RECORD, { input: objection({ tenantReference: "EW-B2" }) });
    expect(result.errors?.[0]?.extensions?.code).toBe("REFERENCE_CONFLICT");
    expect(await rows()).toEqual(before);
  });

  it("a corporation can neither record nor withdraw another corporation's objections", async () => {
    const recorded = await subgraph.query(identities.ymere, RECORD, { input: objection({ tenantReference: "YM-B1", reference: "YM-B1-B1" }) });
    expect(recorded.errors).toBeUndefined();
    const before = await rows();
    const asOther = await subgraph.query(identities.elanWonen, WITHDRAW, { input: { corporationId: "ymere", reference: "YM-B1-B1", withdrawnOn: "2026-05-01" } });
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byReference = await subgraph.query(identities.elanWonen, WITHDRAW, { input: { reference: "YM-B1-B1", withdrawnOn: "2026-05-01" } });
    expect(byReference.errors?.[0]?.extensions?.code).toBe("OBJECTION_NOT_FOUND");
    const bySwt = await subgraph.query(identities.swtSchalkwijk, RECORD, { input: objection({ reference: "SWT-1" }) });
    expect(bySwt.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await rows()).toEqual(before);
  });
});
