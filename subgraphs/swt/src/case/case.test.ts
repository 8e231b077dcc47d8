import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { BUDGET_COACH_TEAM, TEAMS } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { buildDemoWorld, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";
import { municipalityOfCase, sortedIds, swtWorkerOf, zandvoortSdv } from "../testing.js";

/** What SDV may read of a case: its id and status. */
const CASE_STATUSES = `query($first: Int, $after: String, $filter: CaseFilter) {
  cases(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id status } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CASES = `query($first: Int, $after: String, $filter: CaseFilter) {
  cases(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id status openedOn team { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CASES_WITH_EVERYTHING = `query($first: Int) {
  cases(first: $first) {
    edges { node {
      id status openedOn closedOn outcome
      team { id name municipalityCode kind }
      tenant { id }
      signal { id }
      signals { id }
      contactAttempts { id kind reached on partOfDay }
      notes { id text author }
      feedback { givenOn contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn arrearsArrangement notTakenUpForOtherReason reasonNotTakenUp }
    } }
  }
}`;

const DAY_ORDER = ["MORNING", "AFTERNOON", "EVENING"];

type CaseNode = { id: string; status: string; openedOn?: string; team?: { id: string } };
type CasesData = { cases: { edges: { cursor: string; node: CaseNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe("cases in the swt subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  let municipalityOf: ReturnType<typeof municipalityOfCase>;
  const ownTeam = identities.swtSchalkwijk.team;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    municipalityOf = municipalityOfCase(world);
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  async function allCases(identity: Identity, filter?: Record<string, unknown>, first = 40, query = CASES) {
    const nodes: CaseNode[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Awaited<ReturnType<typeof subgraph.query<CasesData>>> = await subgraph.query<CasesData>(identity, query, { first, after, filter });
      expect(result.errors).toBeUndefined();
      nodes.push(...result.data!.cases.edges.map((edge) => edge.node));
      if (!result.data!.cases.pageInfo.hasNextPage) return nodes;
      after = result.data!.cases.pageInfo.endCursor;
    }
  }
  const statuses = (identity: Identity, filter?: Record<string, unknown>, first = 40) => allCases(identity, filter, first, CASE_STATUSES);

  it("cases page with first/after through every case exactly once, newest opened first", async () => {
    const nodes = await statuses(identities.sdvHaarlem, undefined, 40);
    const ids = nodes.map((node) => node.id);
    expect(ids.length).toBe(world.cases.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(world.cases.map((kase) => kase.id)));
    const openedOn = new Map(world.cases.map((kase) => [kase.id, kase.openedOn]));
    const opened = ids.map((id) => openedOn.get(id)!);
    expect(opened).toEqual([...opened].sort().reverse());
  });

  it("filters on team, status, tenant and opening period return exactly the matching cases", async () => {
    const closed = await statuses(identities.sdvHaarlem, { status: "CLOSED" });
    expect(closed.length).toBe(world.cases.filter((c) => c.status === "CLOSED").length);
    expect(closed.every((n) => n.status === "CLOSED")).toBe(true);

    const tenantId = world.cases[3]!.tenantId;
    const ofTenant = await statuses(identities.sdvHaarlem, { tenantId });
    expect(sortedIds(ofTenant)).toEqual(sortedIds(world.cases.filter((c) => c.tenantId === tenantId)));

    // Team and opening day are the team's to read, so the team's worker filters by them.
    const team = "haarlem-schalkwijk";
    const own = await statuses(identities.swtSchalkwijk, { teamId: team });
    expect(sortedIds(own)).toEqual(sortedIds(world.cases.filter((c) => c.teamId === team)));
    expect(await statuses(identities.swtSchalkwijk, { teamId: "zandvoort" })).toEqual([]);

    const inSummer = await statuses(identities.swtSchalkwijk, { openedFrom: "2026-07-01", openedTo: "2026-08-31" });
    const expected = world.cases.filter((c) => c.teamId === team && c.openedOn >= "2026-07-01" && c.openedOn <= "2026-08-31");
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(inSummer)).toEqual(sortedIds(expected));

    const combined = await statuses(identities.swtSchalkwijk, { teamId: team, status: "OPEN", openedFrom: "2026-08-01" });
    expect(sortedIds(combined)).toEqual(sortedIds(world.cases.filter((c) => c.teamId === team && c.status === "OPEN" && c.openedOn >= "2026-08-01")));
  });

  it("the debt service, which reads a case's status but not its team or opening day, may not filter by them either", async () => {
    for (const [filter, argument, field] of [
      [{ teamId: "zandvoort" }, "filter.teamId", "Case.team"],
      [{ openedFrom: "2026-07-01" }, "filter.openedFrom", "Case.openedOn"],
      [{ openedTo: "2026-08-31", status: "OPEN" }, "filter.openedTo", "Case.openedOn"],
    ] as const) {
      const result = await subgraph.query(identities.sdvHaarlem, CASE_STATUSES, { first: 5, filter });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", argument, selects: field });
      expect(result.errors?.[0]?.message).toContain(argument);
    }
  });

  it("an opening period that ends before it starts is refused with a message that says to swap the dates", async () => {
    const result = await subgraph.query(identities.swtSchalkwijk, CASE_STATUSES, { first: 5, filter: { openedFrom: "2026-09-01", openedTo: "2026-08-01" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/swap/);
  });

  it("a page size outside 1-500 is refused", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, CASE_STATUSES, { first: 501 });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("an SWT worker sees only its own team's cases, in lists and by id", async () => {
    const own = await allCases(identities.swtSchalkwijk);
    const expected = world.cases.filter((c) => c.teamId === ownTeam);
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(own)).toEqual(sortedIds(expected));
    expect(own.every((n) => n.team!.id === ownTeam)).toBe(true);

    const otherTeams = await allCases(identities.swtSchalkwijk, { teamId: "zandvoort" });
    expect(otherTeams).toEqual([]);

    const foreign = world.cases.find((c) => c.teamId !== ownTeam)!;
    const byId = await subgraph.query(identities.swtSchalkwijk, `query($id: ID!) { case(id: $id) { id } }`, { id: foreign.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.case).toBeNull();

    const ownById = await subgraph.query(identities.swtSchalkwijk, `query($id: ID!) { case(id: $id) { id team { id } } }`, { id: expected[0]!.id });
    expect(ownById.data?.case).toEqual({ id: expected[0]!.id, team: { id: ownTeam } });
  });

  it("an SWT worker whose token names no team, or the budget coach's team, sees no cases at all", async () => {
    const { team: _team, ...withoutTeam } = identities.swtSchalkwijk;
    for (const identity of [withoutTeam, swtWorkerOf(BUDGET_COACH_TEAM.id)]) {
      const result = await subgraph.query<CasesData>(identity, CASES, { first: 10 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.cases.edges).toEqual([]);
    }
  });

  it("the debt service sees the cases of the municipalities it serves, the budget coach's included, and only those", async () => {
    const seen = await statuses(zandvoortSdv);
    const inZandvoort = world.cases.filter((c) => municipalityOf(c) === "0473");
    expect(inZandvoort.some((c) => c.teamId === BUDGET_COACH_TEAM.id)).toBe(true);
    expect(sortedIds(seen)).toEqual(sortedIds(inZandvoort));
    const both = await statuses(identities.sdvHaarlem);
    expect(both.length).toBe(world.cases.length);
  });

  it("a corporation, an analyst and the coordinator are refused the cases list, and reach no case row by id", async () => {
    for (const identity of [identities.elanWonen, identities.analyst, identities.coordinator]) {
      const list = await subgraph.query(identity, CASE_STATUSES, { first: 10 });
      expect(list.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(list.data).toBeNull();
      const byId = await subgraph.query(identity, `query($id: ID!) { case(id: $id) { id } }`, { id: world.cases[0]!.id });
      expect(byId.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(byId.data?.case).toBeNull();
    }
  });

  it("a case shows its team, tenant, signals in order, contact attempts by date and its feedback to its own team", async () => {
    const kase = world.cases.find((c) => c.signalIds.length > 1 && c.contactAttempts.length > 1 && c.feedback)!;
    const result = await subgraph.query(
      swtWorkerOf(kase.teamId),
      `query($id: ID!) { case(id: $id) { id status openedOn closedOn team { id name } tenant { id } signal { id } signals { id }
        contactAttempts { id kind reached on partOfDay } feedback { givenOn contactMade takenIntoTreatment paymentsResumeOn } } }`,
      { id: kase.id },
    );
    expect(result.errors).toBeUndefined();
    const found = result.data!.case;
    expect(found.tenant).toEqual({ id: kase.tenantId });
    expect(found.signal).toEqual({ id: kase.signalIds[0] });
    expect(found.signals).toEqual(kase.signalIds.map((id) => ({ id })));
    expect(found.team.id).toBe(kase.teamId);
    expect(found.contactAttempts.map((a: { id: string }) => a.id)).toEqual(
      [...kase.contactAttempts].sort((a, b) => a.on.localeCompare(b.on) || DAY_ORDER.indexOf(a.partOfDay) - DAY_ORDER.indexOf(b.partOfDay)).map((a) => a.id),
    );
    expect(found.feedback).toEqual({
      givenOn: kase.feedback!.givenOn,
      contactMade: kase.feedback!.contactMade,
      takenIntoTreatment: kase.feedback!.takenIntoTreatment,
      paymentsResumeOn: kase.feedback!.paymentsResumeOn,
    });
  });

  it("contact attempts come by date and, within a day, morning before afternoon before evening", async () => {
    const lists: { on: string; partOfDay: string }[][] = [];
    for (const team of [...TEAMS.map((t) => t.id), BUDGET_COACH_TEAM.id]) {
      const identity = team === BUDGET_COACH_TEAM.id ? identities.budgetCoach : swtWorkerOf(team);
      const result = await subgraph.query(identity, `{ cases(first: 500) { edges { node { contactAttempts { on partOfDay } } } } }`);
      expect(result.errors).toBeUndefined();
      lists.push(...result.data!.cases.edges.map((edge: any) => edge.node.contactAttempts));
    }
    expect(lists.length).toBe(world.cases.length);
    const key = (a: { on: string; partOfDay: string }) => `${a.on}:${DAY_ORDER.indexOf(a.partOfDay)}`;
    for (const list of lists) expect(list.map(key)).toEqual(list.map(key).sort());
    expect(lists.some((list) => new Set(list.map((a) => a.on)).size < list.length)).toBe(true);
  });

  it("the notes of a case come back oldest first, and not to a worker of another team", async () => {
    const own = world.cases.find((c) => c.teamId === ownTeam && c.notes.length === 0)!;
    await subgraph.db.query(
      `insert into case_note (case_id, text, author, created_at) values ($1, 'Brief bezorgd.', 'swt-worker', '2026-10-01T09:00:00Z'), ($1, 'Huisbezoek gepland.', 'swt-worker', '2026-10-02T09:00:00Z')`,
      [own.id],
    );
    const query = `query($id: ID!) { case(id: $id) { notes { text author } } }`;
    const mine = await subgraph.query(identities.swtSchalkwijk, query, { id: own.id });
    expect(mine.data?.case.notes).toEqual([
      { text: "Brief bezorgd.", author: "swt-worker" },
      { text: "Huisbezoek gepland.", author: "swt-worker" },
    ]);
    const theirs = await subgraph.query(swtWorkerOf("zandvoort"), query, { id: own.id });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.case).toBeNull();
  });

  it("a list of 1 case and a list of all of a team's cases, with team, signals, contact attempts, notes and feedback, take the same number of SQL statements", async () => {
    const largest = [...TEAMS.map((t) => t.id)].sort((a, b) => world.cases.filter((c) => c.teamId === b).length - world.cases.filter((c) => c.teamId === a).length)[0]!;
    const all = world.cases.filter((c) => c.teamId === largest).length;
    expect(all).toBeGreaterThan(20);
    const count = async (first: number) => {
      const before = subgraph.statements();
      const result = await subgraph.query(swtWorkerOf(largest), CASES_WITH_EVERYTHING, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.cases.edges.length).toBe(first);
      return subgraph.statements() - before;
    };
    const one = await count(1);
    const many = await count(all);
    expect(many).toBe(one);
    // the page, then one query each for teams, signal links, contact attempts, notes and feedback
    expect(one).toBe(6);
  });

  it("the teams query lists the covenant's teams and the budget coach, each with its municipality and kind, to every role", async () => {
    for (const identity of Object.values(identities)) {
      const result = await subgraph.query(identity, `{ teams { id name municipalityCode kind } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.teams).toHaveLength(TEAMS.length + 1);
      expect(result.data!.teams).toContainEqual({ id: "zandvoort", name: "Sociaal Wijkteam Zandvoort", municipalityCode: "0473", kind: "SWT" });
      expect(result.data!.teams).toContainEqual({ id: BUDGET_COACH_TEAM.id, name: BUDGET_COACH_TEAM.name, municipalityCode: "0392", kind: "BUDGET_COACH" });
    }
  });
});
