import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import type { Identity } from "../../../shared/src/identity.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { swtSubgraph } from "../index.js";
import { OPEN_CASES, openCases, swtWorkerOf, testReferral } from "../testing.js";

const CASE = `query($id: ID!) { case(id: $id) { id status openedOn forwardedOn feedbackPhase feedbackDueOn team { id } tenant { id } signals { id } } }`;

describe("opening cases for the signals sdv forwards", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const today = todayInNetherlands();

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const rows = async (table: string, where = "true", params: unknown[] = []) =>
    (await subgraph.db.query(`select count(*)::int as count from "${table}" where ${where}`, params))[0].count as number;
  const casesOfTenant = (tenantId: string) => rows("case", "tenant_id = $1", [tenantId]);

  async function read(teamId: string, id: string) {
    const result = await subgraph.query(swtWorkerOf(teamId), CASE, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  }

  it("a forwarded signal of a household without a case opens an OPEN case for the team, opened on the day of forwarding, with the phase and the due day", async () => {
    const referral = testReferral({ forwardedOn: "2026-11-06", phase: "BAILIFF", teamId: "haarlem-oost" });
    const [opened] = await openCases(subgraph, [referral], identities.elanWonen);
    expect(opened).toMatchObject({ signalId: referral.signalId, joinedExisting: false });
    expect(await read("haarlem-oost", opened!.caseId)).toEqual({
      id: opened!.caseId,
      status: "OPEN",
      openedOn: "2026-11-06",
      forwardedOn: "2026-11-06",
      feedbackPhase: "BAILIFF",
      feedbackDueOn: "2026-11-13",
      team: { id: "haarlem-oost" },
      tenant: { id: referral.tenantId },
      signals: [{ id: referral.signalId }],
    });
    const [row] = await subgraph.db.query(`select corporation_id, municipality_code from "case" where id = $1`, [opened!.caseId]);
    expect(row).toEqual({ corporation_id: "elan-wonen", municipality_code: "0392" });
  });

  it("sending the same referrals again answers the same cases and adds nothing", async () => {
    const first = testReferral();
    const second = testReferral({ tenantId: first.tenantId, forwardedOn: addDays(today, 1) });
    const answer = await openCases(subgraph, [first, second]);
    const before = [await rows("case"), await rows("case_signal")];
    expect(await openCases(subgraph, [first, second])).toEqual(answer);
    expect(await openCases(subgraph, [second])).toEqual([answer[1]]);
    expect([await rows("case"), await rows("case_signal")]).toEqual(before);
    expect(answer.map((a) => a.joinedExisting)).toEqual([false, true]);
    expect(answer[0]!.caseId).toBe(answer[1]!.caseId);
  });

  it("a later signal of a household joins its open case at the next position, whichever team it was routed to", async () => {
    const first = testReferral({ teamId: "haarlem-centrum" });
    const [opened] = await openCases(subgraph, [first]);
    const later = testReferral({ tenantId: first.tenantId, teamId: "budget-coach", forwardedOn: addDays(today, 2), phase: "COLLECTION" });
    const [joined] = await openCases(subgraph, [later]);
    expect(joined).toEqual({ signalId: later.signalId, caseId: opened!.caseId, joinedExisting: true });
    const kase = await read("haarlem-centrum", opened!.caseId);
    expect(kase.signals).toEqual([{ id: first.signalId }, { id: later.signalId }]);
    // The case keeps the term of the signal that opened it.
    expect(kase).toMatchObject({ forwardedOn: first.forwardedOn, feedbackPhase: "ARREARS", team: { id: "haarlem-centrum" } });
    expect(await casesOfTenant(first.tenantId)).toBe(1);
  });

  it("a signal of a household whose case is closed opens a new case", async () => {
    const first = testReferral();
    const [opened] = await openCases(subgraph, [first]);
    const closed = await subgraph.query(identities.swtSchalkwijk, `mutation($id: ID!) { closeCase(caseId: $id, outcome: ALREADY_PAID_OR_ARRANGED) { status } }`, {
      id: opened!.caseId,
    });
    expect(closed.errors).toBeUndefined();
    const [next] = await openCases(subgraph, [testReferral({ tenantId: first.tenantId })]);
    expect(next!.caseId).not.toBe(opened!.caseId);
    expect(next!.joinedExisting).toBe(false);
    expect(await casesOfTenant(first.tenantId)).toBe(2);
  });

  it("several signals of one household in one call make one case, opened by the earliest forwarding", async () => {
    const tenantId = testReferral().tenantId;
    const late = testReferral({ tenantId, forwardedOn: "2026-10-20", phase: "COLLECTION" });
    const early = testReferral({ tenantId, forwardedOn: "2026-10-13", phase: "ARREARS" });
    const answer = await openCases(subgraph, [late, early]);
    expect(answer.map((a) => a.signalId)).toEqual([late.signalId, early.signalId]);
    expect(new Set(answer.map((a) => a.caseId)).size).toBe(1);
    expect(answer.map((a) => a.joinedExisting)).toEqual([true, false]);
    const kase = await read("haarlem-schalkwijk", answer[0]!.caseId);
    expect(kase).toMatchObject({ openedOn: "2026-10-13", feedbackPhase: "ARREARS", feedbackDueOn: "2026-10-27" });
    expect(kase.signals).toEqual([{ id: early.signalId }, { id: late.signalId }]);
  });

  it("calls at the same moment for the same households open one case per household between them", async () => {
    const tenants = Array.from({ length: 5 }, () => testReferral().tenantId);
    const calls = Array.from({ length: 16 }, (_, k) => tenants.map((tenantId) => testReferral({ tenantId, teamId: k % 2 ? "haarlem-noord" : "budget-coach" })));
    const answers = await Promise.all(calls.map((referrals, k) => openCases(subgraph, referrals, k % 3 ? identities.sdvHaarlem : identities.elanWonen)));
    for (const [t, tenantId] of tenants.entries()) {
      expect(await casesOfTenant(tenantId)).toBe(1);
      const caseIds = new Set(answers.map((answer) => answer[t]!.caseId));
      expect(caseIds.size).toBe(1);
      const positions: { position: number }[] = await subgraph.db.query(`select position from case_signal where case_id = $1 order by position`, [[...caseIds][0]]);
      expect(positions.map((p) => p.position)).toEqual(calls.map((_, i) => i + 1));
    }
  });

  it("a corporation opens cases for its own signals only, the SDV and the coordinator for the municipalities they serve only, and nobody else at all", async () => {
    const refuse = async (identity: Identity, referral = testReferral()) => {
      const result = await subgraph.query(identity, OPEN_CASES, { referrals: [referral] });
      expect(
        result.errors?.map((e) => e.extensions?.code),
        identity.role,
      ).toEqual(["FORBIDDEN"]);
      expect(await rows("case_signal", "signal_id = $1", [referral.signalId])).toBe(0);
    };
    await refuse(identities.ymere);
    await refuse({ sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] });
    await refuse({ sub: "coordinator-zandvoort", role: "COORDINATOR", orgs: ["0473"] });
    for (const identity of [identities.swtSchalkwijk, identities.budgetCoach, identities.analyst]) await refuse(identity);
    const own = testReferral({ corporationId: "ymere" });
    expect(await openCases(subgraph, [own], identities.ymere)).toHaveLength(1);
    expect(await openCases(subgraph, [testReferral()], identities.coordinator)).toHaveLength(1);
  });

  it("a referral to an unknown team, or with a malformed id, is refused naming the item and the field", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, OPEN_CASES, { referrals: [testReferral(), testReferral({ teamId: "haarlem-west" })] });
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "referrals[1].teamId"]]);
    const malformed = await subgraph.query(identities.sdvHaarlem, OPEN_CASES, { referrals: [testReferral({ tenantId: "T-1" })] });
    expect(malformed.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "referrals[0].tenantId"]]);
  });

  it("opening 1 case and 2,000 cases take the same number of SQL statements", async () => {
    const count = async (n: number) => {
      // Half of them join the open case of a household opened before.
      const households = Array.from({ length: n }, () => testReferral());
      await openCases(
        subgraph,
        households.filter((_, i) => i % 2 === 1),
      );
      const before = subgraph.statements();
      const answer = await openCases(
        subgraph,
        households.map((h) => testReferral({ tenantId: h.tenantId })),
      );
      expect(answer).toHaveLength(n);
      return subgraph.statements() - before;
    };
    expect(await count(2_000)).toBe(await count(2));
  });

  it("the open cases are hidden from the public graph", async () => {
    const { createSchema } = await import("../schema.js");
    const { sdl } = await createSchema();
    expect(sdl).toMatch(/openCasesForReferrals\(referrals: \[ReferralInput!\]!\): \[OpenedCase!\]! @inaccessible/);
    expect(sdl).toMatch(/input ReferralInput @inaccessible/);
    expect(sdl).toMatch(/type OpenedCase @inaccessible/);
  });
});
