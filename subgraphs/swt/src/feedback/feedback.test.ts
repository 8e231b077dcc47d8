import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { CORPORATIONS } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { buildDemoWorld, type DemoCase, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";
import { municipalityOfCase, swtWorkerOf, zandvoortSdv } from "../testing.js";

const TENANT_FEEDBACK = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Tenant { id feedback { id givenOn contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn notTakenUpForOtherReason } }
  }
}`;

const corporation = (id: string): Identity => ({ sub: `${id}-integration`, role: "CORPORATION", orgs: [id] });

describe("feedback to the corporation (Art. 5.5)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  const tenantsWithFeedback = () => [...new Set(world.cases.filter((kase) => kase.feedback).map((kase) => kase.tenantId))];
  const asTenants = (ids: string[]) => ids.map((id) => ({ __typename: "Tenant", id }));
  const feedbackIds = (cases: DemoCase[]) =>
    cases
      .filter((kase) => kase.feedback)
      .map((kase) => kase.feedback!.id)
      .sort();

  async function tenantFeedback(identity: Identity, tenantIds: string[], query = TENANT_FEEDBACK) {
    const before = subgraph.statements();
    const result = await subgraph.query<{ _entities: { id: string; feedback: any[] }[] }>(identity, query, { representations: asTenants(tenantIds) });
    return { result, statements: subgraph.statements() - before };
  }

  it("a corporation reads whether its own tenant's signal was taken into treatment, but is refused why it was not taken up", async () => {
    const kase = world.cases.find((c) => c.feedback && c.feedback.contactMade && !c.feedback.takenIntoTreatment)!;
    const owner = corporation(kase.corporationId);
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Tenant { feedback { id takenIntoTreatment notTakenUpForOtherReason reasonNotTakenUp } } } }`;
    const { result } = await tenantFeedback(owner, [kase.tenantId], query);
    const own = result.data!._entities[0]!.feedback.find((f) => f.id === kase.feedback!.id);
    expect(own).toEqual({ id: kase.feedback!.id, takenIntoTreatment: false, notTakenUpForOtherReason: true, reasonNotTakenUp: null });
    expect(result.errors!.length).toBeGreaterThan(0);
    expect(result.errors!.every((e) => e.extensions?.code === "FORBIDDEN" && e.path?.at(-1) === "reasonNotTakenUp")).toBe(true);

    // The holding team reads the reason.
    const worker = kase.teamId === "budget-coach" ? identities.budgetCoach : swtWorkerOf(kase.teamId);
    const { result: teams } = await tenantFeedback(worker, [kase.tenantId], query);
    expect(teams.errors).toBeUndefined();
    expect(teams.data!._entities[0]!.feedback.find((f) => f.id === kase.feedback!.id).reasonNotTakenUp).toMatch(/\S/);
  });

  it("a corporation reads the feedback on its own tenants only, in one statement for all tenants", async () => {
    const tenants = tenantsWithFeedback();
    for (const { id } of CORPORATIONS) {
      const { result, statements } = await tenantFeedback(corporation(id), tenants);
      expect(result.errors).toBeUndefined();
      const seen = result.data!._entities.flatMap((tenant) => tenant.feedback.map((f) => f.id)).sort();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen).toEqual(feedbackIds(world.cases.filter((kase) => kase.corporationId === id)));
      expect(statements).toBe(1);
    }
  });

  it("feedback comes with its elements as given, newest first", async () => {
    const tenantId =
      world.cases.find((c) => c.feedback && world.cases.filter((o) => o.tenantId === c.tenantId && o.feedback).length > 1)?.tenantId ??
      world.cases.find((c) => c.feedback)!.tenantId;
    const ofTenant = world.cases.filter((kase) => kase.tenantId === tenantId && kase.feedback);
    const { result } = await tenantFeedback(corporation(ofTenant[0]!.corporationId), [tenantId]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]!.feedback).toEqual(
      ofTenant
        .map((kase) => kase.feedback!)
        .sort((a, b) => b.givenOn.localeCompare(a.givenOn) || b.id.localeCompare(a.id))
        .map((f) => ({
          id: f.id,
          givenOn: f.givenOn,
          contactMade: f.contactMade,
          takenIntoTreatment: f.takenIntoTreatment,
          collectionCanBeSuspended: f.collectionCanBeSuspended,
          paymentsResumeOn: f.paymentsResumeOn,
          notTakenUpForOtherReason: f.contactMade && !f.takenIntoTreatment,
        })),
    );
  });

  it("a corporation reaches no case, and so no feedback, through Case", async () => {
    const kase = world.cases.find((c) => c.feedback)!;
    const result = await subgraph.query(corporation(kase.corporationId), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id } } }`, {
      r: [{ __typename: "Case", id: kase.id }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null]);
  });

  it("feedback on a case that names no corporation reaches no corporation", async () => {
    const kase = world.cases.find((c) => c.feedback)!;
    await subgraph.db.query(`update "case" set corporation_id = null where id = $1`, [kase.id]);
    try {
      for (const { id } of CORPORATIONS) {
        const { result } = await tenantFeedback(corporation(id), [kase.tenantId]);
        expect(result.data!._entities[0]!.feedback.map((f) => f.id)).not.toContain(kase.feedback!.id);
      }
    } finally {
      await subgraph.db.query(`update "case" set corporation_id = $2 where id = $1`, [kase.id, kase.corporationId]);
    }
  });

  it("SDV reads the feedback of the cases in the municipalities it serves, and a worker that of its own team's cases", async () => {
    const tenants = tenantsWithFeedback();
    const municipalityOf = municipalityOfCase(world);
    const sdv = await tenantFeedback(zandvoortSdv, tenants);
    expect(sdv.result.errors).toBeUndefined();
    expect(sdv.result.data!._entities.flatMap((t) => t.feedback.map((f) => f.id)).sort()).toEqual(feedbackIds(world.cases.filter((c) => municipalityOf(c) === "0473")));

    const worker = await tenantFeedback(identities.swtSchalkwijk, tenants);
    expect(worker.result.errors).toBeUndefined();
    expect(worker.result.data!._entities.flatMap((t) => t.feedback.map((f) => f.id)).sort()).toEqual(
      feedbackIds(world.cases.filter((c) => c.teamId === identities.swtSchalkwijk.team)),
    );
  });

  it("analysts and the coordinator are refused a tenant's feedback", async () => {
    for (const identity of [identities.analyst, identities.coordinator]) {
      const { result } = await tenantFeedback(identity, [world.cases.find((c) => c.feedback)!.tenantId]);
      expect(result.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "_entities.0.feedback"]]);
    }
  });
});
