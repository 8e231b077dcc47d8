import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../subgraphs/shared/src/covenant/working-days.js";
import { fixedClock, now, todayInNetherlands, useClock } from "../subgraphs/shared/src/clock.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * An objection takes effect everywhere at once (Art. 3.4), end to end through the gateway: from the
 * moment the corporation records it, SDV, SWT and the budget coach no longer read the person, even
 * while a subgraph that holds a copy is down; the erasure is retried by the corporations
 * subgraph's scheduled job until both confirm; a case the household accepted into treatment keeps
 * what the household gave the team.
 */

const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`;
const UPSERT_OBJECTION = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { reference downstreamErasedAt } }`;
const OBJECTIONS = `query($id: ID!) { tenant(id: $id) { objections { reference downstreamErasedAt } } }`;
const SUBMIT = `mutation Submit($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { accepted items { tenantReference outcome signal { id } } }
}`;
const SIGNAL = `query Signal($id: ID!) { signal(id: $id) { id tenant { id name phone address { street postcode } arrears { amountCents } } } }`;
const TENANT = `query Tenant($id: ID!) { tenant(id: $id) { id name } }`;
const CASES = `query Cases($tenantId: ID!) {
  cases(first: 5, filter: { tenantId: $tenantId }) { edges { node { id status signals { id } tenant { name phone } } } }
}`;
const STEPS = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];
const references = ["OW-1", "OW-2", "OW-3"];

