import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstWorkingDayFrom, feedbackDueOn } from "../subgraphs/shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../subgraphs/shared/src/clock.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";
import { signalHouseholds } from "./support/households.js";

/**
 * A change of who holds a signal moves the work (Art. 5.3, 5.4), end to end through the gateway: an
 * SDV's override between IV and I-III, a reroute by hand, a team's hand-over. The holder's case moves:
 * a case at the new holder with its own feedback term, the old one closed as TRANSFERRED.
 */

const CASES_OF = `query($tenantId: ID!) {
  cases(first: 10, filter: { tenantId: $tenantId }) {
    edges { node { id status outcome closedOn forwardedOn feedbackDueOn team { id } signals { id } } }
  }
}`;
const OVERRIDE = `mutation($id: ID!, $level: PriorityLevel!) {
  overridePriority(signalId: $id, level: $level, reason: "Phone call with the household: situation differs") {
    signal { id status } forwardingChange { changed fromTeamId toTeamId forwardedOn }
  }
}`;
const REROUTE = `mutation($id: ID!, $teamId: ID!, $reason: String!) {
  rerouteSignal(signalId: $id, teamId: $teamId, reason: $reason) { signal { id status } forwarding { target teamId forwardedOn } }
}`;
const HAND_OVER = `mutation($caseId: ID!, $toTeamId: ID!, $reason: String!) {
  handOverCase(caseId: $caseId, toTeamId: $toTeamId, reason: $reason) {
    handedOverCase { id status outcome } toTeamId newCaseId forwardedOn reportedToSdv
  }
}`;
const SIGNAL = `query($id: ID!) { signal(id: $id) { status forwarding { target teamId forwardedOn } case { id status } } }`;

