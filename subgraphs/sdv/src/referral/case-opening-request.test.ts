import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import { startSdvWithPeers, tenantFacts, type SdvWithPeers } from "../intake/intake.fixture.js";
import type { IntakeFacts } from "../intake/intake.rules.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import type { ReferralForCase } from "./case-opening-request.js";

const SUBMIT = `mutation($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { accepted alreadyReceived casesPending items { outcome signal { id status } } }
}`;
const OVERRIDE = `mutation($signalId: ID!, $level: PriorityLevel!, $reason: String!) {
  overridePriority(signalId: $signalId, level: $level, reason: $reason) { forwardingChange { changed toTarget } }
}`;
const SET_AREA = `mutation($postcodeArea: String!, $teamId: ID!) { setRoutingArea(postcodeArea: $postcodeArea, teamId: $teamId) { forwardedWaitingSignals } }`;

const thisMonth = () => todayInNetherlands().slice(0, 7);
const above = { amountCents: 25_000, since: "2026-01-01", phase: "COLLECTION" as const, bailiffHandoverOn: null };
const below = { ...above, amountCents: 2_000, phase: "ARREARS" as const };

/** Opening a case at the SWT or the budget coach for every forwarding (sdv → swt). */
describe("case opening: every forwarding opens or joins a case at swt", () => {
  let sdv: SdvWithPeers;

  beforeAll(async () => {
    sdv = await startSdvWithPeers();
  });
  afterAll(() => sdv?.stop());
  beforeEach(() => {
    sdv.peers.swt.failing = null;
  });

  const openCalls = (from = 0) => sdv.peers.swt.calls.slice(from).filter((call) => /openCasesForReferrals/.test(call.query));
  const sentIds = (calls: ReturnType<typeof openCalls>) => calls.flatMap((call) => (call.variables.referrals as ReferralForCase[]).map((r) => r.signalId));

  async function submit(facts: IntakeFacts[], identity: Identity = identities.elanWonen, reportingMonth = thisMonth()) {
    sdv.register(...facts);
    const result = await sdv.query(identity, SUBMIT, { input: { reportingMonth, channel: "VPS", items: facts.map((f) => ({ tenantReference: f.reference })) } });
    expect(result.errors).toBeUndefined();
    return result.data!.submitSignals as { accepted: number; alreadyReceived: number; casesPending: number; items: { outcome: string; signal: { id: string; status: string } }[] };
  }
  const tenant = (label: string, overrides: Partial<IntakeFacts> = {}) => tenantFacts({ reference: `EW-${label}-${randomUUID().slice(0, 8)}`, ...overrides });
  const caseOf = async (signalId: string): Promise<string | null> => (await sdv.db.query(`select case_id from referral where signal_id = $1`, [signalId]))[0]?.case_id ?? null;

  it("a corporation's batch asks swt, in the corporation's name, to open a case for each forwarding as delivered, and keeps the case ids", async () => {
    const swtTeam = tenant("swt", { arrears: above });
    const coach = tenant("coach", { arrears: below, postcode: "2041 EF", municipalityCode: "0473" });
    const from = sdv.peers.swt.calls.length;
    const answer = await submit([swtTeam, coach]);
    expect(answer).toMatchObject({ accepted: 2, casesPending: 0 });
    const [call, ...more] = openCalls(from);
    expect(more).toEqual([]);
    expect(call).toMatchObject({ role: "CORPORATION", orgs: ["elan-wonen"] });
    const [first, second] = answer.items.map((item) => item.signal.id);
    const forwardedOn = firstWorkingDayFrom(todayInNetherlands());
    const bySignal = (a: ReferralForCase, b: ReferralForCase) => a.signalId.localeCompare(b.signalId);
    expect([...(call!.variables.referrals as ReferralForCase[])].sort(bySignal)).toEqual(
      [
        {
          signalId: first!,
          tenantId: swtTeam.tenantId,
          corporationId: "elan-wonen",
          municipalityCode: "0392",
          teamId: "haarlem-oost",
          forwardedOn,
          phase: "COLLECTION" as const,
          move: false,
        },
        {
          signalId: second!,
          tenantId: coach.tenantId,
          corporationId: "elan-wonen",
          municipalityCode: "0473",
          teamId: "budget-coach",
          forwardedOn,
          phase: "ARREARS" as const,
          move: false,
        },
      ].sort(bySignal),
    );
    expect(await caseOf(first!)).toBe(sdv.cases.bySignal.get(first!));
    expect(await caseOf(second!)).toBe(sdv.cases.bySignal.get(second!));
  });

  it("a signal no team's area covers is forwarded to nobody yet, so no case is asked for it", async () => {
    const from = sdv.peers.swt.calls.length;
    const answer = await submit([tenant("nowhere", { postcode: "2019 XY", arrears: above })]);
    expect(answer.items[0]!.signal.status).toBe("RECEIVED");
    expect(answer.casesPending).toBe(0);
    expect(openCalls(from)).toEqual([]);
  });

  it("when swt cannot be reached the batch stands: the forwardings wait for their case, and the answer says how many", async () => {
    sdv.peers.swt.failing = /openCasesForReferrals/;
    const answer = await submit([tenant("down-1", { corporationId: "pre-wonen" }), tenant("down-2", { corporationId: "pre-wonen" })], identities.preWonen);
    expect(answer).toMatchObject({ accepted: 2, casesPending: 2 });
    for (const item of answer.items) {
      expect(item.signal.status).toBe("FORWARDED");
      expect(await caseOf(item.signal.id)).toBeNull();
    }
  });

  it("the waiting forwardings are sent again with the corporation's next batch, and get their case", async () => {
    sdv.peers.swt.failing = /openCasesForReferrals/;
    const waiting = await submit([tenant("again-1", { corporationId: "ymere" })], identities.ymere);
    expect(waiting.casesPending).toBe(1);
    sdv.peers.swt.failing = null;
    const from = sdv.peers.swt.calls.length;
    const next = await submit([tenant("again-2", { corporationId: "ymere" })], identities.ymere);
    expect(next.casesPending).toBe(0);
    expect(sentIds(openCalls(from)).sort()).toEqual([waiting.items[0]!.signal.id, next.items[0]!.signal.id].sort());
    expect(await caseOf(waiting.items[0]!.signal.id)).toBe(sdv.cases.bySignal.get(waiting.items[0]!.signal.id));
  });

  it("forwardings whose case swt could not open get it from the scheduled job once swt is back, asked in the name of their municipality's SDV; a second run opens nothing twice", async () => {
    sdv.peers.swt.failing = /openCasesForReferrals/;
    const answer = await submit(
      [
        tenant("job-haarlem", { corporationId: "pre-wonen", arrears: above }),
        tenant("job-zandvoort", { corporationId: "pre-wonen", arrears: below, postcode: "2041 EF", municipalityCode: "0473" }),
      ],
      identities.preWonen,
    );
    // Pre Wonen's forwardings still waiting from an earlier test count as well.
    expect(answer.casesPending).toBeGreaterThanOrEqual(2);
    const signalIds = answer.items.map((item) => item.signal.id);

    // Still down: the run asks, fails, and the forwardings keep waiting.
    const whileDown = await sdv.runJob("case-opening");
    expect(whileDown).toMatchObject({ opened: 0 });
    expect(whileDown.pending).toBeGreaterThanOrEqual(2);
    for (const signalId of signalIds) expect(await caseOf(signalId)).toBeNull();

    sdv.peers.swt.failing = null;
    const from = sdv.peers.swt.calls.length;
    const run = await sdv.runJob("case-opening");
    expect(run).toMatchObject({ pending: 0 });
    expect(run.opened).toBeGreaterThanOrEqual(2);
    const calls = openCalls(from);
    expect(sentIds(calls)).toEqual(expect.arrayContaining(signalIds));
    for (const call of calls) {
      expect(call).toMatchObject({ role: "SDV" });
      expect(call.orgs).toHaveLength(1);
      for (const referral of call.variables.referrals as ReferralForCase[]) expect(referral.municipalityCode).toBe(call.orgs[0]);
    }
    for (const signalId of signalIds) expect(await caseOf(signalId)).toBe(sdv.cases.bySignal.get(signalId));

    const again = sdv.peers.swt.calls.length;
    expect(await sdv.runJob("case-opening")).toEqual({ municipalities: 0, sent: 0, opened: 0, pending: 0 });
    expect(openCalls(again)).toEqual([]);
    for (const signalId of signalIds) expect(await caseOf(signalId)).toBe(sdv.cases.bySignal.get(signalId));
  });

  it("another corporation's waiting forwardings are not sent with this corporation's batch", async () => {
    sdv.peers.swt.failing = /openCasesForReferrals/;
    const facts = [tenant("scope-elan")];
    const elan = await submit(facts);
    const signalId = elan.items[0]!.signal.id;
    expect(elan.casesPending).toBeGreaterThanOrEqual(1);
    sdv.peers.swt.failing = null;
    const from = sdv.peers.swt.calls.length;
    await submit([tenant("scope-pre", { corporationId: "pre-wonen" })], identities.preWonen);
    expect(sentIds(openCalls(from))).not.toContain(signalId);
    expect(await caseOf(signalId)).toBeNull();
    // Elan's next batch brings it its case; sending the same batch again will do.
    const retry = await submit(facts);
    expect(retry).toMatchObject({ alreadyReceived: 1, casesPending: 0 });
    expect(await caseOf(signalId)).toBe(sdv.cases.bySignal.get(signalId));
  });

  it("a retried batch opens nothing twice: the signals are already received and keep the case they have", async () => {
    const facts = [tenant("retry-1"), tenant("retry-2")];
    const first = await submit(facts);
    const cases = new Set(sdv.cases.bySignal.values()).size;
    const from = sdv.peers.swt.calls.length;
    const again = await submit(facts);
    expect(again).toMatchObject({ accepted: 0, alreadyReceived: 2, casesPending: 0 });
    const sent = sentIds(openCalls(from));
    for (const item of first.items) expect(sent).not.toContain(item.signal.id);
    expect(new Set(sdv.cases.bySignal.values()).size).toBe(cases);
    for (const item of first.items) expect(await caseOf(item.signal.id)).toBe(sdv.cases.bySignal.get(item.signal.id));
  });

  it("a batch sent again after a failed case opening asks again, and swt answers the same case for a signal asked twice", async () => {
    const facts = [tenant("twice")];
    const first = await submit(facts);
    const signalId = first.items[0]!.signal.id;
    const caseId = await caseOf(signalId);
    // As if the answer had been lost: the forwarding is pending again.
    await sdv.db.query(`update referral set case_id = null where signal_id = $1`, [signalId]);
    const from = sdv.peers.swt.calls.length;
    const again = await submit(facts);
    expect(again).toMatchObject({ alreadyReceived: 1, casesPending: 0 });
    expect(sentIds(openCalls(from))).toContain(signalId);
    expect(await caseOf(signalId)).toBe(caseId);
  });

  it("an SDV's override that moves a signal to the budget coach asks, in the SDV's name, for the case there", async () => {
    const answer = await submit([tenant("moved", { arrears: above })]);
    const signalId = answer.items[0]!.signal.id;
    const from = sdv.peers.swt.calls.length;
    const result = await sdv.query(identities.sdvHaarlem, OVERRIDE, { signalId, level: "IV", reason: "Arrears paid off in part; the budget coach takes it." });
    expect(result.errors).toBeUndefined();
    expect(result.data!.overridePriority.forwardingChange).toEqual({ changed: true, toTarget: "BUDGET_COACH" });
    const [call] = openCalls(from);
    expect(call).toMatchObject({ role: "SDV", orgs: identities.sdvHaarlem.orgs });
    expect((call!.variables.referrals as ReferralForCase[]).find((r) => r.signalId === signalId)).toMatchObject({ teamId: "budget-coach" });
  });

  it("setting a routing area forwards the waiting signals and asks for their cases, in the SDV's name", async () => {
    const waiting = await submit([tenant("area-wait", { postcode: "2018 XY", arrears: above })]);
    const waitingId = waiting.items[0]!.signal.id;
    expect(await caseOf(waitingId)).toBeNull();
    const from = sdv.peers.swt.calls.length;
    const set = await sdv.query(identities.sdvHaarlem, SET_AREA, { postcodeArea: "2018", teamId: "haarlem-centrum" });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setRoutingArea.forwardedWaitingSignals).toBe(1);
    const [call] = openCalls(from);
    expect(call).toMatchObject({ role: "SDV" });
    expect((call!.variables.referrals as ReferralForCase[]).find((r) => r.signalId === waitingId)).toMatchObject({ teamId: "haarlem-centrum" });
    expect(await caseOf(waitingId)).toBe(sdv.cases.bySignal.get(waitingId));
  });

  it("the coordinator's routing change forwards the waiting signals and asks for their cases, in the coordinator's name", async () => {
    const waiting = await submit([tenant("coordinator", { postcode: "2017 XY", arrears: above })]);
    const signalId = waiting.items[0]!.signal.id;
    const from = sdv.peers.swt.calls.length;
    const set = await sdv.query(identities.coordinator, SET_AREA, { postcodeArea: "2017", teamId: "haarlem-centrum" });
    expect(set.data!.setRoutingArea.forwardedWaitingSignals).toBe(1);
    const [call] = openCalls(from);
    expect(call).toMatchObject({ role: "COORDINATOR" });
    expect((call!.variables.referrals as ReferralForCase[]).find((r) => r.signalId === signalId)).toMatchObject({ teamId: "haarlem-centrum" });
    expect(await caseOf(signalId)).toBe(sdv.cases.bySignal.get(signalId));
  });
});
