import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal } from "../signal/signal.fixture.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

const CLOSE = `mutation($closures: [CaseClosureInput!]!) { recordCaseClosures(closures: $closures) }`;

/** recordCaseClosures: how the swt subgraph tells sdv that a case was closed (swt → sdv). */
describe("case closures: the signals of a closed case become CLOSED with the day of closure", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const schalkwijk = () => insertSignal(subgraph.db, { status: "FORWARDED", forwardedTo: { target: "SWT", teamId: "haarlem-schalkwijk" } });
  const state = async (id: string) => (await subgraph.db.query(`select status, closed_on from signal where id = $1`, [id]))[0] as { status: string; closed_on: string | null };
  async function close(identity: Identity, closures: { signalIds: string[]; closedOn: string }[]) {
    return subgraph.query(identity, CLOSE, { closures });
  }

  it("an SWT team closes its case: its signals are CLOSED on that day, and the answer counts them", async () => {
    const [a, b] = [await schalkwijk(), await schalkwijk()];
    const result = await close(identities.swtSchalkwijk, [{ signalIds: [a.id, b.id], closedOn: "2026-10-15" }]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordCaseClosures).toBe(2);
    expect(await state(a.id)).toEqual({ status: "CLOSED", closed_on: "2026-10-15" });
    expect(await state(b.id)).toEqual({ status: "CLOSED", closed_on: "2026-10-15" });
  });

  it("the same closure again changes nothing and answers the same; a later closure moves the day on, an earlier one never back", async () => {
    const signal = await schalkwijk();
    const closures = [{ signalIds: [signal.id], closedOn: "2026-10-01" }];
    expect((await close(identities.swtSchalkwijk, closures)).data!.recordCaseClosures).toBe(1);
    expect((await close(identities.swtSchalkwijk, closures)).data!.recordCaseClosures).toBe(1);
    expect(await state(signal.id)).toEqual({ status: "CLOSED", closed_on: "2026-10-01" });
    await close(identities.swtSchalkwijk, [{ signalIds: [signal.id], closedOn: "2026-11-02" }]);
    expect(await state(signal.id)).toEqual({ status: "CLOSED", closed_on: "2026-11-02" });
    await close(identities.swtSchalkwijk, [{ signalIds: [signal.id], closedOn: "2026-09-01" }]);
    expect(await state(signal.id)).toEqual({ status: "CLOSED", closed_on: "2026-11-02" });
  });

  it("a team closes only the signals forwarded to it; another team's, the budget coach's and unknown ids are ignored without a word", async () => {
    const own = await schalkwijk();
    const otherTeam = await insertSignal(subgraph.db, { status: "FORWARDED", forwardedTo: { target: "SWT", teamId: "haarlem-noord" } });
    const coach = await insertSignal(subgraph.db, { status: "FORWARDED", forwardedTo: { target: "BUDGET_COACH" } });
    const result = await close(identities.swtSchalkwijk, [
      { signalIds: [own.id, otherTeam.id, coach.id, "00000000-0000-4000-8000-000000000000", "not-an-id"], closedOn: "2026-10-20" },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordCaseClosures).toBe(1);
    expect(await state(otherTeam.id)).toEqual({ status: "FORWARDED", closed_on: null });
    expect(await state(coach.id)).toEqual({ status: "FORWARDED", closed_on: null });
  });

  it("the budget coach closes its referrals, and no SWT team's signal", async () => {
    const coach = await insertSignal(subgraph.db, { status: "FORWARDED", forwardedTo: { target: "BUDGET_COACH" } });
    const team = await schalkwijk();
    const result = await close(identities.budgetCoach, [{ signalIds: [coach.id, team.id], closedOn: "2026-10-21" }]);
    expect(result.data!.recordCaseClosures).toBe(1);
    expect(await state(coach.id)).toEqual({ status: "CLOSED", closed_on: "2026-10-21" });
    expect(await state(team.id)).toEqual({ status: "FORWARDED", closed_on: null });
  });

  it("a withdrawn signal is not closed: it is about to be erased", async () => {
    const withdrawn = await insertSignal(subgraph.db, { status: "WITHDRAWN", forwardedTo: { target: "SWT", teamId: "haarlem-schalkwijk" } });
    expect((await close(identities.swtSchalkwijk, [{ signalIds: [withdrawn.id], closedOn: "2026-10-22" }])).data!.recordCaseClosures).toBe(0);
    expect(await state(withdrawn.id)).toEqual({ status: "WITHDRAWN", closed_on: null });
  });

  it("a closing day after today is refused with a message that says so", async () => {
    const signal = await schalkwijk();
    const tomorrow = addDays(todayInNetherlands(), 1);
    const result = await close(identities.swtSchalkwijk, [{ signalIds: [signal.id], closedOn: tomorrow }]);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`closedOn ${tomorrow} lies after today`));
    expect(await state(signal.id)).toEqual({ status: "FORWARDED", closed_on: null });
  });

  it("a corporation, an SDV, analysts and the coordinator cannot record closures", async () => {
    const signal = await schalkwijk();
    for (const identity of [identities.elanWonen, identities.sdvHaarlem, identities.analyst, identities.coordinator]) {
      const result = await close(identity, [{ signalIds: [signal.id], closedOn: "2026-10-23" }]);
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
    }
    expect(await state(signal.id)).toEqual({ status: "FORWARDED", closed_on: null });
  });

  it("is hidden from the public graph: the subgraph's schema marks it and its input @inaccessible", async () => {
    const sdl = (await subgraph.query(identities.sdvHaarlem, `{ _service { sdl } }`)).data!._service.sdl as string;
    expect(sdl.split("\n").find((l) => l.includes("recordCaseClosures("))).toContain("@inaccessible");
    expect(sdl).toMatch(/input CaseClosureInput[^{]*@inaccessible[^{]*\{/);
  });
});