describe("a changed holder moves the case, through the gateway", () => {
  let graph: TestGraph;
  const tokens: Record<string, string> = {};
  let ids: Record<string, { tenantId: string; signalId: string | null; outcome: string }>;
  // Every move in these tests happens today: the new holder's term starts on today's forwarding day.
  const forwardedOn = firstWorkingDayFrom(todayInNetherlands());

  const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;
  async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }
  const casesOf = async (token: string, reference: string) => (await ok(token, CASES_OF, { tenantId: ids[reference]!.tenantId })).cases.edges.map((e: any) => e.node);
  const signalOf = (reference: string) => ids[reference]!.signalId!;

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-worker" });
    tokens.sdvZandvoort = await graph.token({ role: "SDV", orgs: ["0473"], sub: "sdv-zandvoort" });
    tokens.schalkwijk = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-schalkwijk" });
    tokens.oost = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-oost", sub: "swt-oost" });
    tokens.zuidwest = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-zuidwest", sub: "swt-zuidwest" });
    tokens.centrum = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-centrum", sub: "swt-centrum" });
    tokens.coach = await graph.token({ role: "BUDGET_COACH", orgs: ["0392", "0473"], sub: "coach" });
    tokens.coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator" });
    tokens.analyst = await graph.token({ role: "ANALYST", orgs: ["0392", "0473"], sub: "analyst" });
    ids = await signalHouseholds(graph, tokens.elan!, [
      // Under the threshold: priority IV, the budget coach. In collection: a 5-day term.
      { reference: "FW-IV", postcode: "2034 AB", municipalityCode: "0392", amountCents: 2_000, phase: "COLLECTION" },
      // Above it: priority II, the Schalkwijk team (2034-2037).
      { reference: "FW-HAND", postcode: "2035 CD", municipalityCode: "0392", amountCents: 40_000 },
      { reference: "FW-HAND-2", postcode: "2035 CE", municipalityCode: "0392", amountCents: 40_000 },
      { reference: "FW-REROUTE", postcode: "2036 EF", municipalityCode: "0392", amountCents: 40_000 },
      { reference: "FW-WAITING", postcode: "2019 GH", municipalityCode: "0392", amountCents: 40_000 },
      { reference: "FW-ZANDVOORT", postcode: "2041 KL", municipalityCode: "0473", amountCents: 40_000 },
    ]);
  });
  afterAll(() => graph?.stop());

  it("the SDV overrides IV to II: the case moves to the team with a term from the new forwarding day, and the budget coach's case closes TRANSFERRED; and back again", async () => {
    const [coachCase] = await casesOf(tokens.coach!, "FW-IV");
    expect(coachCase).toMatchObject({ status: "OPEN", team: { id: "budget-coach" } });

    const override = await ok(tokens.sdv!, OVERRIDE, { id: signalOf("FW-IV"), level: "II" });
    expect(override.overridePriority.forwardingChange).toEqual({ changed: true, fromTeamId: "budget-coach", toTeamId: "haarlem-schalkwijk", forwardedOn });

    const [teamCase, ...more] = await casesOf(tokens.schalkwijk!, "FW-IV");
    expect(more).toEqual([]);
    expect(teamCase).toMatchObject({
      status: "OPEN",
      team: { id: "haarlem-schalkwijk" },
      forwardedOn,
      feedbackDueOn: feedbackDueOn(forwardedOn, "COLLECTION"),
      signals: [{ id: signalOf("FW-IV") }],
    });
    expect(teamCase.id).not.toBe(coachCase.id);
    const [closed] = await casesOf(tokens.coach!, "FW-IV");
    expect(closed).toMatchObject({ id: coachCase.id, status: "CLOSED", outcome: "TRANSFERRED", signals: [] });
    // The team now reads the household; the SDV follows the signal to its new case.
    expect((await ok(tokens.schalkwijk!, `query($id: ID!) { tenant(id: $id) { name } }`, { id: ids["FW-IV"]!.tenantId })).tenant.name).toBe("Tenant FW-IV");
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalOf("FW-IV") })).signal).toMatchObject({
      forwarding: { target: "SWT", teamId: "haarlem-schalkwijk", forwardedOn },
      case: { id: teamCase.id, status: "OPEN" },
    });

    // The same override again moves nothing.
    expect((await ok(tokens.sdv!, OVERRIDE, { id: signalOf("FW-IV"), level: "II" })).overridePriority.forwardingChange).toBeNull();
    expect(await casesOf(tokens.schalkwijk!, "FW-IV")).toHaveLength(1);

    // Back to IV: the team's case closes TRANSFERRED, the budget coach gets a new case, not the closed one.
    const back = await ok(tokens.sdv!, OVERRIDE, { id: signalOf("FW-IV"), level: "IV" });
    expect(back.overridePriority.forwardingChange).toMatchObject({ changed: true, fromTeamId: "haarlem-schalkwijk", toTeamId: "budget-coach" });
    expect(await casesOf(tokens.schalkwijk!, "FW-IV")).toEqual([expect.objectContaining({ id: teamCase.id, status: "CLOSED", outcome: "TRANSFERRED" })]);
    const coachCases = await casesOf(tokens.coach!, "FW-IV");
    expect(coachCases).toHaveLength(2);
    const reopened = coachCases.find((c: any) => c.status === "OPEN");
    expect(reopened).toMatchObject({ forwardedOn, feedbackDueOn: feedbackDueOn(forwardedOn, "COLLECTION"), signals: [{ id: signalOf("FW-IV") }] });
    expect(reopened.id).not.toBe(coachCase.id);
    expect((await ok(tokens.schalkwijk!, `query($id: ID!) { signal(id: $id) { id } }`, { id: signalOf("FW-IV") })).signal).toBeNull();
  });

  it("a team hands a case to another team of its municipality with a reason: the new team has it with its own term, the old one's closes TRANSFERRED; sent twice at once it is one hand-over", async () => {
    const [kase] = await casesOf(tokens.schalkwijk!, "FW-HAND");
    const variables = { caseId: kase.id, toTeamId: "haarlem-oost", reason: "The household moved to the Amsterdamse buurt" };
    const [first, second] = await Promise.all([graph.query(tokens.schalkwijk!, HAND_OVER, variables), graph.query(tokens.schalkwijk!, HAND_OVER, variables)]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data!.handOverCase).toEqual(second.data!.handOverCase);
    expect(first.data!.handOverCase).toEqual({
      handedOverCase: { id: kase.id, status: "CLOSED", outcome: "TRANSFERRED" },
      toTeamId: "haarlem-oost",
      newCaseId: expect.any(String),
      forwardedOn,
      reportedToSdv: true,
    });
    const oostCases = await casesOf(tokens.oost!, "FW-HAND");
    expect(oostCases).toEqual([
      expect.objectContaining({
        id: first.data!.handOverCase.newCaseId,
        status: "OPEN",
        forwardedOn,
        feedbackDueOn: feedbackDueOn(forwardedOn, "ARREARS"),
        signals: [{ id: signalOf("FW-HAND") }],
      }),
    ]);
    // sdv forwarded the signal with it: the new team sees the signal, the old one no longer does.
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalOf("FW-HAND") })).signal.forwarding).toEqual({ target: "SWT", teamId: "haarlem-oost", forwardedOn });
    expect((await ok(tokens.oost!, `query($id: ID!) { signal(id: $id) { id } }`, { id: signalOf("FW-HAND") })).signal).toEqual({ id: signalOf("FW-HAND") });
    expect((await ok(tokens.schalkwijk!, `query($id: ID!) { signal(id: $id) { id } }`, { id: signalOf("FW-HAND") })).signal).toBeNull();
    // A later hand-over request on the closed case, to another team, is refused.
    expect(code(await graph.query(tokens.schalkwijk!, HAND_OVER, { ...variables, toTeamId: "haarlem-noord" }))).toBe("CASE_CLOSED");
  });

  it("a team can hand a case to the budget coach, and the budget coach to a team of the case's municipality", async () => {
    const [kase] = await casesOf(tokens.schalkwijk!, "FW-HAND-2");
    const toCoach = await ok(tokens.schalkwijk!, HAND_OVER, { caseId: kase.id, toTeamId: "budget-coach", reason: "Only budget advice is wanted" });
    const [coachCase] = await casesOf(tokens.coach!, "FW-HAND-2");
    expect(coachCase).toMatchObject({ id: toCoach.handOverCase.newCaseId, status: "OPEN", team: { id: "budget-coach" } });
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalOf("FW-HAND-2") })).signal.forwarding).toMatchObject({ target: "BUDGET_COACH", teamId: "budget-coach" });
    expect(code(await graph.query(tokens.coach!, HAND_OVER, { caseId: coachCase.id, toTeamId: "zandvoort", reason: "x" }))).toBe("BAD_USER_INPUT");
    const back = await ok(tokens.coach!, HAND_OVER, { caseId: coachCase.id, toTeamId: "haarlem-zuidwest", reason: "Needs more than budget advice" });
    expect((await casesOf(tokens.zuidwest!, "FW-HAND-2"))[0]).toMatchObject({ id: back.handOverCase.newCaseId, status: "OPEN" });
  });

  it("a hand-over is refused to a team of the other municipality, to no team, without a reason, of another team's case, and to other roles", async () => {
    const [kase] = await casesOf(tokens.schalkwijk!, "FW-REROUTE");
    const refused = async (token: string, variables: Record<string, unknown>) =>
      code(await graph.query(token, HAND_OVER, { caseId: kase.id, reason: "Moved house", ...variables }));
    expect(await refused(tokens.schalkwijk!, { toTeamId: "zandvoort" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.schalkwijk!, { toTeamId: "haarlem-nowhere" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.schalkwijk!, { toTeamId: "haarlem-schalkwijk" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.schalkwijk!, { toTeamId: "haarlem-oost", reason: "  " })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.oost!, { toTeamId: "haarlem-oost" })).toBe("CASE_NOT_FOUND");
    for (const role of ["sdv", "coordinator", "analyst", "elan"]) expect(await refused(tokens[role]!, { toTeamId: "haarlem-oost" }), role).toBe("FORBIDDEN");
    expect(await casesOf(tokens.schalkwijk!, "FW-REROUTE")).toEqual([expect.objectContaining({ id: kase.id, status: "OPEN" })]);
  });

  it("the SDV reroutes a signal by hand with a reason: its case moves to the new team; a retry changes nothing", async () => {
    const [kase] = await casesOf(tokens.schalkwijk!, "FW-REROUTE");
    const variables = { id: signalOf("FW-REROUTE"), teamId: "haarlem-zuidwest", reason: "Address lies on the border; Zuid-West knows the family" };
    const rerouted = await ok(tokens.sdv!, REROUTE, variables);
    expect(rerouted.rerouteSignal).toEqual({ signal: { id: signalOf("FW-REROUTE"), status: "FORWARDED" }, forwarding: { target: "SWT", teamId: "haarlem-zuidwest", forwardedOn } });
    expect((await ok(tokens.sdv!, REROUTE, variables)).rerouteSignal).toEqual(rerouted.rerouteSignal);
    const moved = await casesOf(tokens.zuidwest!, "FW-REROUTE");
    expect(moved).toEqual([expect.objectContaining({ status: "OPEN", forwardedOn, signals: [{ id: signalOf("FW-REROUTE") }] })]);
    expect(await casesOf(tokens.schalkwijk!, "FW-REROUTE")).toEqual([expect.objectContaining({ id: kase.id, status: "CLOSED", outcome: "TRANSFERRED" })]);
  });

  it("every forwarding is kept with the signal: from where to where, why, by whom, with the reason given", async () => {
    const history = async (reference: string) =>
      (await ok(tokens.sdv!, `query($id: ID!) { signal(id: $id) { forwardingHistory { kind fromTeamId toTeamId forwardedOn forwardedBy reason } } }`, { id: signalOf(reference) }))
        .signal.forwardingHistory;
    expect(await history("FW-IV")).toEqual([
      { kind: "RECEIPT", fromTeamId: null, toTeamId: "budget-coach", forwardedOn, forwardedBy: "elan-integration", reason: null },
      { kind: "PRIORITY", fromTeamId: "budget-coach", toTeamId: "haarlem-schalkwijk", forwardedOn, forwardedBy: "sdv-worker", reason: null },
      { kind: "PRIORITY", fromTeamId: "haarlem-schalkwijk", toTeamId: "budget-coach", forwardedOn, forwardedBy: "sdv-worker", reason: null },
    ]);
    expect((await history("FW-HAND")).map((r: any) => [r.kind, r.fromTeamId, r.toTeamId, r.forwardedBy, r.reason])).toEqual([
      ["RECEIPT", null, "haarlem-schalkwijk", "elan-integration", null],
      ["HAND_OVER", "haarlem-schalkwijk", "haarlem-oost", "swt-schalkwijk", "The household moved to the Amsterdamse buurt"],
    ]);
    expect((await history("FW-REROUTE")).map((r: any) => [r.kind, r.fromTeamId, r.toTeamId, r.forwardedBy])).toEqual([
      ["RECEIPT", null, "haarlem-schalkwijk", "elan-integration"],
      ["REROUTE", "haarlem-schalkwijk", "haarlem-zuidwest", "sdv-worker"],
    ]);
    // The teams read where their signals are, not how they got there.
    const team = await graph.query(tokens.zuidwest!, `query($id: ID!) { signal(id: $id) { forwardingHistory { kind } } }`, { id: signalOf("FW-REROUTE") });
    expect(code(team)).toBe("FORBIDDEN");
  });

  it("a signal waiting for a team is listed to the SDV, which routes it by hand; its case opens at that team", async () => {
    const waiting = (await ok(tokens.sdv!, `{ unroutedSignals(first: 10) { edges { node { id } } } }`)).unroutedSignals.edges.map((e: any) => e.node.id);
    expect(waiting).toEqual([signalOf("FW-WAITING")]);
    await ok(tokens.sdv!, REROUTE, { id: signalOf("FW-WAITING"), teamId: "haarlem-centrum", reason: "2019 is Haarlem-Noord-West; Centrum takes it for now" });
    expect((await ok(tokens.sdv!, `{ unroutedSignals(first: 10) { edges { node { id } } } }`)).unroutedSignals.edges).toEqual([]);
    expect(await casesOf(tokens.centrum!, "FW-WAITING")).toEqual([expect.objectContaining({ status: "OPEN", forwardedOn, signals: [{ id: signalOf("FW-WAITING") }] })]);
  });

  it("a reroute is refused outside the caller's municipalities, to a team of another municipality, to the budget coach, for a priority IV signal, without a reason, and to other roles", async () => {
    const refused = async (token: string, variables: Record<string, unknown>) => code(await graph.query(token, REROUTE, { reason: "Wrong neighbourhood", ...variables }));
    expect(await refused(tokens.sdvZandvoort!, { id: signalOf("FW-HAND"), teamId: "zandvoort" })).toBe("SIGNAL_NOT_FOUND");
    expect(await refused(tokens.sdvZandvoort!, { id: signalOf("FW-HAND"), teamId: "haarlem-noord" })).toBe("SIGNAL_NOT_FOUND");
    expect(await refused(tokens.sdv!, { id: signalOf("FW-ZANDVOORT"), teamId: "haarlem-noord" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.sdv!, { id: signalOf("FW-HAND"), teamId: "zandvoort" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.sdv!, { id: signalOf("FW-HAND"), teamId: "budget-coach" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.sdv!, { id: signalOf("FW-IV"), teamId: "haarlem-noord" })).toBe("PRIORITY_DECIDES_TARGET");
    expect(await refused(tokens.sdv!, { id: signalOf("FW-HAND"), teamId: "haarlem-noord", reason: "" })).toBe("BAD_USER_INPUT");
    expect(await refused(tokens.sdv!, { id: "not-a-uuid", teamId: "haarlem-noord" })).toBe("BAD_USER_INPUT");
    for (const role of ["schalkwijk", "coach", "coordinator", "analyst", "elan"]) {
      expect(await refused(tokens[role]!, { id: signalOf("FW-HAND"), teamId: "haarlem-noord" }), role).toBe("FORBIDDEN");
    }
    // Zandvoort's own SDV moves Zandvoort's signal within Zandvoort only: there is one team, which has it.
    expect((await ok(tokens.sdvZandvoort!, REROUTE, { id: signalOf("FW-ZANDVOORT"), teamId: "zandvoort", reason: "Check" })).rerouteSignal.forwarding.teamId).toBe("zandvoort");
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalOf("FW-HAND") })).signal.forwarding.teamId).toBe("haarlem-oost");
  });

  it("the monitoring counts each household's case once, however often it moved", async () => {
    const month = forwardedOn.slice(0, 7);
    const data = await ok(
      tokens.analyst!,
      `query($m: String!) { monitoring(from: $m, to: $m, municipalityCode: "0392", corporationId: "elan-wonen") { casesOpened { count suppressed } } }`,
      {
        m: month,
      },
    );
    // FW-IV, FW-HAND, FW-HAND-2, FW-REROUTE and FW-WAITING: five households, eleven cases between them.
    expect(data.monitoring[0].casesOpened).toEqual({ count: 5, suppressed: false });
  });
});
