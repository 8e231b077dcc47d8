import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { buildDemoWorld, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";

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
      team { id name municipalityCode }
      tenant { id }
      signal { id }
      signals { id }
      contactAttempts { id kind reached on partOfDay }
      notes { id text author }
      feedback { givenOn contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn arrearsArrangement notTakenUpForOtherReason }
    } }
  }
}`;

const DAY_ORDER = ["MORNING", "AFTERNOON", "EVENING"];

type CaseNode = { id: string; status: string; openedOn: string; team: { id: string } };
type CasesData = { cases: { edges: { cursor: string; node: CaseNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe("cases in the swt subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  const ownTeam = identities.swtSchalkwijk.team;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  async function allCases(identity: (typeof identities)[keyof typeof identities], filter?: Record<string, unknown>, first = 40) {
    const nodes: CaseNode[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Awaited<ReturnType<typeof subgraph.query<CasesData>>> = await subgraph.query<CasesData>(identity, CASES, { first, after, filter });
      expect(result.errors).toBeUndefined();
      nodes.push(...result.data!.cases.edges.map((edge) => edge.node));
      if (!result.data!.cases.pageInfo.hasNextPage) return nodes;
      after = result.data!.cases.pageInfo.endCursor;
    }
  }

  it("cases page with first/after through every case exactly once, newest opened first", async () => {
    const nodes = await allCases(identities.coordinator, undefined, 40);
    const ids = nodes.map((node) => node.id);
    expect(ids.length).toBe(world.cases.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(world.cases.map((kase) => kase.id)));
    const opened = nodes.map((node) => node.openedOn);
    expect(opened).toEqual([...opened].sort().reverse());
  });

  it("filters on team, status, tenant and opening period return exactly the matching cases", async () => {
    const zandvoort = await allCases(identities.coordinator, { teamId: "zandvoort" });
    expect(zandvoort.map((n) => n.id).sort()).toEqual(world.cases.filter((c) => c.teamId === "zandvoort").map((c) => c.id).sort());

    const closed = await allCases(identities.coordinator, { status: "CLOSED" });
    expect(closed.length).toBe(world.cases.filter((c) => c.status === "CLOSED").length);
    expect(closed.every((n) => n.status === "CLOSED")).toBe(true);

    const tenantId = world.cases[3]!.tenantId;
    const ofTenant = await allCases(identities.coordinator, { tenantId });
    expect(ofTenant.map((n) => n.id).sort()).toEqual(world.cases.filter((c) => c.tenantId === tenantId).map((c) => c.id).sort());

    const inSummer = await allCases(identities.coordinator, { openedFrom: "2026-07-01", openedTo: "2026-08-31" });
    const expected = world.cases.filter((c) => c.openedOn >= "2026-07-01" && c.openedOn <= "2026-08-31");
    expect(expected.length).toBeGreaterThan(0);
    expect(inSummer.map((n) => n.id).sort()).toEqual(expected.map((c) => c.id).sort());

    const combined = await allCases(identities.coordinator, { teamId: "haarlem-noord", status: "OPEN", openedFrom: "2026-08-01" });
    expect(combined.map((n) => n.id).sort()).toEqual(
      world.cases.filter((c) => c.teamId === "haarlem-noord" && c.status === "OPEN" && c.openedOn >= "2026-08-01").map((c) => c.id).sort(),
    );
  });

  it("an opening period that ends before it starts is refused with a message that says to swap the dates", async () => {
    const result = await subgraph.query(identities.coordinator, CASES, { first: 5, filter: { openedFrom: "2026-09-01", openedTo: "2026-08-01" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/swap/);
  });

  it("a page size outside 1-500 is refused", async () => {
    const result = await subgraph.query(identities.coordinator, CASES, { first: 501 });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("an SWT worker sees only its own team's cases, in lists and by id", async () => {
    const own = await allCases(identities.swtSchalkwijk);
    const expected = world.cases.filter((c) => c.teamId === ownTeam);
    expect(expected.length).toBeGreaterThan(0);
    expect(own.map((n) => n.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(own.every((n) => n.team.id === ownTeam)).toBe(true);

    const otherTeams = await allCases(identities.swtSchalkwijk, { teamId: "zandvoort" });
    expect(otherTeams).toEqual([]);

    const foreign = world.cases.find((c) => c.teamId !== ownTeam)!;
    const byId = await subgraph.query(identities.swtSchalkwijk, `query($id: ID!) { case(id: $id) { id } }`, { id: foreign.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.case).toBeNull();

    const ownById = await subgraph.query(identities.swtSchalkwijk, `query($id: ID!) { case(id: $id) { id team { id } } }`, { id: expected[0]!.id });
    expect(ownById.data?.case).toEqual({ id: expected[0]!.id, team: { id: ownTeam } });
  });

  it("an SWT worker whose token names no team sees no cases at all", async () => {
    const { team: _team, ...withoutTeam } = identities.swtSchalkwijk;
    const result = await subgraph.query<CasesData>(withoutTeam, CASES, { first: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.cases.edges).toEqual([]);
  });

  it("the debt service sees the cases of the teams in the municipalities it serves, and only those", async () => {
    const zandvoortOnly = { sub: "sdv-zandvoort", role: "SDV" as const, orgs: ["0473"] };
    const seen = await allCases(zandvoortOnly);
    expect(seen.map((n) => n.id).sort()).toEqual(world.cases.filter((c) => c.teamId === "zandvoort").map((c) => c.id).sort());
    const both = await allCases(identities.sdvHaarlem);
    expect(both.length).toBe(world.cases.length);
  });

  it("a budget coach and a corporation see no cases, without an error that would confirm any exist", async () => {
    for (const identity of [identities.budgetCoach, identities.elanWonen]) {
      const result = await subgraph.query<CasesData>(identity, CASES, { first: 10 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.cases.edges).toEqual([]);
      const byId = await subgraph.query(identity, `query($id: ID!) { case(id: $id) { id } }`, { id: world.cases[0]!.id });
      expect(byId.errors).toBeUndefined();
      expect(byId.data?.case).toBeNull();
    }
  });

  it("a case shows its team, tenant, signals in order, contact attempts by date and its feedback", async () => {
    const kase = world.cases.find((c) => c.signalIds.length > 1 && c.contactAttempts.length > 1 && c.feedback)!;
    const result = await subgraph.query(
      identities.coordinator,
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
    const result = await subgraph.query(identities.coordinator, `{ cases(first: 500) { edges { node { contactAttempts { on partOfDay } } } } }`);
    expect(result.errors).toBeUndefined();
    const lists = result.data!.cases.edges.map((edge: any) => edge.node.contactAttempts as { on: string; partOfDay: string }[]);
    const key = (a: { on: string; partOfDay: string }) => `${a.on}:${DAY_ORDER.indexOf(a.partOfDay)}`;
    for (const list of lists) expect(list.map(key)).toEqual(list.map(key).sort());
    expect(lists.some((list: { on: string }[]) => new Set(list.map((a) => a.on)).size < list.length)).toBe(true);
  });

  it("the notes of a case come back oldest first, and not to a worker of another team", async () => {
    const own = world.cases.find((c) => c.teamId === ownTeam)!;
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
    const otherTeam = { ...identities.swtSchalkwijk, sub: "other-worker", team: "zandvoort" };
    const theirs = await subgraph.query(otherTeam, query, { id: own.id });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.case).toBeNull();
  });

  it("a list of 1 case and a list of 100 cases, with team, signals, contact attempts, notes and feedback, take the same number of SQL statements", async () => {
    const count = async (first: number) => {
      const before = subgraph.statements();
      const result = await subgraph.query(identities.coordinator, CASES_WITH_EVERYTHING, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.cases.edges.length).toBe(first);
      return subgraph.statements() - before;
    };
    const one = await count(1);
    const hundred = await count(100);
    expect(hundred).toBe(one);
    // the page, then one query each for teams, signal links, contact attempts, notes and feedback
    expect(one).toBe(6);
  });

  it("the teams query lists the covenant's teams with their municipality", async () => {
    const result = await subgraph.query(identities.budgetCoach, `{ teams { id name municipalityCode } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.teams).toHaveLength(6);
    expect(result.data!.teams).toContainEqual({ id: "zandvoort", name: "Sociaal Wijkteam Zandvoort", municipalityCode: "0473" });
  });
});
