import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import type { Identity } from "../../../shared/src/identity.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { openCases, openTestCase, swtWorkerOf, testReferral, zandvoortCoach } from "../testing.js";
import { startSwtWithSdvPeer } from "./closure-peer.fixture.js";

const TAKE = `mutation($id: ID!) { takeCaseIntoTreatment(caseId: $id) { id status } }`;
const CLOSE = `mutation($id: ID!, $outcome: CaseOutcome!, $closedOn: Date) {
  closeCase(caseId: $id, outcome: $outcome, closedOn: $closedOn) { id status closedOn outcome }
}`;

/** Every casework mutation, each asked of one case id. */
const WRITES: [name: string, query: string, variables: Record<string, unknown>][] = [
  ["takeCaseIntoTreatment", TAKE, {}],
  ["closeCase", CLOSE, { outcome: "DECEASED" }],
  [
    "recordContactAttempt",
    `mutation($id: ID!, $on: Date!) { recordContactAttempt(caseId: $id, attempt: { kind: TELEFOON, reached: false, on: $on, partOfDay: MORNING }) { id } }`,
    { on: todayInNetherlands() },
  ],
  ["addCaseNote", `mutation($id: ID!) { addCaseNote(caseId: $id, note: { text: "Gebeld." }) { id } }`, {}],
  ["giveFeedback", `mutation($id: ID!) { giveFeedback(caseId: $id, feedback: { contactMade: false, takenIntoTreatment: false, collectionCanBeSuspended: false }) { id } }`, {}],
];

