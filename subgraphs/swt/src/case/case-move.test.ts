import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { feedbackDueOn, firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import type { Identity } from "../../../shared/src/identity.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { swtSubgraph } from "../index.js";
import { openCases, testReferral } from "../testing.js";
import { startSwtWithSdvPeer } from "./closure-peer.fixture.js";

const CASE = `query($id: ID!) { case(id: $id) { id status outcome forwardedOn feedbackDueOn team { id } signals { id } } }`;
const HAND_OVER = `mutation($caseId: ID!, $toTeamId: ID!, $reason: String!) {
  handOverCase(caseId: $caseId, toTeamId: $toTeamId, reason: $reason) { handedOverCase { id status outcome } toTeamId newCaseId forwardedOn reportedToSdv }
}`;
const worker = (team: string): Identity => ({ sub: `worker-${team}`, role: "SWT", orgs: ["0392"], team });

describe("moving a signal to another holder", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const read = async (identity: Identity, id: string) => (await subgraph.query(identity, CASE, { id })).data!.case;

  it("a signal forwarded anew leaves a case that holds another signal of the household: that case stays open, the signal opens a case at the new holder with its own term", async () => {
    const first = testReferral({ teamId: "haarlem-oost", forwardedOn: "2026-11-02" });
    const second = testReferral({ tenantId: first.tenantId, teamId: "haarlem-oost", forwardedOn: "2026-11-03" });
    const [a, b] = await openCases(subgraph, [first, second]);
    expect(a!.caseId).toBe(b!.caseId);

    const [moved] = await openCases(subgraph, [{ ...second, teamId: "budget-coach", forwardedOn: "2026-11-09", phase: "COLLECTION", move: true }]);
    expect(moved!.caseId).not.toBe(a!.caseId);
    expect(await read(identities.budgetCoach, moved!.caseId)).toEqual({
      id: moved!.caseId,
      status: "OPEN",
      outcome: null,
      forwardedOn: "2026-11-09",
      feedbackDueOn: feedbackDueOn("2026-11-09", "COLLECTION"),
      team: { id: "budget-coach" },
      signals: [{ id: second.signalId }],
    });
    expect(await read(worker("haarlem-oost"), a!.caseId)).toMatchObject({ status: "OPEN", outcome: null, signals: [{ id: first.signalId }] });
    const transfers = await subgraph.db.query(`select from_case_id, to_case_id, from_team_id, to_team_id, kind, transferred_by from case_transfer where signal_id = $1`, [
      second.signalId,
    ]);
    expect(transfers).toEqual([
      { from_case_id: a!.caseId, to_case_id: moved!.caseId, from_team_id: "haarlem-oost", to_team_id: "budget-coach", kind: "FORWARDING", transferred_by: "sdv-worker" },
    ]);
  });

  it("the same move sent several times at once makes one case at the new holder, and closes the old one once", async () => {
    const referral = testReferral({ teamId: "haarlem-noord" });
    const [opened] = await openCases(subgraph, [referral]);
    const move = { ...referral, teamId: "haarlem-centrum", move: true };
    const answers = await Promise.all([openCases(subgraph, [move]), openCases(subgraph, [move]), openCases(subgraph, [move])]);
    expect(new Set(answers.map(([answer]) => answer!.caseId)).size).toBe(1);
    const [{ n }] = await subgraph.db.query(`select count(*)::int as n from "case" where tenant_id = $1 and team_id = 'haarlem-centrum'`, [referral.tenantId]);
    expect(n).toBe(1);
    expect(await read(worker("haarlem-noord"), opened!.caseId)).toMatchObject({ status: "CLOSED", outcome: "TRANSFERRED", signals: [] });
    const [{ t }] = await subgraph.db.query(`select count(*)::int as t from case_transfer where signal_id = $1`, [referral.signalId]);
    expect(t).toBe(1);
    // A move flag for the team that holds the case already answers that case.
    expect((await openCases(subgraph, [move]))[0]!.caseId).toBe(answers[0]![0]!.caseId);
  });

  it("a team cannot close a case as TRANSFERRED by hand", async () => {
    const referral = testReferral({ teamId: "haarlem-zuidwest" });
    const [opened] = await openCases(subgraph, [referral]);
    const result = await subgraph.query(worker("haarlem-zuidwest"), `mutation($id: ID!) { closeCase(caseId: $id, outcome: TRANSFERRED) { id } }`, { id: opened!.caseId });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "outcome" });
  });
});