describe("an objection withholds the tenant from every downstream partner at once, and its erasure is carried out by a job", () => {
  let graph: TestGraph;
  const today = todayInNetherlands();
  const tokens: Record<string, string> = {};
  const tenantIds: Record<string, string> = {};
  const signalIds: Record<string, string> = {};

  async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }
  const casesOf = async (reference: string) => (await graph.query(tokens.swt!, CASES, { tenantId: tenantIds[reference] })) as any;

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-worker" });
    tokens.swt = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-worker" });
    for (const reference of references) {
      const created = await ok(tokens.elan!, UPSERT_TENANT, {
        input: {
          reference,
          name: `Tenant ${reference}`,
          phone: "0612345678",
          // Postcode area 2034: Haarlem Schalkwijk's team.
          address: { street: "Europaweg", houseNumber: reference.slice(3), postcode: "2034 AB", city: "Haarlem", municipalityCode: "0392" },
          sector: "SOCIAL",
        },
      });
      tenantIds[reference] = created.upsertTenant.id;
      await ok(tokens.elan!, UPSERT_ARREARS, { input: { tenantReference: reference, amountCents: 40_000, since: addDays(today, -120), phase: "COLLECTION" } });
      for (const kind of STEPS) {
        await ok(tokens.elan!, UPSERT_STEP, { input: { tenantReference: reference, reference: `${reference}-${kind}`, kind, takenOn: addDays(today, -100), takenBy: "incasso" } });
      }
    }
    const answer = await ok(tokens.elan!, SUBMIT, {
      input: { reportingMonth: today.slice(0, 7), signalDate: today, channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })) },
    });
    expect(answer.submitSignals.accepted).toBe(references.length);
    for (const item of answer.submitSignals.items) signalIds[item.tenantReference] = item.signal.id;
  });
  afterAll(() => graph?.stop());

  it("before any objection, the SDV and the SWT team read the tenants of their signals and cases", async () => {
    for (const reference of references) {
      const signal = await ok(tokens.sdv!, SIGNAL, { id: signalIds[reference] });
      expect(signal.signal.tenant.name).toBe(`Tenant ${reference}`);
      const cases = await casesOf(reference);
      expect(cases.data.cases.edges[0].node.tenant.name).toBe(`Tenant ${reference}`);
    }
  });

  it("with sdv down, the objection is stored and pending; the tenant is withheld at once, the job retries with backoff until both confirm", async () => {
    // The household of OW-2 accepted help: the team took its case into treatment.
    const [treated] = (await casesOf("OW-2")).data.cases.edges;
    await ok(tokens.swt!, `mutation($id: ID!) { takeCaseIntoTreatment(caseId: $id) { status } }`, { id: treated.node.id });

    await graph.stopSubgraph("sdv");
    for (const reference of ["OW-1", "OW-2"]) {
      const recorded = await ok(tokens.elan!, UPSERT_OBJECTION, { input: { tenantReference: reference, reference: `${reference}-B`, recordedOn: today } });
      expect(recorded.upsertObjection.downstreamErasedAt).toBeNull();
    }
    await graph.restart();

    // sdv still holds the signal (its erasure failed), but the person is withheld from the SDV.
    const withheld = await graph.query(tokens.sdv!, SIGNAL, { id: signalIds["OW-1"] });
    expect(withheld.data?.signal.id).toBe(signalIds["OW-1"]);
    expect(withheld.data?.signal.tenant).toBeNull();
    expect(withheld.errors).toEqual([expect.objectContaining({ path: ["signal", "tenant"], extensions: expect.objectContaining({ code: "WITHHELD_BY_OBJECTION" }) })]);
    expect(JSON.stringify(withheld.data)).not.toMatch(/OW-1|Europaweg|0612345678|40000/);
    const direct = await graph.query(tokens.sdv!, TENANT, { id: tenantIds["OW-1"] });
    expect(direct.data?.tenant).toBeNull();
    expect(direct.errors?.[0]?.extensions?.code).toBe("WITHHELD_BY_OBJECTION");
    // A tenant without an objection is read as before.
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalIds["OW-3"] })).signal.tenant.name).toBe("Tenant OW-3");

    // swt was up: OW-1's case is gone. OW-2's case, in treatment, stays without the corporation's signals, its tenant withheld.
    expect((await casesOf("OW-1")).data.cases.edges).toEqual([]);
    const kept = await casesOf("OW-2");
    expect(kept.data.cases.edges).toHaveLength(1);
    expect(kept.data.cases.edges[0].node).toMatchObject({ id: treated.node.id, status: "IN_TREATMENT", signals: [], tenant: null });
    expect(kept.errors?.[0]?.extensions?.code).toBe("WITHHELD_BY_OBJECTION");

    // The corporation sees the erasure pending. A run of the job before the backoff has passed asks nothing.
    const pending = await ok(tokens.elan!, OBJECTIONS, { id: tenantIds["OW-1"] });
    expect(pending.tenant.objections).toEqual([{ reference: "OW-1-B", downstreamErasedAt: null }]);
    expect(await graph.subgraphs.corporations.runJob("objection-erasure")).toMatchObject({ tenants: 0 });
    expect((await graph.query(tokens.sdv!, SIGNAL, { id: signalIds["OW-1"] })).data?.signal?.id).toBe(signalIds["OW-1"]);

    // Two hours on, the attempt is due: the job asks sdv and swt in the corporation's name, and both confirm.
    const restore = useClock(fixedClock(new Date(now().getTime() + 2 * 3_600_000)));
    try {
      expect(await graph.subgraphs.corporations.runJob("objection-erasure")).toEqual({ tenants: 2, confirmed: 2, failed: 0 });
      expect(await graph.subgraphs.corporations.runJob("objection-erasure")).toMatchObject({ tenants: 0 });
    } finally {
      restore();
    }
    const gone = await graph.query(tokens.sdv!, SIGNAL, { id: signalIds["OW-1"] });
    expect(gone.data?.signal).toBeNull();
    for (const reference of ["OW-1", "OW-2"]) {
      const confirmed = await ok(tokens.elan!, OBJECTIONS, { id: tenantIds[reference] });
      expect(confirmed.tenant.objections[0].downstreamErasedAt).toEqual(expect.any(String));
    }
    const [log] = await graph.subgraphs.sdv.dataSource.query(`select actor_role, actor_organisations from erasure_log where reason = 'OBJECTION'`);
    expect(log).toEqual({ actor_role: "CORPORATION", actor_organisations: ["elan-wonen"] });
    // The household's own file with the team stays; the person stays withheld while the objection stands.
    const after = await casesOf("OW-2");
    expect(after.data.cases.edges[0].node).toMatchObject({ status: "IN_TREATMENT", tenant: null });
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalIds["OW-3"] })).signal.tenant.name).toBe("Tenant OW-3");
  });
});