describe("casework: taking a case into treatment and closing it", () => {
  let graph: Awaited<ReturnType<typeof startSwtWithSdvPeer>>;
  const today = todayInNetherlands();
  const worker = identities.swtSchalkwijk;

  beforeAll(async () => {
    graph = await startSwtWithSdvPeer();
  });
  afterAll(() => graph?.stop());
  beforeEach(() => {
    graph.sdv.calls.length = 0;
    graph.sdv.down = false;
  });

  const close = (identity: Identity, id: string, outcome: string, closedOn?: string) => graph.query(identity, CLOSE, { id, outcome, closedOn });
  const reportedOn = async (id: string): Promise<string | null> => (await graph.db.query(`select closure_reported_on::text as d from "case" where id = $1`, [id]))[0].d;

  it("an SWT worker takes an open case of its team into treatment, and doing it again changes nothing", async () => {
    const { caseId } = await openTestCase(graph);
    for (let i = 0; i < 2; i++) {
      const result = await graph.query(worker, TAKE, { id: caseId });
      expect(result.errors).toBeUndefined();
      expect(result.data!.takeCaseIntoTreatment).toEqual({ id: caseId, status: "IN_TREATMENT" });
    }
  });

  it("a closed case cannot be taken into treatment", async () => {
    const { caseId } = await openTestCase(graph);
    expect((await close(worker, caseId, "NO_CONTACT_POSSIBLE")).errors).toBeUndefined();
    const result = await graph.query(worker, TAKE, { id: caseId });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["CASE_CLOSED"]);
  });

  it("closing a case sets its outcome and closes it today by default; the same close again answers the case", async () => {
    const { caseId } = await openTestCase(graph, { forwardedOn: addDays(today, -20) });
    const first = await close(worker, caseId, "FOLLOW_UP_HELP_OR_REFERRAL");
    expect(first.errors).toBeUndefined();
    expect(first.data!.closeCase).toEqual({ id: caseId, status: "CLOSED", closedOn: today, outcome: "FOLLOW_UP_HELP_OR_REFERRAL" });
    for (const closedOn of [undefined, today]) {
      const again = await close(worker, caseId, "FOLLOW_UP_HELP_OR_REFERRAL", closedOn);
      expect(again.errors).toBeUndefined();
      expect(again.data!.closeCase).toEqual(first.data!.closeCase);
    }
  });

  it("closing a closed case with another outcome or day is refused with CASE_ALREADY_CLOSED", async () => {
    const { caseId } = await openTestCase(graph, { forwardedOn: addDays(today, -20) });
    expect((await close(worker, caseId, "DECEASED", addDays(today, -1))).errors).toBeUndefined();
    for (const [outcome, closedOn] of [
      ["NOT_A_RESIDENT", undefined],
      ["DECEASED", today],
    ] as const) {
      const result = await close(worker, caseId, outcome, closedOn);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["CASE_ALREADY_CLOSED"]);
      expect(result.errors?.[0]?.message).toMatch(/already closed on .* with outcome DECEASED/);
    }
  });

  it("a closing day before the case opened or in the future is refused, and the case stays as it was", async () => {
    const { caseId } = await openTestCase(graph, { forwardedOn: addDays(today, -10) });
    for (const closedOn of [addDays(today, -11), addDays(today, 1)]) {
      const result = await close(worker, caseId, "DECEASED", closedOn);
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([["BAD_USER_INPUT", "closedOn"]]);
    }
    const [row] = await graph.db.query(`select status from "case" where id = $1`, [caseId]);
    expect(row.status).toBe("OPEN");
  });

  it("a close tells sdv, with the worker's identity, which signals closed on which day, and counts as reported", async () => {
    const first = testReferral({ forwardedOn: addDays(today, -30) });
    const second = testReferral({ tenantId: first.tenantId, forwardedOn: addDays(today, -3) });
    const [{ caseId }] = await openCases(graph, [first, second]);
    expect((await close(worker, caseId, "ARRANGES_IT_THEMSELVES", addDays(today, -1))).errors).toBeUndefined();
    expect(graph.sdv.calls).toEqual([
      {
        closures: [{ signalIds: [first.signalId, second.signalId], closedOn: addDays(today, -1) }],
        audience: "sdv",
        role: "SWT",
        sub: worker.sub,
        team: worker.team,
      },
    ]);
    expect(await reportedOn(caseId)).toBe(today);
    // Closing again answers the case without telling sdv twice.
    await close(worker, caseId, "ARRANGES_IT_THEMSELVES");
    expect(graph.sdv.calls).toHaveLength(1);
  });

  it("when sdv is down the close stands, and the team's next close sends the closure again; another team's close does not", async () => {
    graph.sdv.down = true;
    const missed = await openTestCase(graph, { forwardedOn: addDays(today, -15) });
    const closed = await close(worker, missed.caseId, "NO_CONTACT_POSSIBLE");
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCase.status).toBe("CLOSED");
    expect(graph.sdv.calls).toHaveLength(1);
    expect(await reportedOn(missed.caseId)).toBeNull();

    graph.sdv.down = false;
    const elsewhere = await openTestCase(graph, { teamId: "zandvoort", municipalityCode: "0473" });
    expect((await close(swtWorkerOf("zandvoort"), elsewhere.caseId, "DECEASED")).errors).toBeUndefined();
    expect(graph.sdv.calls[1]!.closures.map((c) => c.signalIds)).toEqual([[elsewhere.referral.signalId]]);
    expect(await reportedOn(missed.caseId)).toBeNull();

    const next = await openTestCase(graph);
    expect((await close(worker, next.caseId, "DECEASED")).errors).toBeUndefined();
    // Both closed today: no order between them.
    expect(graph.sdv.calls[2]!.closures).toHaveLength(2);
    expect(graph.sdv.calls[2]!.closures).toEqual(
      expect.arrayContaining([
        { signalIds: [missed.referral.signalId], closedOn: today },
        { signalIds: [next.referral.signalId], closedOn: today },
      ]),
    );
    expect(await reportedOn(missed.caseId)).toBe(today);
    expect(await reportedOn(next.caseId)).toBe(today);
  });

  it("no other team, and no budget coach of another municipality, can write to a case: the answer is that of a case that does not exist", async () => {
    const { caseId } = await openTestCase(graph);
    const referral = await openTestCase(graph, { teamId: "budget-coach", municipalityCode: "0392" });
    const strangers: [Identity, string][] = [
      [swtWorkerOf("zandvoort"), caseId],
      [identities.budgetCoach, caseId],
      [{ sub: "no-team", role: "SWT", orgs: ["0392"] }, caseId],
      [worker, referral.caseId],
      [zandvoortCoach, referral.caseId],
    ];
    for (const [name, query, variables] of WRITES) {
      const missing = await graph.query(worker, query, { ...variables, id: "00000000-0000-4000-8000-000000000000" });
      expect(
        missing.errors?.map((e) => e.extensions?.code),
        name,
      ).toEqual(["CASE_NOT_FOUND"]);
      for (const [identity, id] of strangers) {
        const result = await graph.query(identity, query, { ...variables, id });
        expect(
          result.errors?.map((e) => [e.extensions?.code, e.message]),
          `${name} by ${identity.sub}`,
        ).toEqual([["CASE_NOT_FOUND", missing.errors![0]!.message.replace("00000000-0000-4000-8000-000000000000", id)]]);
      }
    }
    const counts = await graph.db.query(
      `select (select count(*) from contact_attempt where case_id = any($1))::int as attempts, (select count(*) from case_note where case_id = any($1))::int as notes,
              (select count(*) from feedback where case_id = any($1))::int as feedback, (select count(*) from "case" where id = any($1) and status <> 'OPEN')::int as changed`,
      [[caseId, referral.caseId]],
    );
    expect(counts).toEqual([{ attempts: 0, notes: 0, feedback: 0, changed: 0 }]);
  });

  it("the debt service, a corporation, an analyst and the coordinator are refused every casework write", async () => {
    const { caseId } = await openTestCase(graph);
    for (const identity of [identities.sdvHaarlem, identities.elanWonen, identities.analyst, identities.coordinator]) {
      for (const [name, query, variables] of WRITES) {
        const result = await graph.query(identity, query, { ...variables, id: caseId });
        expect(
          result.errors?.map((e) => e.extensions?.code),
          `${name} by ${identity.role}`,
        ).toEqual(["FORBIDDEN"]);
      }
    }
  });

  it("the budget coach works on its own referrals", async () => {
    const { caseId } = await openTestCase(graph, { teamId: "budget-coach", municipalityCode: "0473" });
    for (const identity of [identities.budgetCoach, zandvoortCoach]) {
      const result = await graph.query(identity, TAKE, { id: caseId });
      expect(result.errors).toBeUndefined();
    }
    expect((await close(zandvoortCoach, caseId, "BUDGET_ADVICE_OR_QUICK_FIX")).errors).toBeUndefined();
    expect(graph.sdv.calls.at(-1)).toMatchObject({ role: "BUDGET_COACH", sub: zandvoortCoach.sub });
  });
});
