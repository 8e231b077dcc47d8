import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import { startCorporationsWithPeers } from "./peer.fixture.js";
import { insertArrearsAndSteps, insertTenants } from "./tenant.fixture.js";

const LIST = `{ tenants(first: 500) { edges { node { id name } } } }`;
const ONE = `query($id: ID!) { tenant(id: $id) { id name arrears { amountCents } } }`;
const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Tenant { id name arrears { amountCents } collectionSteps { kind } } }
}`;
const representations = (ids: string[]) => ids.map((id) => ({ __typename: "Tenant", id }));
const listed = (result: { data?: any }) => (result.data?.tenants.edges ?? []).map((e: { node: { id: string } }) => e.node.id).sort();

describe("which tenants each role may read in the corporations subgraph", () => {
  let graph: Awaited<ReturnType<typeof startCorporationsWithPeers>>;
  let elan: string[];
  let ymere: string[];

  beforeAll(async () => {
    graph = await startCorporationsWithPeers();
    elan = await insertTenants(graph.db, "elan-wonen", "EW-P", 6);
    ymere = await insertTenants(graph.db, "ymere", "YM-P", 2);
    await insertArrearsAndSteps(graph.db, "elan-wonen", elan);
    await insertArrearsAndSteps(graph.db, "ymere", ymere);
    await graph.db.query(
      `insert into objection (corporation_id, tenant_id, reference, recorded_on, withdrawn_on) values ('elan-wonen', $1, 'EW-P-B1', '2026-02-01', '2026-03-01')`,
      [elan[0]],
    );
  });
  afterAll(() => graph?.stop());
  beforeEach(() => {
    for (const peer of [graph.peers.sdv, graph.peers.swt]) {
      peer.visible.clear();
      peer.calls.length = 0;
      peer.down = false;
    }
  });

  it("an SDV worker sees exactly the tenants the sdv service says it may see; the others are absent, with no error", async () => {
    graph.peers.sdv.visible = new Set([elan[0]!, elan[1]!, ymere[0]!]);
    const list = await graph.query(identities.sdvHaarlem, LIST);
    expect(list.errors).toBeUndefined();
    expect(listed(list)).toEqual([elan[0], elan[1], ymere[0]].sort());

    const hidden = await graph.query(identities.sdvHaarlem, ONE, { id: elan[2] });
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.tenant).toBeNull();

    const byReference = await graph.query(identities.sdvHaarlem, ENTITIES, { representations: representations([elan[0]!, elan[2]!, ymere[0]!]) });
    expect(byReference.errors).toBeUndefined();
    expect(byReference.data?._entities.map((t: { id: string } | null) => t?.id ?? null)).toEqual([elan[0], null, ymere[0]]);
    expect(byReference.data?._entities[0]).toMatchObject({ name: "Tenant EW-P0001", arrears: { amountCents: 12_345 } });
    expect(byReference.data?._entities[0].collectionSteps).toHaveLength(4);

    // The sdv service was asked with the caller's own identity, so its own policies decided.
    expect(graph.peers.sdv.calls.every((call) => call.audience === "sdv" && call.role === "SDV" && call.sub === identities.sdvHaarlem.sub)).toBe(true);
    expect(graph.peers.swt.calls).toHaveLength(0);
  });

  it("a budget coach sees the tenants the sdv service says are referred to it, and an SWT worker those the swt service says have a case of its team", async () => {
    graph.peers.sdv.visible = new Set([elan[4]!]);
    graph.peers.swt.visible = new Set([elan[5]!]);
    const coach = await graph.query(identities.budgetCoach, LIST);
    expect(listed(coach)).toEqual([elan[4]]);
    expect(graph.peers.sdv.calls.map((call) => call.role)).toEqual(["BUDGET_COACH"]);

    const swt = await graph.query(identities.swtSchalkwijk, LIST);
    expect(listed(swt)).toEqual([elan[5]]);
    expect(graph.peers.swt.calls.map((call) => call.role)).toEqual(["SWT"]);
  });

  it("tenants with their arrears and collection steps cost one question to the sdv service per request, by list or by reference", async () => {
    graph.peers.sdv.visible = new Set([...elan, ...ymere]);
    const list = await graph.query(identities.sdvHaarlem, `{ tenants(first: 500) { edges { node { id arrears { amountCents } collectionSteps { kind } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data?.tenants.edges).toHaveLength(8);
    expect(graph.peers.sdv.calls).toEqual([expect.objectContaining({ ids: null })]);

    graph.peers.sdv.calls.length = 0;
    const byReference = await graph.query(identities.sdvHaarlem, ENTITIES, { representations: representations([...elan, ...ymere]) });
    expect(byReference.errors).toBeUndefined();
    expect(graph.peers.sdv.calls).toHaveLength(1);
    expect(graph.peers.sdv.calls[0]!.ids?.sort()).toEqual([...elan, ...ymere].sort());
  });

  it("when the sdv service is down an SDV worker sees no tenant at all, never every tenant, and is told the service could not be asked", async () => {
    graph.peers.sdv.visible = new Set(elan);
    graph.peers.sdv.down = true;
    const list = await graph.query(identities.sdvHaarlem, LIST);
    expect(list.data ?? null).toBeNull();
    expect(list.errors?.[0]?.extensions?.code).toBe("SUBGRAPH_UNAVAILABLE");

    const byReference = await graph.query(identities.sdvHaarlem, ENTITIES, { representations: representations(elan.slice(0, 2)) });
    expect(byReference.data?._entities).toEqual([null, null]);
    expect(byReference.errors?.every((e) => e.extensions?.code === "SUBGRAPH_UNAVAILABLE")).toBe(true);
    expect(JSON.stringify([list, byReference])).not.toMatch(/Tenant EW-P/);
  });

  it.each([
    ["an analyst", identities.analyst],
    ["the coordinator", identities.coordinator],
  ])("%s reads no tenant row: the tenant fields are refused, and walking in by reference finds nothing", async (_who, identity) => {
    graph.peers.sdv.visible = new Set(elan);
    graph.peers.swt.visible = new Set(elan);
    const list = await graph.query(identity, LIST);
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(list.data ?? null).toBeNull();

    const byReference = await graph.query(identity, ENTITIES, { representations: representations(elan.slice(0, 3)) });
    expect(byReference.errors).toBeUndefined();
    expect(byReference.data?._entities).toEqual([null, null, null]);
    expect(graph.peers.sdv.calls).toHaveLength(0);
    expect(graph.peers.swt.calls).toHaveLength(0);
  });

  describe("the subgraph itself refuses a field the role may not read, even of a tenant it may see (defence in depth)", () => {
    it("an analyst asking for a tenant's name is refused with FORBIDDEN and gets no data", async () => {
      const result = await graph.query(identities.analyst, ONE, { id: elan[0] });
      expect(result.errors?.[0]).toMatchObject({ path: ["tenant"], extensions: { code: "FORBIDDEN" } });
      expect(result.data?.tenant ?? null).toBeNull();
      expect(JSON.stringify(result)).not.toMatch(/Tenant EW-P/);
    });

    it("an SDV worker reads the collection steps of a tenant with a live signal, but not its objections", async () => {
      graph.peers.sdv.visible = new Set([elan[0]!]);
      const steps = await graph.query(identities.sdvHaarlem, `query($id: ID!) { tenant(id: $id) { collectionSteps { kind } } }`, { id: elan[0] });
      expect(steps.errors).toBeUndefined();
      expect(steps.data?.tenant.collectionSteps).toHaveLength(4);

      const objections = await graph.query(identities.sdvHaarlem, `query($id: ID!) { tenant(id: $id) { id objections { reference } } }`, { id: elan[0] });
      expect(objections.errors?.[0]).toMatchObject({ path: ["tenant", "objections"], extensions: { code: "FORBIDDEN" } });
      expect(objections.errors?.[0]?.message).toMatch(/Tenant\.objections/);
      expect(JSON.stringify(objections.data)).not.toMatch(/EW-P-B1/);
    });

    it("an SWT worker walking in by reference gets the contact data of its case's tenant, but not the collection steps", async () => {
      graph.peers.swt.visible = new Set([elan[0]!]);
      const result = await graph.query(identities.swtSchalkwijk, ENTITIES, { representations: representations([elan[0]!]) });
      expect(result.errors?.[0]).toMatchObject({ path: ["_entities", 0, "collectionSteps"], extensions: { code: "FORBIDDEN" } });
      expect(JSON.stringify(result.data)).not.toMatch(/PAYMENT_REMINDER/);
    });
  });

  it("an SDV worker's read of contact data is logged with its role and municipalities", async () => {
    graph.peers.sdv.visible = new Set([elan[1]!]);
    await graph.query(identities.sdvHaarlem, ONE, { id: elan[1] });
    const rows = await graph.db.query(`select role, organisations, fields from access_log where person_id = $1 and role = 'SDV'`, [elan[1]]);
    expect(rows).toContainEqual({ role: "SDV", organisations: ["0392", "0473"], fields: ["Tenant.arrears", "Tenant.name"] });
  });
});
