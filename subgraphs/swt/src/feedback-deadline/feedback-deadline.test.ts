import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import type { Identity } from "../../../shared/src/identity.js";
import { swtSubgraph } from "../index.js";
import { OPEN_CASES, openCases, swtWorkerOf, testReferral, zandvoortSdv, type TestReferral } from "../testing.js";
import { isFeedbackOverdue, wasFeedbackOnTime } from "./feedback-deadline.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

const DEADLINE = `query($id: ID!) { case(id: $id) { id forwardedOn feedbackPhase feedbackDueOn feedbackOverdue feedbackOnTime } }`;
const DUE_DATE = `query($forwardedOn: Date!, $phase: Phase!) { feedbackDueDate(forwardedOn: $forwardedOn, phase: $phase) }`;
const GIVE = `mutation($caseId: ID!, $feedback: FeedbackInput!) { giveFeedback(caseId: $caseId, feedback: $feedback) { id givenOn } }`;
const CASES = `query($filter: CaseFilter, $first: Int) {
  cases(first: $first, filter: $filter) { edges { node { id status forwardedOn feedbackDueOn feedbackOverdue feedbackOnTime } } }
}`;

type Node = { id: string; status: string; forwardedOn: string; feedbackDueOn: string; feedbackOverdue: boolean; feedbackOnTime: boolean | null };

