import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { startSdvWithPeers, tenantFacts, type SdvWithPeers } from "../intake/intake.fixture.js";
import type { IntakeFacts } from "../intake/intake.rules.js";
import { firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import { now, todayInNetherlands } from "../../../shared/src/clock.js";

const SUBMIT = `mutation($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { items { outcome signal { id status } } }
}`;
const FORWARDING = `query($id: ID!) { signal(id: $id) { status priority { level } forwarding { target teamId forwardedOn forwardedAt } } }`;
const SET_AREA = `mutation($postcodeArea: String!, $teamId: ID!) {
  setRoutingArea(postcodeArea: $postcodeArea, teamId: $teamId) { routingArea { postcodeArea teamId team { id } updatedBy } forwardedWaitingSignals }
}`;

describe("routing: I-III to the SWT team of the address, IV to the budget coach", () => {
  let sdv: SdvWithPeers;

  beforeAll(async () => {
    sdv = await startSdvWithPeers();
  });
  afterAll(() => sdv?.stop());

  async function signalFor(overrides: Partial<IntakeFacts>): Promise<string> {
    const [facts] = sdv.register(tenantFacts({ reference: `EW-${randomUUID().slice(0, 8)}`, ...overrides }));
    const result = await sdv.query(identities.elanWonen, SUBMIT, {
      input: { reportingMonth: todayInNetherlands().slice(0, 7), channel: "VPS", items: [{ tenantReference: facts!.reference }] },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.submitSignals.items[0].signal.id;
  }

  async function forwarding(id: string) {
    const result = await sdv.query(identities.sdvHaarlem, FORWARDING, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.signal;
  }

  const above = { amountCents: 20_000, since: "2026-01-01", phase: "ARREARS" as const, bailiffHandoverOn: null };
  const below = { ...above, amountCents: 2_000 };

  it("a priority II signal goes to the team whose area holds the postcode: Schalkwijk, Noord, Zandvoort", async () => {
    const cases: [string, string, string][] = [
      ["2035 AB", "0392", "haarlem-schalkwijk"],
      ["2022 CD", "0392", "haarlem-noord"],
      ["2041 EF", "0473", "zandvoort"],
    ];
    for (const [postcode, municipalityCode, team] of cases) {
      const signal = await forwarding(await signalFor({ postcode, municipalityCode, arrears: above }));
      expect(signal, postcode).toMatchObject({ status: "FORWARDED", priority: { level: "II" }, forwarding: { target: "SWT", teamId: team } });
    }
  });

  it("a priority IV signal goes to the budget coach, whatever the address", async () => {
    const signal = await forwarding(await signalFor({ postcode: "2041 EF", municipalityCode: "0473", arrears: below }));
    expect(signal).toMatchObject({ priority: { level: "IV" }, forwarding: { target: "BUDGET_COACH", teamId: "budget-coach" } });
  });

  it("the forwarding date is the day of receipt when that is a working day, else the next one: day zero of the feedback term", async () => {
    const before = now().getTime();
    const signal = await forwarding(await signalFor({ arrears: above }));
    expect(signal.forwarding.forwardedOn).toBe(firstWorkingDayFrom(todayInNetherlands()));
    expect(Date.parse(signal.forwarding.forwardedAt)).toBeGreaterThanOrEqual(before - 1_000);
  });

  it("a signal of an area no team covers waits, RECEIVED; setting the area forwards it and the next ones", async () => {
    const waiting = await signalFor({ postcode: "2019 XY", arrears: above });
    expect(await forwarding(waiting)).toMatchObject({ status: "RECEIVED", forwarding: null });
    const set = await sdv.query(identities.sdvHaarlem, SET_AREA, { postcodeArea: "2019", teamId: "haarlem-centrum" });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setRoutingArea).toEqual({
      routingArea: { postcodeArea: "2019", teamId: "haarlem-centrum", team: { id: "haarlem-centrum" }, updatedBy: identities.sdvHaarlem.sub },
      forwardedWaitingSignals: 1,
    });
    expect(await forwarding(waiting)).toMatchObject({ status: "FORWARDED", forwarding: { target: "SWT", teamId: "haarlem-centrum" } });
    expect(await forwarding(await signalFor({ postcode: "2019 AA", arrears: above }))).toMatchObject({ forwarding: { teamId: "haarlem-centrum" } });
  });

  it("a changed area routes the next signals, and leaves the ones already forwarded where they are", async () => {
    const earlier = await signalFor({ postcode: "2011 AA", arrears: above });
    const set = await sdv.query(identities.coordinator, SET_AREA, { postcodeArea: "2011", teamId: "haarlem-oost" });
    expect(set.data!.setRoutingArea.forwardedWaitingSignals).toBe(0);
    expect((await forwarding(await signalFor({ postcode: "2011 BB", arrears: above }))).forwarding.teamId).toBe("haarlem-oost");
    expect((await forwarding(earlier)).forwarding.teamId).toBe("haarlem-centrum");
  });

  it("the table can be read by SDV and the coordinator, and by no one else", async () => {
    const read = (identity: Identity) => sdv.query(identity, `{ routingAreas { postcodeArea teamId } }`);
    const sdvRead = await read(identities.sdvHaarlem);
    expect(sdvRead.data!.routingAreas).toContainEqual({ postcodeArea: "2040", teamId: "zandvoort" });
    expect((await read(identities.coordinator)).errors).toBeUndefined();
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.analyst, identities.budgetCoach]) {
      expect((await read(identity)).errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
    }
  });

  it("an area is set only to a team of the covenant, and SDV only for teams of the municipalities it serves", async () => {
    const zandvoortOnly: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };
    expect((await sdv.query(zandvoortOnly, SET_AREA, { postcodeArea: "2031", teamId: "haarlem-noord" })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await sdv.query(identities.sdvHaarlem, SET_AREA, { postcodeArea: "2031", teamId: "budget-coach" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await sdv.query(identities.sdvHaarlem, SET_AREA, { postcodeArea: "2031 AB", teamId: "haarlem-noord" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await sdv.query(identities.swtSchalkwijk, SET_AREA, { postcodeArea: "2031", teamId: "haarlem-noord" })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const [row] = await sdv.db.query(`select team_id from routing_area where postcode_area = '2031'`);
    expect(row.team_id).toBe("haarlem-oost");
  });
});
