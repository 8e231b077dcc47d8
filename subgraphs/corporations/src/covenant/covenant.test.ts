import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { today } from "../validation.js";

const COVENANT = `query($on: Date) {
  covenant(on: $on) {
    asOf startsOn currentTerm { number startsOn endsOn } nextRenewalOn lastDayForNotice noticeStillPossible
    evaluations { kind on } phase { code startsOn endsOn } phases { code startsOn endsOn description }
  }
}`;

describe("the covenant's calendar (Art. 6.1-6.3) in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it("every partner role reads the same calendar", async () => {
    const answers = [];
    for (const identity of Object.values(identities)) {
      const result = await subgraph.query(identity, COVENANT, { on: "2026-11-27" });
      expect(result.errors, identity.role).toBeUndefined();
      answers.push(result.data?.covenant);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({
      asOf: "2026-11-27",
      startsOn: "2021-04-01",
      currentTerm: { number: 6, startsOn: "2026-04-01", endsOn: "2027-03-31" },
      nextRenewalOn: "2027-04-01",
      lastDayForNotice: "2027-01-01",
      noticeStillPossible: true,
      evaluations: [
        { kind: "MID_TERM", on: "2026-10-01" },
        { kind: "BEFORE_NOTICE_DEADLINE", on: "2026-12-01" },
      ],
      phase: { code: "II", startsOn: "2021-07-01", endsOn: null },
      phases: [expect.objectContaining({ code: "I", startsOn: "2021-04-01", endsOn: "2021-06-30" }), expect.objectContaining({ code: "II", startsOn: "2021-07-01", endsOn: null })],
    });
  });

  it("without a day it answers for today in the Netherlands", async () => {
    const result = await subgraph.query(identities.swtSchalkwijk, COVENANT);
    expect(result.errors).toBeUndefined();
    expect(result.data?.covenant.asOf).toBe(today());
  });

  it("on a day of phase I it says so", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, COVENANT, { on: "2021-06-30" });
    expect(result.data?.covenant).toMatchObject({ phase: { code: "I" }, currentTerm: { number: 1 }, lastDayForNotice: "2022-01-01" });
  });

  it("a day before the covenant started is refused with BAD_USER_INPUT naming the start", async () => {
    const result = await subgraph.query(identities.analyst, COVENANT, { on: "2021-03-31" });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "on" });
    expect(result.errors?.[0]?.message).toMatch(/on or after it/);
    expect(result.errors?.[0]?.message).toMatch(/2021-04-01/);
  });
});
