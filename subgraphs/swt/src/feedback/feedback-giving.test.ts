import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import type { Identity } from "../../../shared/src/identity.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { swtSubgraph } from "../index.js";
import { openTestCase } from "../testing.js";

const GIVE = `mutation($caseId: ID!, $feedback: FeedbackInput!) {
  giveFeedback(caseId: $caseId, feedback: $feedback) {
    id givenOn contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn arrearsArrangement notTakenUpForOtherReason reasonNotTakenUp
  }
}`;
const TENANT_FEEDBACK = (fields: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { feedback { ${fields} } } } }`;

const TAKEN_UP = {
  contactMade: true,
  takenIntoTreatment: true,
  collectionCanBeSuspended: true,
  paymentsResumeOn: "2026-12-01",
  arrearsArrangement: "Betalingsregeling van 50 euro per maand",
};
const NOT_TAKEN_UP = {
  contactMade: true,
  takenIntoTreatment: false,
  collectionCanBeSuspended: false,
  notTakenUpForOtherReason: true,
  reasonNotTakenUp: "Huishouden heeft al een bewindvoerder.",
};

describe("giving feedback to the corporation (Art. 5.5)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const today = todayInNetherlands();
  const worker = identities.swtSchalkwijk;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const give = (caseId: string, feedback: Record<string, unknown>, identity: Identity = worker) => subgraph.query(identity, GIVE, { caseId, feedback });
  const feedbackRows = async (caseId: string) => (await subgraph.db.query(`select count(*)::int as n from feedback where case_id = $1`, [caseId]))[0].n as number;
  const status = async (caseId: string) => (await subgraph.db.query(`select status from "case" where id = $1`, [caseId]))[0].status as string;

  it("a worker gives feedback, given today by default; taken into treatment, the case moves into treatment", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -3) });
    const result = await give(caseId, TAKEN_UP);
    expect(result.errors).toBeUndefined();
    expect(result.data!.giveFeedback).toMatchObject({ ...TAKEN_UP, givenOn: today, notTakenUpForOtherReason: false, reasonNotTakenUp: null });
    expect(await status(caseId)).toBe("IN_TREATMENT");
  });

  it("the same feedback sent again, also at once, answers the stored feedback; other feedback is refused as final", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -8) });
    const feedback = { ...TAKEN_UP, givenOn: addDays(today, -1) };
    const answers = await Promise.all([give(caseId, feedback), give(caseId, feedback)]);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(answers[0]!.data).toEqual(answers[1]!.data);
    const { givenOn: _omitted, ...withoutDay } = feedback;
    expect((await give(caseId, withoutDay)).data).toEqual(answers[0]!.data);
    expect(await feedbackRows(caseId)).toBe(1);

    for (const changed of [
      { ...feedback, collectionCanBeSuspended: false },
      { ...feedback, givenOn: addDays(today, -2) },
      { ...feedback, arrearsArrangement: "Anders" },
    ]) {
      const result = await give(caseId, changed);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FEEDBACK_ALREADY_GIVEN"]);
      expect(result.errors?.[0]?.message).toMatch(/final once given/);
    }
  });

  it("with 'not taken up for another reason', anything that hints why is refused, naming the fields", async () => {
    const { caseId } = await openTestCase(subgraph);
    for (const [hint, field] of [
      [{ takenIntoTreatment: true }, "feedback.takenIntoTreatment"],
      [{ collectionCanBeSuspended: true }, "feedback.collectionCanBeSuspended"],
      [{ paymentsResumeOn: today }, "feedback.paymentsResumeOn"],
      [{ arrearsArrangement: "Regeling bij de bewindvoerder" }, "feedback.arrearsArrangement"],
    ] as const) {
      const result = await give(caseId, { ...NOT_TAKEN_UP, ...hint });
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", field]]);
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`${field.replace(".", "\\.")} must be .*only that the signal was not taken up, nothing that hints why`));
    }
    const both = await give(caseId, { ...NOT_TAKEN_UP, collectionCanBeSuspended: true, paymentsResumeOn: today });
    expect(both.errors?.[0]?.message).toMatch(/collectionCanBeSuspended must be false and feedback\.paymentsResumeOn must be left out/);
    expect(await feedbackRows(caseId)).toBe(0);
  });

  it("the reason is required with 'not taken up for another reason' and refused without it", async () => {
    const { caseId } = await openTestCase(subgraph);
    const { reasonNotTakenUp: _reason, ...withoutReason } = NOT_TAKEN_UP;
    for (const feedback of [withoutReason, { ...NOT_TAKEN_UP, reasonNotTakenUp: "  " }, { ...TAKEN_UP, reasonNotTakenUp: "Wil geen hulp." }]) {
      const result = await give(caseId, feedback);
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "feedback.reasonNotTakenUp"]]);
    }
    expect(await feedbackRows(caseId)).toBe(0);
  });

  it("feedback given before the signal was forwarded, or in the future, is refused", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -4) });
    for (const givenOn of [addDays(today, -5), addDays(today, 1)]) {
      const result = await give(caseId, { ...TAKEN_UP, givenOn });
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "feedback.givenOn"]]);
    }
    expect((await give(caseId, { ...TAKEN_UP, givenOn: addDays(today, -4) })).errors).toBeUndefined();
  });

  it("feedback on a case forwarded for the next working day (a signal forwarded at the weekend) can be given from the day it reached the team, and is on time", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, 2) });
    expect((await give(caseId, { ...TAKEN_UP, givenOn: addDays(today, -1) })).errors?.[0]?.extensions?.field).toBe("feedback.givenOn");
    const given = await give(caseId, TAKEN_UP);
    expect(given.errors).toBeUndefined();
    const read = await subgraph.query(worker, `query($id: ID!) { case(id: $id) { feedbackOnTime feedbackOverdue } }`, { id: caseId });
    expect(read.data!.case).toEqual({ feedbackOnTime: true, feedbackOverdue: false });
  });

  it("a corporation learns that its tenant was not taken up, never why, nor the case's outcome; the SDV does not read the reason either", async () => {
    const { caseId, referral } = await openTestCase(subgraph, { corporationId: "pre-wonen", forwardedOn: addDays(today, -6) });
    expect((await give(caseId, NOT_TAKEN_UP)).errors).toBeUndefined();
    const closed = await subgraph.query(worker, `mutation($id: ID!) { closeCase(caseId: $id, outcome: NOT_TAKEN_UP_OTHER_REASON) { outcome } }`, { id: caseId });
    expect(closed.errors).toBeUndefined();
    const r = [{ __typename: "Tenant", id: referral.tenantId }];

    const fact = await subgraph.query(identities.preWonen, TENANT_FEEDBACK("contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn notTakenUpForOtherReason"), {
      r,
    });
    expect(fact.errors).toBeUndefined();
    expect(fact.data!._entities[0].feedback).toEqual([
      { contactMade: true, takenIntoTreatment: false, collectionCanBeSuspended: false, paymentsResumeOn: null, notTakenUpForOtherReason: true },
    ]);
    // The arrangement in the team's own words is free text: never for the corporation (it reads structured entries).
    const words = await subgraph.query(identities.preWonen, TENANT_FEEDBACK("arrearsArrangement"), { r });
    expect(words.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "_entities.0.feedback.0.arrearsArrangement"]]);
    for (const identity of [identities.preWonen, identities.sdvHaarlem]) {
      const reason = await subgraph.query(identity, TENANT_FEEDBACK("notTakenUpForOtherReason reasonNotTakenUp"), { r });
      expect(
        reason.errors?.map((e) => [e.extensions?.code, e.path?.join(".")]),
        identity.role,
      ).toEqual([["FORBIDDEN", "_entities.0.feedback.0.reasonNotTakenUp"]]);
      expect(reason.data!._entities[0].feedback).toEqual([{ notTakenUpForOtherReason: true, reasonNotTakenUp: null }]);
    }
    const outcome = await subgraph.query(identities.preWonen, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { outcome } } }`, {
      r: [{ __typename: "Case", id: caseId }],
    });
    expect(JSON.stringify(outcome.data)).not.toMatch(/NOT_TAKEN_UP/);
    expect(outcome.data!._entities).toEqual([null]);
    const sdvOutcome = await subgraph.query(identities.sdvHaarlem, `query($id: ID!) { case(id: $id) { status outcome } }`, { id: caseId });
    expect(sdvOutcome.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "case.outcome"]]);
    expect(sdvOutcome.data!.case).toEqual({ status: "CLOSED", outcome: null });

    // The holding team reads the reason.
    const team = await subgraph.query(worker, TENANT_FEEDBACK("reasonNotTakenUp"), { r });
    expect(team.data!._entities[0].feedback).toEqual([{ reasonNotTakenUp: NOT_TAKEN_UP.reasonNotTakenUp }]);
  });

  it("the database itself refuses feedback that pairs 'not taken up' with a hint", async () => {
    const { caseId } = await openTestCase(subgraph);
    await expect(
      subgraph.db.query(
        `insert into feedback (case_id, given_on, contact_made, taken_into_treatment, collection_can_be_suspended, arrears_arrangement, not_taken_up_for_other_reason, reason_not_taken_up)
         values ($1, $2, true, false, false, 'Regeling', true, 'Reden')`,
        [caseId, today],
      ),
    ).rejects.toThrow(/feedback_not_taken_up_hints_check/);
  });

  it("the budget coach gives feedback on its referrals", async () => {
    const { caseId } = await openTestCase(subgraph, { teamId: "budget-coach", forwardedOn: addDays(today, -2) });
    const result = await give(caseId, { contactMade: false, takenIntoTreatment: false, collectionCanBeSuspended: false }, identities.budgetCoach);
    expect(result.errors).toBeUndefined();
    expect(await status(caseId)).toBe("OPEN");
  });
});
