import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { buildDemoWorld, demoId, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Case { id status team { id } signals { id } contactAttempts { id } feedback { givenOn } }
    ... on Signal { id case { id team { id } } }
    ... on Tenant { id cases { id team { id } } householdProfile { knownSince childrenUnder18 member65Plus } }
  }
}`;

type Entity = Record<string, any> | null;

describe("swt entities reached from other subgraphs (_entities)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  const ownTeam = identities.swtSchalkwijk.team;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  async function entities(identity: (typeof identities)[keyof typeof identities], representations: { __typename: string; id: string }[]) {
    const before = subgraph.statements();
    const result = await subgraph.query<{ _entities: Entity[] }>(identity, ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    return { entities: result.data!._entities, statements: subgraph.statements() - before };
  }

  it("many cases by reference resolve in batches, and cases of other teams come back null", async () => {
    const representations = world.cases.map((kase) => ({ __typename: "Case", id: kase.id }));
    const many = await entities(identities.swtSchalkwijk, representations);
    many.entities.forEach((entity, i) => {
      const kase = world.cases[i]!;
      if (kase.teamId === ownTeam) {
        expect(entity).toMatchObject({ id: kase.id, team: { id: ownTeam }, signals: kase.signalIds.map((id) => ({ id })) });
        expect(entity!.contactAttempts).toHaveLength(kase.contactAttempts.length);
      } else {
        expect(entity).toBeNull();
      }
    });
    const ownFirst = world.cases.find((kase) => kase.teamId === ownTeam)!;
    const one = await entities(identities.swtSchalkwijk, [{ __typename: "Case", id: ownFirst.id }]);
    expect(one.entities[0]).not.toBeNull();
    expect(many.statements).toBe(one.statements);
  });

  it("a case id that is not a uuid or does not exist resolves to null without an error", async () => {
    const { entities: found } = await entities(identities.coordinator, [
      { __typename: "Case", id: "not-a-uuid" },
      { __typename: "Case", id: demoId("no such case") },
    ]);
    expect(found).toEqual([null, null]);
  });

  it("Signal.case gives the case holding each signal, batched, and null for signals of other teams or without a case", async () => {
    const caseOfSignal = new Map(world.cases.flatMap((kase) => kase.signalIds.map((signalId) => [signalId, kase] as const)));
    const signals = world.signals.map((signal) => signal.id);
    const representations = signals.map((id) => ({ __typename: "Signal", id }));

    const coordinator = await entities(identities.coordinator, representations);
    coordinator.entities.forEach((entity, i) => {
      const kase = caseOfSignal.get(signals[i]!);
      expect(entity).toEqual({ id: signals[i], case: kase ? { id: kase.id, team: { id: kase.teamId } } : null });
    });
    // Signals routed to the budget coach have no case.
    expect(coordinator.entities.some((entity) => entity!.case === null)).toBe(true);

    const worker = await entities(identities.swtSchalkwijk, representations);
    worker.entities.forEach((entity, i) => {
      const kase = caseOfSignal.get(signals[i]!);
      expect(entity!.case).toEqual(kase && kase.teamId === ownTeam ? { id: kase.id, team: { id: ownTeam } } : null);
    });

    // One signal that reaches as deep (a case of the own team, and its team) costs as many statements as all.
    const ownSignal = world.cases.find((kase) => kase.teamId === ownTeam)!.signalIds[0]!;
    const one = await entities(identities.swtSchalkwijk, [{ __typename: "Signal", id: ownSignal }]);
    expect(one.entities[0]!.case).not.toBeNull();
    expect(worker.statements).toBe(one.statements);
  });

  it("Tenant.cases and Tenant.householdProfile are batched and hold only what the caller may see", async () => {
    const tenantIds = [...new Set([...world.cases.map((kase) => kase.tenantId), ...world.householdProfiles.map((p) => p.tenantId)])];
    const representations = tenantIds.map((id) => ({ __typename: "Tenant", id }));
    const profileOf = new Map(world.householdProfiles.map((p) => [p.tenantId, p]));

    const worker = await entities(identities.swtSchalkwijk, representations);
    let profilesSeen = 0;
    worker.entities.forEach((entity, i) => {
      const tenantId = tenantIds[i]!;
      const ownCases = world.cases.filter((kase) => kase.tenantId === tenantId && kase.teamId === ownTeam);
      expect(entity!.cases.map((kase: { id: string }) => kase.id).sort()).toEqual(ownCases.map((kase) => kase.id).sort());
      const profile = profileOf.get(tenantId);
      if (ownCases.length > 0 && profile) {
        profilesSeen += 1;
        expect(entity!.householdProfile).toEqual({ knownSince: profile.knownSince, childrenUnder18: profile.childrenUnder18, member65Plus: profile.member65Plus });
      } else {
        expect(entity!.householdProfile).toBeNull();
      }
    });
    expect(profilesSeen).toBeGreaterThan(0);

    const ownTenant = world.cases.find((kase) => kase.teamId === ownTeam && profileOf.has(kase.tenantId))!.tenantId;
    const one = await entities(identities.swtSchalkwijk, [{ __typename: "Tenant", id: ownTenant }]);
    expect(one.entities[0]!.cases.length).toBeGreaterThan(0);
    expect(worker.statements).toBe(one.statements);
  });

  it("a coordinator sees every case of a tenant but, as the matrix says, no household profile", async () => {
    const tenantId = world.cases.find((kase) => profileExists(world, kase.tenantId))!.tenantId;
    const { entities: found } = await entities(identities.coordinator, [{ __typename: "Tenant", id: tenantId }]);
    expect(found[0]!.cases.map((kase: { id: string }) => kase.id).sort()).toEqual(
      world.cases.filter((kase) => kase.tenantId === tenantId).map((kase) => kase.id).sort(),
    );
    expect(found[0]!.householdProfile).toBeNull();
  });

  it("a corporation and a budget coach reach no case, signal case or profile by reference", async () => {
    const kase = world.cases[0]!;
    for (const identity of [identities.elanWonen, identities.budgetCoach]) {
      const { entities: found } = await entities(identity, [
        { __typename: "Case", id: kase.id },
        { __typename: "Signal", id: kase.signalIds[0]! },
        { __typename: "Tenant", id: kase.tenantId },
      ]);
      expect(found).toEqual([null, { id: kase.signalIds[0], case: null }, { id: kase.tenantId, cases: [], householdProfile: null }]);
    }
  });
});

function profileExists(world: DemoWorld, tenantId: string): boolean {
  return world.householdProfiles.some((p) => p.tenantId === tenantId);
}
