import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { buildDemoWorld, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";
import { municipalityOfCase, sortedIds, swtWorkerOf, zandvoortCoach } from "../testing.js";

/** Every Case field but id and status, with a selection where it needs one. */
const CASEWORK_FIELDS = [
  "outcome",
  "team { id }",
  "tenant { id }",
  "signal { id }",
  "signals { id }",
  "contactAttempts { id }",
  "notes { id }",
  "feedback { id }",
  "openedOn",
  "closedOn",
  "feedbackPhase",
  "createdAt",
  "updatedAt",
];

const CASE = (selection: string) => `query($id: ID!) { case(id: $id) { id ${selection} } }`;

describe("who may read which case, and which of its fields", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  async function casesOf(identity: Identity): Promise<{ id: string; team: { id: string } }[]> {
    const result = await subgraph.query(identity, `{ cases(first: 500) { edges { node { id team { id } } } } }`);
    expect(result.errors).toBeUndefined();
    return result.data!.cases.edges.map((edge: any) => edge.node);
  }

  it("the debt service reads a case's status and where it stands with the feedback term, and is refused every other field of it with FORBIDDEN naming the field", async () => {
    const kase = world.cases.find((c) => c.feedback && c.contactAttempts.length > 0)!;
    const status = await subgraph.query(identities.sdvHaarlem, CASE("status forwardedOn feedbackDueOn feedbackOnTime"), { id: kase.id });
    expect(status.errors).toBeUndefined();
    expect(status.data!.case).toEqual({
      id: kase.id,
      status: kase.status,
      forwardedOn: kase.forwardedOn,
      feedbackDueOn: kase.feedbackDueOn,
      feedbackOnTime: kase.feedback!.givenOn <= kase.feedbackDueOn,
    });

    const attempts = await subgraph.query(identities.sdvHaarlem, CASE("status contactAttempts { id }"), { id: kase.id });
    expect(attempts.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "case.contactAttempts"]]);
    expect(attempts.errors![0]!.message).toMatch(/Case\.contactAttempts/);

    for (const field of CASEWORK_FIELDS) {
      const result = await subgraph.query(identities.sdvHaarlem, CASE(field), { id: kase.id });
      expect(
        result.errors?.map((e) => e.extensions?.code),
        field,
      ).toEqual(["FORBIDDEN"]);
    }
  });

  it("the holding team reads every field of its own case", async () => {
    const kase = world.cases.find((c) => c.teamId === BUDGET_COACH_TEAM.id && c.feedback)!;
    const result = await subgraph.query(identities.budgetCoach, CASE(["status", ...CASEWORK_FIELDS].join(" ")), { id: kase.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.case).toMatchObject({ id: kase.id, status: kase.status, team: { id: BUDGET_COACH_TEAM.id }, tenant: { id: kase.tenantId } });
  });

  it("the budget coach sees its referrals' cases and no SWT team's", async () => {
    const referrals = world.cases.filter((c) => c.teamId === BUDGET_COACH_TEAM.id);
    expect(referrals.length).toBeGreaterThan(0);
    const seen = await casesOf(identities.budgetCoach);
    expect(sortedIds(seen)).toEqual(sortedIds(referrals));
    expect(seen.every((kase) => kase.team.id === BUDGET_COACH_TEAM.id)).toBe(true);

    // A household with both a referral and an (earlier, closed) SWT case: the coach sees only the referral.
    const { tenantId, corporationId } = referrals[0]!;
    await subgraph.db.query(
      `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, closed_on, outcome, forwarded_on, feedback_phase, feedback_due_on)
       values ('haarlem-noord', $1, $2, '0392', 'CLOSED', '2026-01-05', '2026-02-02', 'NO_CONTACT_POSSIBLE', '2026-01-05', 'ARREARS', '2026-01-19')`,
      [tenantId, corporationId],
    );
    const tenant = await subgraph.query(identities.budgetCoach, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { cases { id } } } }`, {
      r: [{ __typename: "Tenant", id: tenantId }],
    });
    expect(tenant.errors).toBeUndefined();
    expect(sortedIds(tenant.data!._entities[0].cases)).toEqual(sortedIds(referrals.filter((c) => c.tenantId === tenantId)));

    const swtCase = world.cases.find((c) => c.teamId !== BUDGET_COACH_TEAM.id)!;
    const byId = await subgraph.query(identities.budgetCoach, CASE("status"), { id: swtCase.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.case).toBeNull();
  });

  it("a budget coach serving Zandvoort only sees the Zandvoort referrals", async () => {
    const municipalityOf = municipalityOfCase(world);
    const expected = world.cases.filter((c) => c.teamId === BUDGET_COACH_TEAM.id && municipalityOf(c) === "0473");
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(await casesOf(zandvoortCoach))).toEqual(sortedIds(expected));
  });

  it("an SWT worker reaches no referral of the budget coach, nor its notes", async () => {
    const referral = world.cases.find((c) => c.teamId === BUDGET_COACH_TEAM.id)!;
    await subgraph.db.query(`insert into case_note (case_id, text, author) values ($1, 'Budgetgesprek gepland.', 'budget-coach')`, [referral.id]);
    const coach = await subgraph.query(identities.budgetCoach, CASE("notes { text }"), { id: referral.id });
    expect(coach.data!.case.notes).toEqual([{ text: "Budgetgesprek gepland." }]);
    const worker = await subgraph.query(identities.swtSchalkwijk, CASE("notes { text }"), { id: referral.id });
    expect(worker.errors).toBeUndefined();
    expect(worker.data!.case).toBeNull();
  });

  it("the household profile is the SWT's alone: refused to the budget coach, SDV, a corporation, an analyst and the coordinator", async () => {
    const owner = world.cases.find((c) => c.teamId !== BUDGET_COACH_TEAM.id && world.householdProfiles.some((p) => p.tenantId === c.tenantId))!;
    const profile = world.householdProfiles.find((p) => p.tenantId === owner.tenantId)!;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id householdProfile { childrenUnder18 } } } }`;
    for (const identity of [identities.budgetCoach, identities.sdvHaarlem, identities.elanWonen, identities.analyst, identities.coordinator]) {
      const result = await subgraph.query(identity, query, { r: [{ __typename: "Tenant", id: profile.tenantId }] });
      expect(
        result.errors?.map((e) => [e.extensions?.code, e.path?.join(".")]),
        identity.role,
      ).toEqual([["FORBIDDEN", "_entities.0.householdProfile"]]);
    }
    const result = await subgraph.query(swtWorkerOf(owner.teamId), query, { r: [{ __typename: "Tenant", id: profile.tenantId }] });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0].householdProfile).toEqual({ childrenUnder18: profile.childrenUnder18 });
  });

  it("a corporation, an analyst and the coordinator are refused a tenant's cases and a signal's case", async () => {
    const kase = world.cases[0]!;
    for (const identity of [identities.elanWonen, identities.analyst, identities.coordinator]) {
      const result = await subgraph.query(identity, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { cases { id } } ... on Signal { case { id } } } }`, {
        r: [
          { __typename: "Tenant", id: kase.tenantId },
          { __typename: "Signal", id: kase.signalIds[0] },
        ],
      });
      expect(result.errors?.map((e) => [e.extensions?.code, e.path?.join(".")]).sort()).toEqual([
        ["FORBIDDEN", "_entities.0.cases"],
        ["FORBIDDEN", "_entities.1.case"],
      ]);
    }
  });
});
