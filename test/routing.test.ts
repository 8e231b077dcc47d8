import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInNetherlands } from "../subgraphs/shared/src/clock.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";
import { signalHouseholds } from "./support/households.js";

/**
 * The routing table, end to end through the gateway: who may point which postcode area at which
 * team, the history of every change, removing an area, and the signals that wait for a team.
 */

const SET_AREA = `mutation($postcodeArea: String!, $teamId: ID!, $municipalityCode: String) {
  setRoutingArea(postcodeArea: $postcodeArea, teamId: $teamId, municipalityCode: $municipalityCode) {
    routingArea { municipalityCode postcodeArea teamId updatedBy } forwardedWaitingSignals
  }
}`;
const REMOVE_AREA = `mutation($municipalityCode: String!, $postcodeArea: String!) {
  removeRoutingArea(municipalityCode: $municipalityCode, postcodeArea: $postcodeArea) { municipalityCode postcodeArea removedTeamId }
}`;
const CHANGES = `query($m: String, $a: String) { routingAreaChanges(municipalityCode: $m, postcodeArea: $a, first: 10) { municipalityCode postcodeArea fromTeamId toTeamId changedBy changedAt } }`;
const UNROUTED = `{ unroutedSignals(first: 100) { edges { node { id status } } } }`;
const FORWARDING = `query($id: ID!) { signal(id: $id) { status forwarding { target teamId } } }`;