describe("a hand-over when sdv cannot be reached", () => {
  let swt: Awaited<ReturnType<typeof startSwtWithSdvPeer>>;
  beforeAll(async () => {
    swt = await startSwtWithSdvPeer();
  });
  afterAll(() => swt?.stop());

  it("stands, says sdv was not told, and is told with the team's next hand-over", async () => {
    const first = testReferral({ teamId: "haarlem-oost" });
    const second = testReferral({ teamId: "haarlem-oost" });
    const [a, b] = await openCases(swt, [first, second]);
    swt.sdv.down = true;
    const oost = worker("haarlem-oost");
    const handed = await swt.query(oost, HAND_OVER, { caseId: a!.caseId, toTeamId: "haarlem-noord", reason: "Moved house" });
    expect(handed.errors).toBeUndefined();
    const forwardedOn = firstWorkingDayFrom(todayInNetherlands());
    expect(handed.data!.handOverCase).toMatchObject({ handedOverCase: { status: "CLOSED", outcome: "TRANSFERRED" }, toTeamId: "haarlem-noord", forwardedOn, reportedToSdv: false });

    swt.sdv.down = false;
    const from = swt.sdv.calls.length;
    const next = await swt.query(oost, HAND_OVER, { caseId: b!.caseId, toTeamId: "budget-coach", reason: "Budget advice only" });
    expect(next.data!.handOverCase.reportedToSdv).toBe(true);
    const told = swt.sdv.calls.slice(from).flatMap((call) => call.handOvers ?? []);
    expect(told.map((h) => [h.signalIds, h.teamId, h.caseId, h.forwardedOn]).sort()).toEqual(
      [
        [[first.signalId], "haarlem-noord", handed.data!.handOverCase.newCaseId, forwardedOn],
        [[second.signalId], "budget-coach", next.data!.handOverCase.newCaseId, forwardedOn],
      ].sort(),
    );
    expect(swt.sdv.calls.slice(from).every((call) => call.role === "SWT" && call.team === "haarlem-oost")).toBe(true);
    // Told once: the next hand-over sends nothing old again.
    const [{ n }] = await swt.db.query(`select count(*)::int as n from case_transfer where reported_on is null`);
    expect(n).toBe(0);
  });
});

describe("the team a case opens at", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it("is a team of the signal's own municipality, or the budget coach: a Zandvoort signal never opens or moves a case at a Haarlem team", async () => {
    const zandvoortSdv: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };
    const open = `mutation($referrals: [ReferralInput!]!) { openCasesForReferrals(referrals: $referrals) { caseId } }`;
    for (const referral of [
      testReferral({ municipalityCode: "0473", teamId: "haarlem-centrum" }),
      testReferral({ municipalityCode: "0473", teamId: "haarlem-centrum", move: true }),
      testReferral({ municipalityCode: "0392", teamId: "zandvoort" }),
    ]) {
      const identity = referral.municipalityCode === "0473" ? zandvoortSdv : identities.sdvHaarlem;
      const result = await subgraph.query(identity, open, { referrals: [referral] });
      expect(result.errors?.[0]?.extensions, JSON.stringify(referral)).toMatchObject({ code: "BAD_USER_INPUT", field: "referrals[0].teamId" });
    }
    const moved = testReferral({ municipalityCode: "0473", teamId: "zandvoort" });
    await openCases(subgraph, [moved], zandvoortSdv);
    const result = await subgraph.query(zandvoortSdv, open, { referrals: [{ ...moved, teamId: "haarlem-oost", move: true }] });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const [{ n }] = await subgraph.db.query(`select count(*)::int as n from "case" where team_id like 'haarlem-%' and municipality_code = '0473'`);
    expect(n).toBe(0);
    // The budget coach serves both.
    expect((await openCases(subgraph, [testReferral({ municipalityCode: "0473", teamId: "budget-coach" })], zandvoortSdv))[0]!.caseId).toEqual(expect.any(String));
  });
});
