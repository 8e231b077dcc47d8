import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { buildDemoWorld, demoId, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";
import { municipalityOfCase, zandvoortSdv } from "../testing.js";

/** What a worker of the holding team reads when it walks in from another subgraph. */
const TEAM_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Case { id status team { id } signals { id } contactAttempts { id } feedback { givenOn } }
    ... on Signal { id case { id team { id } } }
    ... on Tenant { id cases { id team { id } } householdProfile { knownSince childrenUnder18 member65Plus } }
  }
}`;

/** What SDV may read: the status of a case, wherever it is reached from. */
const STATUS_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Case { id status }
    ... on Signal { id case { id status } }
    ... on Tenant { id cases { id status } }
  }
}`;

/** Only ids: fields without a rule, so that what comes back is decided by the row rules alone. */
const ID_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Case { id } }
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

  async function entities(identity: Identity, representations: { __typename: string; id: string }[], query = TEAM_ENTITIES) {
    const before = subgraph.statements();
    const result = await subgraph.query<{ _entities: Entity[] }>(identity, query, { representations });
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
    const { entities: found } = await entities(
      identities.sdvHaarlem,
      [
        { __typename: "Case", id: "not-a-uuid" },
        { __typename: "Case", id: demoId("no such case") },
      ],
      STATUS_ENTITIES,
    );
    expect(found).toEqual([null, null]);
  });

  it("Signal.case gives the case holding each signal, batched, and null for signals of other teams or without a case", async () => {
    const caseOfSignal = new Map(world.cases.flatMap((kase) => kase.signalIds.map((signalId) => [signalId, kase] as const)));
    const signals = [...world.signals.map((signal) => signal.id), demoId("a signal swt never received")];
    const representations = signals.map((id) => ({ __typename: "Signal", id }));

    const sdv = await entities(identities.sdvHaarlem, representations, STATUS_ENTITIES);
    sdv.entities.forEach((entity, i) => {
      const kase = caseOfSignal.get(signals[i]!);
      expect(entity).toEqual({ id: signals[i], case: kase ? { id: kase.id, status: kase.status } : null });
    });
    expect(sdv.entities.at(-1)!.case).toBeNull();

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

  it("the debt service sees the status of every case of a tenant in its municipalities, and is refused the household profile", async () => {
    const municipalityOf = municipalityOfCase(world);
    const tenantId = world.cases.find((kase) => municipalityOf(kase) === "0473")!.tenantId;
    const { entities: found } = await entities(zandvoortSdv, [{ __typename: "Tenant", id: tenantId }], STATUS_ENTITIES);
    expect(found[0]!.cases).toEqual(
      world.cases
        .filter((kase) => kase.tenantId === tenantId && municipalityOf(kase) === "0473")
        .sort((a, b) => b.openedOn.localeCompare(a.openedOn) || b.id.localeCompare(a.id))
        .map((kase) => ({ id: kase.id, status: kase.status })),
    );
    const profile = await subgraph.query(zandvoortSdv, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { householdProfile { childrenUnder18 } } } }`, {
      r: [{ __typename: "Tenant", id: tenantId }],
    });
    expect(profile.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "_entities.0.householdProfile"]]);
    expect(profile.data?._entities).toEqual([{ householdProfile: null }]);
  });

  it("a corporation, an analyst and the coordinator reach no case by reference", async () => {
    const representations = world.cases.map((kase) => ({ __typename: "Case", id: kase.id }));
    for (const identity of [identities.elanWonen, identities.analyst, identities.coordinator]) {
      const { entities: found } = await entities(identity, representations, ID_ENTITIES);
      expect(found.every((entity) => entity === null)).toBe(true);
    }
    // The same representations do resolve for a role that may see them: the nulls above are the rule's.
    const { entities: seen } = await entities(identities.sdvHaarlem, representations, ID_ENTITIES);
    expect(seen.every((entity) => entity !== null)).toBe(true);
  });

  it("the budget coach reaches its referrals by reference, and no SWT team's case", async () => {
    const representations = world.cases.map((kase) => ({ __typename: "Case", id: kase.id }));
    const { entities: found } = await entities(identities.budgetCoach, representations, ID_ENTITIES);
    found.forEach((entity, i) => {
      const kase = world.cases[i]!;
      expect(entity).toEqual(kase.teamId === BUDGET_COACH_TEAM.id ? { id: kase.id } : null);
    });
  });
});