describe("routing follows the caller's municipalities, through the gateway", () => {
  let graph: TestGraph;
  const tokens: Record<string, string> = {};
  const month = todayInNetherlands().slice(0, 7);

  const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;
  async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-haarlem" });
    tokens.sdvZandvoort = await graph.token({ role: "SDV", orgs: ["0473"], sub: "sdv-zandvoort" });
    tokens.coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator" });
    tokens.coordinatorZandvoort = await graph.token({ role: "COORDINATOR", orgs: ["0473"], sub: "coordinator-zandvoort" });
    tokens.swtZandvoort = await graph.token({ role: "SWT", orgs: ["0473"], team: "zandvoort", sub: "swt-zandvoort" });
    tokens.swtCentrum = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-centrum", sub: "swt-centrum" });
    tokens.coach = await graph.token({ role: "BUDGET_COACH", orgs: ["0392", "0473"], sub: "coach" });
    tokens.analyst = await graph.token({ role: "ANALYST", orgs: ["0392", "0473"], sub: "analyst" });
  });
  afterAll(() => graph?.stop());

  it("an SDV serving only Zandvoort cannot point a Haarlem area at the Zandvoort team, so that team never reads those Haarlem households", async () => {
    for (const variables of [
      { postcodeArea: "2011", teamId: "zandvoort" },
      { postcodeArea: "2011", teamId: "zandvoort", municipalityCode: "0392" },
      { postcodeArea: "2011", teamId: "haarlem-centrum" },
      { postcodeArea: "2035", teamId: "zandvoort" },
    ]) {
      const result = await graph.query(tokens.sdvZandvoort!, SET_AREA, variables);
      expect(result.data?.setRoutingArea ?? null, JSON.stringify(variables)).toBeNull();
      expect(["FORBIDDEN", "BAD_USER_INPUT"], JSON.stringify(variables)).toContain(code(result));
    }
    expect(code(await graph.query(tokens.sdvZandvoort!, SET_AREA, { postcodeArea: "2011", teamId: "zandvoort", municipalityCode: "0392" }))).toBe("FORBIDDEN");
    expect(code(await graph.query(tokens.sdvZandvoort!, REMOVE_AREA, { municipalityCode: "0392", postcodeArea: "2011" }))).toBe("FORBIDDEN");

    const ids = await signalHouseholds(graph, tokens.elan!, [{ reference: "RT-HAARLEM-1", postcode: "2011 AB", municipalityCode: "0392", amountCents: 40_000 }]);
    const signalId = ids["RT-HAARLEM-1"]!.signalId!;
    expect((await ok(tokens.sdv!, FORWARDING, { id: signalId })).signal.forwarding).toEqual({ target: "SWT", teamId: "haarlem-centrum" });
    const seen = await ok(tokens.swtZandvoort!, `query($id: ID!) { tenant(id: $id) { name phone } cases(first: 5, filter: { tenantId: $id }) { edges { node { id } } } }`, {
      id: ids["RT-HAARLEM-1"]!.tenantId,
    });
    expect(seen).toEqual({ tenant: null, cases: { edges: [] } });
    // The team of the address does read them.
    const centrum = await ok(tokens.swtCentrum!, `query($id: ID!) { tenant(id: $id) { name } }`, { id: ids["RT-HAARLEM-1"]!.tenantId });
    expect(centrum.tenant).toEqual({ name: "Tenant RT-HAARLEM-1" });
  });

  it("an area outside the covenant, or not an area of the municipality, is refused with a message that says so", async () => {
    for (const [token, variables] of [
      [tokens.sdvZandvoort!, { postcodeArea: "1012", teamId: "zandvoort" }],
      [tokens.sdv!, { postcodeArea: "1012", teamId: "haarlem-centrum" }],
      [tokens.sdv!, { postcodeArea: "2041", teamId: "haarlem-centrum", municipalityCode: "0392" }],
      [tokens.sdv!, { postcodeArea: "2051", teamId: "zandvoort", municipalityCode: "0473" }],
    ] as const) {
      const result = await graph.query(token, SET_AREA, variables);
      expect(code(result), JSON.stringify(variables)).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.extensions?.argument, JSON.stringify(variables)).toBe("postcodeArea");
    }
    const outside = await graph.query(tokens.sdv!, SET_AREA, { postcodeArea: "2051", teamId: "zandvoort", municipalityCode: "0377" });
    expect(code(outside)).toBe("BAD_USER_INPUT");
    expect(outside.errors?.[0]?.extensions?.argument).toBe("municipalityCode");
    for (const bad of ["20", "2011 AB", "0123", "x".repeat(5000)]) {
      expect(code(await graph.query(tokens.sdv!, SET_AREA, { postcodeArea: bad, teamId: "haarlem-centrum" })), bad.slice(0, 10)).toBe("BAD_USER_INPUT");
    }
    const [row] = (await ok(tokens.sdv!, `{ routingAreas { municipalityCode postcodeArea } }`)).routingAreas.filter((a: any) => a.postcodeArea === "1012");
    expect(row).toBeUndefined();
  });

  it("an area goes only to a team of its own municipality, also for an SDV or coordinator serving both", async () => {
    for (const token of [tokens.sdv!, tokens.coordinator!]) {
      for (const variables of [
        { postcodeArea: "2011", teamId: "zandvoort", municipalityCode: "0392" },
        { postcodeArea: "2041", teamId: "haarlem-noord", municipalityCode: "0473" },
        { postcodeArea: "2116", teamId: "haarlem-zuidwest", municipalityCode: "0473" },
      ]) {
        const result = await graph.query(token, SET_AREA, variables);
        expect(code(result), JSON.stringify(variables)).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.extensions?.argument).toBe("teamId");
      }
      expect(code(await graph.query(token, SET_AREA, { postcodeArea: "2011", teamId: "budget-coach" }))).toBe("BAD_USER_INPUT");
    }
    // A coordinator is held to the municipalities in its token too.
    expect(code(await graph.query(tokens.coordinatorZandvoort!, SET_AREA, { postcodeArea: "2012", teamId: "haarlem-noord" }))).toBe("FORBIDDEN");
  });

  it("each reads the table of its own municipalities only, and every area of Haarlem and Zandvoort is in it, Bentveld with Zandvoort", async () => {
    const zandvoort = (await ok(tokens.sdvZandvoort!, `{ routingAreas { municipalityCode postcodeArea teamId } }`)).routingAreas;
    expect(zandvoort.map((a: any) => a.postcodeArea)).toEqual(["2040", "2041", "2042", "2116"]);
    expect(new Set(zandvoort.map((a: any) => a.municipalityCode))).toEqual(new Set(["0473"]));
    const all = (await ok(tokens.sdv!, `{ routingAreas { municipalityCode postcodeArea teamId } }`)).routingAreas;
    for (const area of ["2011", "2015", "2021", "2026", "2031", "2037"]) expect(all).toContainEqual(expect.objectContaining({ municipalityCode: "0392", postcodeArea: area }));

    const ids = await signalHouseholds(graph, tokens.elan!, [
      { reference: "RT-BENTVELD", postcode: "2116 AA", municipalityCode: "0473", amountCents: 40_000 },
      { reference: "RT-AERDENHOUT", postcode: "2116 BB", municipalityCode: "0377", amountCents: 40_000 },
    ]);
    expect((await ok(tokens.sdv!, FORWARDING, { id: ids["RT-BENTVELD"]!.signalId })).signal.forwarding).toEqual({ target: "SWT", teamId: "zandvoort" });
    expect(ids["RT-AERDENHOUT"]).toMatchObject({ outcome: "REFUSED", signalId: null });
  });

  it("the coordinator moves and removes an area: each change is kept with who, when, from and to; the area's next signals wait, listed and counted, until it is set again", async () => {
    const before = Date.now();
    const moved = await ok(tokens.coordinator!, SET_AREA, { postcodeArea: "2012", teamId: "haarlem-noord", municipalityCode: "0392" });
    expect(moved.setRoutingArea.routingArea).toEqual({ municipalityCode: "0392", postcodeArea: "2012", teamId: "haarlem-noord", updatedBy: "coordinator" });
    const removed = await ok(tokens.sdv!, REMOVE_AREA, { municipalityCode: "0392", postcodeArea: "2012" });
    expect(removed.removeRoutingArea).toEqual({ municipalityCode: "0392", postcodeArea: "2012", removedTeamId: "haarlem-noord" });
    // Removing it again changes nothing and says so.
    expect((await ok(tokens.sdv!, REMOVE_AREA, { municipalityCode: "0392", postcodeArea: "2012" })).removeRoutingArea.removedTeamId).toBeNull();

    const history = (await ok(tokens.sdv!, CHANGES, { m: "0392", a: "2012" })).routingAreaChanges;
    expect(history.map((c: any) => [c.fromTeamId, c.toTeamId, c.changedBy])).toEqual([
      ["haarlem-noord", null, "sdv-haarlem"],
      ["haarlem-centrum", "haarlem-noord", "coordinator"],
      [null, "haarlem-centrum", "covenant"],
    ]);
    expect(Date.parse(history[0].changedAt)).toBeGreaterThanOrEqual(before - 1_000);
    // Zandvoort's SDV does not read Haarlem's history.
    expect((await ok(tokens.sdvZandvoort!, CHANGES, { m: "0392", a: "2012" })).routingAreaChanges).toEqual([]);

    const households = ["RT-W1", "RT-W2", "RT-W3", "RT-W4", "RT-W5"].map((reference) => ({ reference, postcode: "2012 CD", municipalityCode: "0392", amountCents: 40_000 }));
    const ids = await signalHouseholds(graph, tokens.elan!, [...households, { reference: "RT-W-IV", postcode: "2012 CD", municipalityCode: "0392", amountCents: 1_000 }]);
    const waiting = households.map((h) => ids[h.reference]!.signalId!);
    const listed = (await ok(tokens.sdv!, UNROUTED)).unroutedSignals.edges.map((e: any) => e.node);
    expect(listed.map((n: any) => n.id).sort()).toEqual([...waiting].sort());
    expect(new Set(listed.map((n: any) => n.status))).toEqual(new Set(["RECEIVED"]));
    // Priority IV is never waiting: it goes to the budget coach whatever the address.
    expect((await ok(tokens.sdv!, FORWARDING, { id: ids["RT-W-IV"]!.signalId })).signal.forwarding.target).toBe("BUDGET_COACH");
    expect((await ok(tokens.sdvZandvoort!, UNROUTED)).unroutedSignals.edges).toEqual([]);

    const counted = `query($m: String!) { monitoring(from: $m, to: $m, municipalityCode: "0392", corporationId: "elan-wonen") { signalsUnrouted { count suppressed } } }`;
    expect((await ok(tokens.analyst!, counted, { m: month })).monitoring[0].signalsUnrouted).toEqual({ count: 5, suppressed: false });

    const set = await ok(tokens.sdv!, SET_AREA, { postcodeArea: "2012", teamId: "haarlem-centrum" });
    expect(set.setRoutingArea.forwardedWaitingSignals).toBe(5);
    expect((await ok(tokens.sdv!, UNROUTED)).unroutedSignals.edges).toEqual([]);
    expect((await ok(tokens.analyst!, counted, { m: month })).monitoring[0].signalsUnrouted).toEqual({ count: 0, suppressed: false });
    const cases = await ok(tokens.swtCentrum!, `{ cases(first: 50, filter: { teamId: "haarlem-centrum" }) { edges { node { signals { id } } } } }`);
    const casedSignals = cases.cases.edges.flatMap((e: any) => e.node.signals.map((s: any) => s.id));
    for (const id of waiting) expect(casedSignals).toContain(id);
  });

  it("no other role reads or changes the routing, or lists the waiting signals", async () => {
    for (const role of ["elan", "swtCentrum", "coach", "analyst"]) {
      expect(code(await graph.query(tokens[role]!, SET_AREA, { postcodeArea: "2013", teamId: "haarlem-centrum" })), role).toBe("FORBIDDEN");
      expect(code(await graph.query(tokens[role]!, REMOVE_AREA, { municipalityCode: "0392", postcodeArea: "2013" })), role).toBe("FORBIDDEN");
      expect(code(await graph.query(tokens[role]!, CHANGES, {})), role).toBe("FORBIDDEN");
      expect(code(await graph.query(tokens[role]!, UNROUTED)), role).toBe("FORBIDDEN");
    }
    expect(code(await graph.query(tokens.coordinator!, UNROUTED))).toBe("FORBIDDEN");
    const row = (await ok(tokens.sdv!, `{ routingAreas { municipalityCode postcodeArea teamId } }`)).routingAreas.find((a: any) => a.postcodeArea === "2013");
    expect(row).toEqual({ municipalityCode: "0392", postcodeArea: "2013", teamId: "haarlem-zuidwest" });
  });
});