describe("the feedback term of Art. 5.4 on cases", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const today = todayInNetherlands();
  const worker = identities.swtSchalkwijk;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  async function open(overrides: Partial<TestReferral>) {
    const [opened] = await openCases(subgraph, [testReferral(overrides)]);
    return opened!.caseId;
  }

  async function deadline(identity: Identity, id: string) {
    const result = await subgraph.query(identity, DEADLINE, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  }

  async function list(identity: Identity, filter: Record<string, unknown>): Promise<Node[]> {
    const result = await subgraph.query<{ cases: { edges: { node: Node }[] } }>(identity, CASES, { filter, first: 500 });
    expect(result.errors).toBeUndefined();
    return result.data!.cases.edges.map((edge) => edge.node);
  }

  it.each([
    ["five working days in collection skip the weekend", "2026-03-06", "COLLECTION", "2026-03-13"],
    ["ten working days in arrears run over two weekends", "2026-03-06", "ARREARS", "2026-03-20"],
    ["King's Day (Monday 27 April) does not count", "2026-04-24", "COLLECTION", "2026-05-04"],
    ["Ascension Day and the Friday the decree adds do not count", "2026-05-13", "BAILIFF", "2026-05-22"],
    ["Ascension, its decree Friday and Whit Monday all fall in a ten-day term", "2026-05-13", "ARREARS", "2026-06-01"],
    ["Christmas, Boxing Day (a Saturday) and New Year's Day do not count", "2026-12-24", "COLLECTION", "2027-01-04"],
  ] as const)("a case's feedback due day: %s", async (_title, forwardedOn, phase, due) => {
    // Another team than the one whose lists are filtered below.
    const id = await open({ forwardedOn, phase, teamId: "haarlem-noord" });
    expect(await deadline(swtWorkerOf("haarlem-noord"), id)).toEqual({
      id,
      forwardedOn,
      feedbackPhase: phase,
      feedbackDueOn: due,
      feedbackOverdue: due < today,
      feedbackOnTime: null,
    });
    const asked = await subgraph.query(worker, DUE_DATE, { forwardedOn, phase });
    expect(asked.data?.feedbackDueDate).toBe(due);
  });

  it("every partner may ask the due day; a day the working-day calendar does not cover is refused with its message", async () => {
    for (const identity of Object.values(identities)) {
      const result = await subgraph.query(identity, DUE_DATE, { forwardedOn: "2026-11-02", phase: "BAILIFF" });
      expect(result.errors, identity.role).toBeUndefined();
      expect(result.data!.feedbackDueDate).toBe("2026-11-09");
    }
    const outside = await subgraph.query(worker, DUE_DATE, { forwardedOn: "2040-01-02", phase: "ARREARS" });
    expect(outside.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(outside.errors?.[0]?.message).toMatch(/answers for 2021-01-01 to 2028-12-31 only.*2040 are not recorded/);

    const referral = await subgraph.query(identities.sdvHaarlem, OPEN_CASES, { referrals: [testReferral({ forwardedOn: "2040-01-02" })] });
    expect(referral.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "referrals[0].forwardedOn"]]);
    expect(referral.errors?.[0]?.message).toMatch(/2040/);
  });

  it("overdue means no feedback and the due day passed; on time means given on or before the due day, late after it", () => {
    const facts = { feedbackDueOn: "2026-05-22" };
    expect(isFeedbackOverdue({ ...facts, givenOn: null }, "2026-05-22")).toBe(false);
    expect(isFeedbackOverdue({ ...facts, givenOn: null }, "2026-05-23")).toBe(true);
    expect(isFeedbackOverdue({ ...facts, givenOn: "2026-05-25" }, "2026-06-30")).toBe(false);
    expect(wasFeedbackOnTime({ ...facts, givenOn: null })).toBeNull();
    expect(wasFeedbackOnTime({ ...facts, givenOn: "2026-05-22" })).toBe(true);
    expect(wasFeedbackOnTime({ ...facts, givenOn: "2026-05-25" })).toBe(false);
  });

  describe("awaited, overdue, on-time and late feedback, and the filters on them", () => {
    const longAgo = addDays(today, -40);
    const ids = { awaited: "", overdue: "", onTime: "", late: "", otherTeam: "" };
    let dueLongAgo = "";

    beforeAll(async () => {
      ids.awaited = await open({ forwardedOn: today, phase: "ARREARS" });
      ids.overdue = await open({ forwardedOn: longAgo, phase: "COLLECTION" });
      ids.onTime = await open({ forwardedOn: longAgo, phase: "COLLECTION" });
      ids.late = await open({ forwardedOn: longAgo, phase: "COLLECTION" });
      ids.otherTeam = await open({ forwardedOn: longAgo, phase: "COLLECTION", teamId: "zandvoort", municipalityCode: "0473" });
      dueLongAgo = (await deadline(worker, ids.overdue)).feedbackDueOn;
      const feedback = { contactMade: true, takenIntoTreatment: false, collectionCanBeSuspended: false };
      for (const [id, givenOn] of [
        [ids.onTime, dueLongAgo],
        [ids.late, addDays(dueLongAgo, 1)],
      ] as const) {
        const given = await subgraph.query(worker, GIVE, { caseId: id, feedback: { ...feedback, givenOn } });
        expect(given.errors).toBeUndefined();
      }
    });

    it("each case says whether its feedback is overdue and, once given, whether it came on time", async () => {
      const own = new Map((await list(worker, {})).map((node) => [node.id, node]));
      expect(own.get(ids.awaited)).toMatchObject({ feedbackOverdue: false, feedbackOnTime: null });
      expect(own.get(ids.overdue)).toMatchObject({ feedbackOverdue: true, feedbackOnTime: null, feedbackDueOn: dueLongAgo });
      expect(own.get(ids.onTime)).toMatchObject({ feedbackOverdue: false, feedbackOnTime: true });
      expect(own.get(ids.late)).toMatchObject({ feedbackOverdue: false, feedbackOnTime: false });
      expect(own.has(ids.otherTeam)).toBe(false);
    });

    it("an SWT worker lists its team's cases by feedback state, and what falls due by a day", async () => {
      const idsOf = async (filter: Record<string, unknown>) => (await list(worker, filter)).map((node) => node.id).sort();
      expect(await idsOf({ feedback: "AWAITED" })).toEqual([ids.awaited]);
      expect(await idsOf({ feedback: "OVERDUE" })).toEqual([ids.overdue]);
      expect(await idsOf({ feedback: "ON_TIME" })).toEqual([ids.onTime]);
      expect(await idsOf({ feedback: "LATE" })).toEqual([ids.late]);
      expect(await idsOf({ feedbackDueBy: dueLongAgo })).toEqual([ids.overdue, ids.onTime, ids.late].sort());
      expect(await idsOf({ feedbackDueBy: addDays(dueLongAgo, -1) })).toEqual([]);
      expect(await idsOf({ feedback: "OVERDUE", feedbackDueBy: dueLongAgo, status: "OPEN" })).toEqual([ids.overdue]);
    });

    it("the debt service lists what is overdue in the municipalities it serves and reads the deadline fields, but not the phase", async () => {
      const overdue = (await list(identities.sdvHaarlem, { feedback: "OVERDUE" })).map((node) => node.id);
      expect(overdue).toEqual(expect.arrayContaining([ids.overdue, ids.otherTeam]));
      expect(overdue).not.toContain(ids.awaited);
      expect(overdue).not.toContain(ids.onTime);
      expect(overdue).not.toContain(ids.late);
      expect((await list(zandvoortSdv, { feedback: "OVERDUE" })).map((node) => node.id)).toEqual([ids.otherTeam]);
      const phase = await subgraph.query(identities.sdvHaarlem, `query($id: ID!) { case(id: $id) { feedbackPhase } }`, { id: ids.overdue });
      expect(phase.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "case.feedbackPhase"]]);
    });

    it("the zandvoort team sees its own overdue case and none of Schalkwijk's", async () => {
      expect((await list(swtWorkerOf("zandvoort"), { feedback: "OVERDUE" })).map((node) => node.id)).toEqual([ids.otherTeam]);
    });

    it("a corporation, an analyst and the coordinator read no deadline of a case", async () => {
      for (const identity of [identities.elanWonen, identities.analyst, identities.coordinator]) {
        const result = await subgraph.query(identity, CASES, { filter: { feedback: "OVERDUE" } });
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      }
    });

    it("a list of 1 case and of all cases with their deadline fields take the same number of SQL statements", async () => {
      const count = async (first: number) => {
        const before = subgraph.statements();
        const result = await subgraph.query(identities.sdvHaarlem, CASES, { first });
        expect(result.errors).toBeUndefined();
        return subgraph.statements() - before;
      };
      expect(await count(1)).toBe(await count(500));
    });
  });
});
