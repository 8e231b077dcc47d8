import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { swtSubgraph } from "../index.js";
import { openTestCase } from "../testing.js";

const RECORD = `mutation($caseId: ID!, $attempt: ContactAttemptInput!) {
  recordContactAttempt(caseId: $caseId, attempt: $attempt) { id kind reached on partOfDay }
}`;
const ATTEMPTS = `query($id: ID!) { case(id: $id) { contactAttempts { id kind reached on partOfDay } } }`;

describe("recording contact attempts (contactpogingen)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const today = todayInNetherlands();
  const worker = identities.swtSchalkwijk;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const record = (caseId: string, attempt: Record<string, unknown>) => subgraph.query(worker, RECORD, { caseId, attempt });
  const count = async (caseId: string) => (await subgraph.db.query(`select count(*)::int as n from contact_attempt where case_id = $1`, [caseId]))[0].n as number;

  it("an SWT worker records an attempt on its team's case, and the case lists it", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -5) });
    const attempt = { kind: "HUISBEZOEK", reached: true, on: addDays(today, -1), partOfDay: "EVENING" };
    const result = await record(caseId, attempt);
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordContactAttempt).toMatchObject(attempt);
    const listed = await subgraph.query(worker, ATTEMPTS, { id: caseId });
    expect(listed.data!.case.contactAttempts).toEqual([result.data!.recordContactAttempt]);
  });

  it("recording the same attempt again, also twice at once, answers the attempt recorded and adds none", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -5) });
    const attempt = { kind: "TELEFOON", reached: false, on: addDays(today, -2), partOfDay: "MORNING" };
    const answers = await Promise.all([record(caseId, attempt), record(caseId, attempt), record(caseId, attempt)]);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined]);
    expect(new Set(answers.map((a) => a.data!.recordContactAttempt.id)).size).toBe(1);
    expect(await count(caseId)).toBe(1);

    // Another kind, or another part of the same day, is another attempt.
    await record(caseId, { ...attempt, kind: "BRIEF" });
    await record(caseId, { ...attempt, partOfDay: "AFTERNOON" });
    expect(await count(caseId)).toBe(3);
  });

  it("an attempt recorded before that says otherwise about reaching the household is refused, not overwritten", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -5) });
    const attempt = { kind: "TELEFOON", reached: false, on: addDays(today, -2), partOfDay: "MORNING" };
    await record(caseId, attempt);
    const result = await record(caseId, { ...attempt, reached: true });
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["CONTACT_ATTEMPT_ALREADY_RECORDED", "attempt.reached"]]);
    const [row] = await subgraph.db.query(`select reached from contact_attempt where case_id = $1`, [caseId]);
    expect(row.reached).toBe(false);
  });

  it("an attempt in the future or before the case was opened is refused, naming the field", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, -5) });
    for (const on of [addDays(today, 1), addDays(today, -6)]) {
      const result = await record(caseId, { kind: "MAIL", reached: false, on, partOfDay: "AFTERNOON" });
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "attempt.on"]]);
    }
    const opening = await record(caseId, { kind: "MAIL", reached: false, on: addDays(today, -5), partOfDay: "AFTERNOON" });
    expect(opening.errors).toBeUndefined();
    expect(await count(caseId)).toBe(1);
  });

  it("a case forwarded for the next working day (a signal forwarded at the weekend) takes attempts from the day it reached the team", async () => {
    const { caseId } = await openTestCase(subgraph, { forwardedOn: addDays(today, 2) });
    expect((await record(caseId, { kind: "BRIEF", reached: false, on: today, partOfDay: "MORNING" })).errors).toBeUndefined();
    const before = await record(caseId, { kind: "BRIEF", reached: false, on: addDays(today, -1), partOfDay: "MORNING" });
    expect(before.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "attempt.on"]]);
    expect(before.errors?.[0]?.message).toMatch(new RegExp(`before the case reached the team \\(${today}\\)`));
  });

  it("an unknown contact kind is refused by the schema", async () => {
    const { caseId } = await openTestCase(subgraph);
    const result = await record(caseId, { kind: "FAX", reached: false, on: today, partOfDay: "MORNING" });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
