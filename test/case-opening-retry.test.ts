import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "./support/graph.js";
import { signalHouseholds } from "./support/households.js";

/**
 * A forwarding opens a case at swt (Art. 5.3, 5.4). When swt is down at that moment the forwarding
 * stands and waits for its case; sdv's scheduled job `case-opening` asks again, in its own name
 * (a service token swt trusts for `openCasesForReferrals` alone), once swt is back.
 */

const SET_AREA = `mutation($postcodeArea: String!, $teamId: ID!, $municipalityCode: String) {
  setRoutingArea(postcodeArea: $postcodeArea, teamId: $teamId, municipalityCode: $municipalityCode) { forwardedWaitingSignals }
}`;
const SIGNAL = `query($id: ID!) { signal(id: $id) { status forwarding { teamId } } }`;
const CASES_OF = `query($tenantId: ID!) { cases(first: 5, filter: { tenantId: $tenantId }) { edges { node { id status team { id } signals { id } } } } }`;

describe("a case swt could not open when its signal was forwarded, through the gateway", () => {
  let graph: TestGraph;
  const tokens: Record<string, string> = {};

  async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392"], sub: "sdv-worker" });
    tokens.noord = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-noord", sub: "swt-noord" });
  });
  afterAll(() => graph?.stop());

  it("swt down while the SDV forwards: the case opens when the job runs after swt is back, and a second run opens nothing twice", async () => {
    // An area no team covers yet: the signal waits unforwarded.
    const ids = await signalHouseholds(graph, tokens.elan!, [{ reference: "CO-WAIT", postcode: "2019 GH", municipalityCode: "0392", amountCents: 40_000 }]);
    const { tenantId, signalId } = ids["CO-WAIT"]!;
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalId })).signal.forwarding).toBeNull();

    await graph.stopSubgraph("swt");
    const set = await ok(tokens.sdv!, SET_AREA, { postcodeArea: "2019", teamId: "haarlem-noord", municipalityCode: "0392" });
    expect(set.setRoutingArea.forwardedWaitingSignals).toBe(1);
    await graph.restart();

    // Forwarded, but without its case: the team does not see it yet.
    expect((await ok(tokens.sdv!, SIGNAL, { id: signalId })).signal).toEqual({ status: "FORWARDED", forwarding: { teamId: "haarlem-noord" } });
    expect((await ok(tokens.noord!, CASES_OF, { tenantId })).cases.edges).toEqual([]);

    expect(await graph.subgraphs.sdv.runJob("case-opening")).toEqual({ municipalities: 1, sent: 1, opened: 1, pending: 0 });
    const [opened, ...more] = (await ok(tokens.noord!, CASES_OF, { tenantId })).cases.edges;
    expect(more).toEqual([]);
    expect(opened.node).toMatchObject({ status: "OPEN", team: { id: "haarlem-noord" }, signals: [{ id: signalId }] });

    expect(await graph.subgraphs.sdv.runJob("case-opening")).toEqual({ municipalities: 0, sent: 0, opened: 0, pending: 0 });
    expect((await ok(tokens.noord!, CASES_OF, { tenantId })).cases.edges.map((e: any) => e.node.id)).toEqual([opened.node.id]);
  });
});
