import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { daysAgo, startSdvWithPeers, tenantFacts, type SdvWithPeers } from "../intake/intake.fixture.js";
import type { IntakeFacts } from "../intake/intake.rules.js";
import { referralDay } from "../referral/route.js";
import { DEFAULT_THRESHOLD } from "../threshold/threshold.defaults.js";
import { now, todayInNetherlands } from "../../../shared/src/clock.js";

const SUBMIT = `mutation($input: SubmitSignalsInput!) { submitSignals(input: $input) { items { outcome refusals { code } signal { id } } } }`;
const PRIORITY = `query($id: ID!) {
  signal(id: $id) {
    status
    priority { level effectiveLevel rule reason overrideLevel overrideReason overriddenBy
      inputs { signalDate amountCents phase bailiffHandoverOn thresholdCents bailiffWindowDays knownVulnerableAtSwt }
      threshold { id amountCents }
      history { level rule overrideLevel forwardedTo forwardedTeamId revision revisedBy } }
    forwarding { target teamId forwardedOn }
  }
}`;
const OVERRIDE = `mutation($signalId: ID!, $level: PriorityLevel!, $reason: String!) {
  overridePriority(signalId: $signalId, level: $level, reason: $reason) {
    signal { id status priority { level effectiveLevel overrideLevel } forwarding { target teamId } }
    forwardingChange { changed fromTarget fromTeamId toTarget toTeamId forwardedOn message }
  }
}`;
const SET_THRESHOLD = `mutation($input: SetThresholdInput!) { setThreshold(input: $input) { id amountCents validFrom setBy reason } }`;
const PREVIEW = `query($thresholdId: ID) {
  previewPriorityRecomputation(thresholdId: $thresholdId) {
    threshold { id amountCents } openSignals
    changes { signal { id } currentLevel newLevel currentRule newRule reason forwardingWouldChange }
  }
}`;
const RECOMPUTE = `mutation($signalIds: [ID!]!, $thresholdId: ID) {
  recomputePriorities(signalIds: $signalIds, thresholdId: $thresholdId) {
    threshold { amountCents } recomputed
    items { signalId outcome previousLevel newLevel message signal { id status } forwardingChange { changed fromTarget toTarget toTeamId message } }
  }
}`;

const arrears = (amountCents: number, extra: Partial<NonNullable<IntakeFacts["arrears"]>> = {}) => ({
  amountCents,
  since: daysAgo(60),
  phase: "ARREARS" as const,
  bailiffHandoverOn: null,
  ...extra,
});

describe("priorities (Art. 5.3)", () => {
  let sdv: SdvWithPeers;

  beforeAll(async () => {
    sdv = await startSdvWithPeers();
  });
  afterAll(() => sdv?.stop());

  /** Submits one tenant today and returns its signal id. */
  async function signalFor(overrides: Partial<IntakeFacts> = {}, vulnerable = false): Promise<string> {
    const [facts] = sdv.register(tenantFacts({ reference: `EW-${randomUUID().slice(0, 8)}`, ...overrides }));
    if (vulnerable) sdv.vulnerable.add(facts!.tenantId);
    const result = await sdv.query(identities.elanWonen, SUBMIT, {
      input: { reportingMonth: todayInNetherlands().slice(0, 7), channel: "VPS", items: [{ tenantReference: facts!.reference }] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitSignals.items[0].outcome).toBe("ACCEPTED");
    return result.data!.submitSignals.items[0].signal.id;
  }

  async function read(id: string, identity: Identity = identities.sdvHaarlem) {
    const result = await sdv.query(identity, PRIORITY, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.signal as Record<string, any>;
  }

  const levelOf = async (id: string) => (await read(id)).priority.rule as string;

  describe("on intake, highest applicable level wins", () => {
    afterEach(() => {
      delete process.env.SDV_BAILIFF_WINDOW_DAYS;
    });

    it("I: arrears with the bailiff", async () => {
      expect(await levelOf(await signalFor({ arrears: arrears(1_000, { phase: "BAILIFF" }) }))).toBe("I.BAILIFF");
    });

    it("I: a hand-over to the bailiff planned within 14 days of the signal date; 15 days is not about to", async () => {
      expect(await levelOf(await signalFor({ arrears: arrears(1_000, { phase: "COLLECTION", bailiffHandoverOn: daysAgo(-14) }) }))).toBe("I.BAILIFF_IMMINENT");
      expect(await levelOf(await signalFor({ arrears: arrears(1_000, { phase: "COLLECTION", bailiffHandoverOn: daysAgo(-15) }) }))).toBe("IV.BELOW_THRESHOLD");
    });

    it("the bailiff window is configurable (SDV_BAILIFF_WINDOW_DAYS) and stored with the priority", async () => {
      process.env.SDV_BAILIFF_WINDOW_DAYS = "20";
      const id = await signalFor({ arrears: arrears(1_000, { phase: "COLLECTION", bailiffHandoverOn: daysAgo(-15) }) });
      const { priority } = await read(id);
      expect(priority.rule).toBe("I.BAILIFF_IMMINENT");
      expect(priority.inputs.bailiffWindowDays).toBe(20);
    });

    it("II: arrears at or above the threshold; exactly the threshold counts as II", async () => {
      expect(await levelOf(await signalFor({ arrears: arrears(DEFAULT_THRESHOLD.amountCents) }))).toBe("II.ABOVE_THRESHOLD");
      expect(await levelOf(await signalFor({ arrears: arrears(DEFAULT_THRESHOLD.amountCents - 1) }))).toBe("IV.BELOW_THRESHOLD");
    });

    it("III: under the threshold, known at the SWT with children under 18 or a member aged 65+, as the SWT says", async () => {
      const id = await signalFor({ arrears: arrears(5_000) }, true);
      const { priority } = await read(id);
      expect(priority.rule).toBe("III.KNOWN_VULNERABLE");
      expect(priority.reason).toMatch(/SWT reports/);
      expect(priority.inputs.knownVulnerableAtSwt).toBe(true);
    });

    it("IV: under the threshold and not known as vulnerable", async () => {
      expect(await levelOf(await signalFor({ arrears: arrears(5_000) }))).toBe("IV.BELOW_THRESHOLD");
    });

    it("ties: the bailiff beats the threshold, the threshold beats being known as vulnerable", async () => {
      expect(await levelOf(await signalFor({ arrears: arrears(90_000, { phase: "BAILIFF" }) }, true))).toBe("I.BAILIFF");
      expect(await levelOf(await signalFor({ arrears: arrears(90_000, { phase: "COLLECTION", bailiffHandoverOn: daysAgo(-3) }) }, true))).toBe("I.BAILIFF_IMMINENT");
      expect(await levelOf(await signalFor({ arrears: arrears(DEFAULT_THRESHOLD.amountCents) }, true))).toBe("II.ABOVE_THRESHOLD");
    });

    it("each priority stores the facts it was computed from, the threshold it used, and of the SWT only the derived fact", async () => {
      const id = await signalFor({ arrears: arrears(12_345, { phase: "COLLECTION", bailiffHandoverOn: daysAgo(-60) }) });
      const { priority } = await read(id);
      expect(priority.inputs).toEqual({
        signalDate: todayInNetherlands(),
        amountCents: 12_345,
        phase: "COLLECTION",
        bailiffHandoverOn: daysAgo(-60),
        thresholdCents: DEFAULT_THRESHOLD.amountCents,
        bailiffWindowDays: 14,
        knownVulnerableAtSwt: false,
      });
      expect(priority.threshold).toEqual({ id: DEFAULT_THRESHOLD.id, amountCents: DEFAULT_THRESHOLD.amountCents });
      const [row] = await sdv.db.query(`select inputs from priority where signal_id = $1`, [id]);
      expect(Object.keys(row.inputs).sort()).toEqual(["amountCents", "bailiffHandoverOn", "bailiffWindowDays", "knownVulnerableAtSwt", "phase", "signalDate", "thresholdCents"]);
    });
  });

  describe("an SDV worker's override", () => {
    it("keeps the computed level beside it, names the worker, keeps what stood, and moves a IV to the SWT team of the address", async () => {
      const id = await signalFor({ arrears: arrears(5_000), postcode: "2036 KL" });
      expect((await read(id)).forwarding).toMatchObject({ target: "BUDGET_COACH", teamId: "budget-coach" });
      const result = await sdv.query(identities.sdvHaarlem, OVERRIDE, { signalId: id, level: "I", reason: "Notice of eviction received by phone" });
      expect(result.errors).toBeUndefined();
      expect(result.data!.overridePriority).toEqual({
        signal: { id, status: "FORWARDED", priority: { level: "IV", effectiveLevel: "I", overrideLevel: "I" }, forwarding: { target: "SWT", teamId: "haarlem-schalkwijk" } },
        forwardingChange: {
          changed: true,
          fromTarget: "BUDGET_COACH",
          fromTeamId: "budget-coach",
          toTarget: "SWT",
          toTeamId: "haarlem-schalkwijk",
          forwardedOn: referralDay(now()),
          message: expect.stringMatching(/SWT team haarlem-schalkwijk instead of the budget coach/),
        },
      });
      const after = await read(id);
      expect(after.priority).toMatchObject({ overrideReason: "Notice of eviction received by phone", overriddenBy: identities.sdvHaarlem.sub });
      expect(after.priority.history).toEqual([
        {
          level: "IV",
          rule: "IV.BELOW_THRESHOLD",
          overrideLevel: null,
          forwardedTo: "BUDGET_COACH",
          forwardedTeamId: "budget-coach",
          revision: "OVERRIDDEN",
          revisedBy: identities.sdvHaarlem.sub,
        },
      ]);
    });

    it("within I-III the team keeps the signal, and the answer reports no change of forwarding", async () => {
      const id = await signalFor({ arrears: arrears(50_000) });
      const result = await sdv.query(identities.sdvHaarlem, OVERRIDE, { signalId: id, level: "III", reason: "Household known to the team" });
      expect(result.data!.overridePriority.forwardingChange).toBeNull();
      expect(result.data!.overridePriority.signal.forwarding).toEqual({ target: "SWT", teamId: "haarlem-oost" });
    });

    it("needs a reason, and reaches only signals the worker may see", async () => {
      const id = await signalFor({ arrears: arrears(50_000) });
      const empty = await sdv.query(identities.sdvHaarlem, OVERRIDE, { signalId: id, level: "I", reason: "  " });
      expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const zandvoortOnly: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };
      const foreign = await sdv.query(zandvoortOnly, OVERRIDE, { signalId: id, level: "I", reason: "Not mine" });
      expect(foreign.errors?.[0]?.extensions?.code).toBe("SIGNAL_NOT_FOUND");
      const corporation = await sdv.query(identities.elanWonen, OVERRIDE, { signalId: id, level: "I", reason: "Not ours" });
      expect(corporation.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await read(id)).priority.overrideLevel).toBeNull();
    });
  });

  describe("a change of threshold", () => {
    let below: string; // EUR 60: IV under 75, II under 50
    let above: string; // EUR 80: II under 75, II under 50
    let vulnerable: string; // EUR 40: III under 75 and under 50
    let overridden: string; // EUR 60, overridden to III
    let newThresholdId: string;

    beforeAll(async () => {
      await sdv.db.query(`update signal set status = 'CLOSED' where status in ('RECEIVED', 'FORWARDED')`);
      below = await signalFor({ arrears: arrears(6_000) });
      above = await signalFor({ arrears: arrears(8_000) });
      vulnerable = await signalFor({ arrears: arrears(4_000) }, true);
      overridden = await signalFor({ arrears: arrears(6_000) });
      await sdv.query(identities.sdvHaarlem, OVERRIDE, { signalId: overridden, level: "III", reason: "Seen by the team" });
    });

    it("is set only by SDV or the coordinator, with a reason, and kept in the history", async () => {
      const noReason = await sdv.query(identities.sdvHaarlem, SET_THRESHOLD, { input: { amountCents: 5_000, validFrom: todayInNetherlands(), reason: " " } });
      expect(noReason.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      for (const identity of [identities.analyst, identities.elanWonen, identities.swtSchalkwijk]) {
        const refused = await sdv.query(identity, SET_THRESHOLD, { input: { amountCents: 5_000, validFrom: todayInNetherlands(), reason: "x" } });
        expect(refused.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      }
      const set = await sdv.query(identities.coordinator, SET_THRESHOLD, {
        input: { amountCents: 5_000, validFrom: todayInNetherlands(), reason: "Phase I monitoring: too many households went to the budget coach" },
      });
      expect(set.errors).toBeUndefined();
      expect(set.data!.setThreshold).toMatchObject({ amountCents: 5_000, validFrom: todayInNetherlands(), setBy: identities.coordinator.sub });
      newThresholdId = set.data!.setThreshold.id;
      const history = await sdv.query(identities.sdvHaarlem, `{ thresholds { amountCents } }`);
      expect(history.data!.thresholds).toEqual([{ amountCents: 5_000 }, { amountCents: DEFAULT_THRESHOLD.amountCents }]);
    });

    it("does not touch the priorities already stored", async () => {
      expect((await read(below)).priority).toMatchObject({ level: "IV", threshold: { id: DEFAULT_THRESHOLD.id } });
    });

    it("applies to signals received from its date on", async () => {
      const fresh = await signalFor({ arrears: arrears(6_000) });
      expect((await read(fresh)).priority).toMatchObject({ level: "II", threshold: { id: newThresholdId, amountCents: 5_000 } });
      await sdv.db.query(`update signal set status = 'CLOSED' where id = $1`, [fresh]);
    });

    it("the preview shows which open signals would change, from what to what, and writes nothing", async () => {
      const before = await sdv.db.query(`select * from priority order by id`);
      const result = await sdv.query(identities.sdvHaarlem, PREVIEW, {});
      expect(result.errors).toBeUndefined();
      const preview = result.data!.previewPriorityRecomputation;
      expect(preview.threshold).toEqual({ id: newThresholdId, amountCents: 5_000 });
      expect(preview.openSignals).toBe(3); // the overridden one is not reopened by a threshold
      expect(preview.changes).toEqual([
        {
          signal: { id: below },
          currentLevel: "IV",
          newLevel: "II",
          currentRule: "IV.BELOW_THRESHOLD",
          newRule: "II.ABOVE_THRESHOLD",
          reason: "Arrears of EUR 60.00 are at or above the threshold of EUR 50.00.",
          forwardingWouldChange: true,
        },
      ]);
      expect(await sdv.db.query(`select * from priority order by id`)).toEqual(before);
    });

    it("a preview and a recomputation are SDV's: the coordinator who set the threshold cannot run them", async () => {
      expect((await sdv.query(identities.coordinator, PREVIEW, {})).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await sdv.query(identities.coordinator, RECOMPUTE, { signalIds: [below] })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });

    it("recomputation applies only to the signals listed, keeps the old priority as history and reports the new forwarding", async () => {
      const result = await sdv.query(identities.sdvHaarlem, RECOMPUTE, { signalIds: [below, above, overridden, "00000000-0000-4000-8000-000000000000"] });
      expect(result.errors).toBeUndefined();
      const { recomputed, items } = result.data!.recomputePriorities;
      expect(recomputed).toBe(1);
      expect(items.map((i: { outcome: string }) => i.outcome)).toEqual(["RECOMPUTED", "UNCHANGED", "SKIPPED", "SKIPPED"]);
      expect(items[0]).toMatchObject({
        previousLevel: "IV",
        newLevel: "II",
        forwardingChange: { changed: true, fromTarget: "BUDGET_COACH", toTarget: "SWT", toTeamId: "haarlem-oost" },
      });
      expect(items[2].message).toMatch(/override stands/);
      expect(items[3].signal).toBeNull();

      const after = await read(below);
      expect(after.priority).toMatchObject({ level: "II", rule: "II.ABOVE_THRESHOLD", threshold: { id: newThresholdId }, inputs: { thresholdCents: 5_000, amountCents: 6_000 } });
      expect(after.priority.history).toEqual([
        {
          level: "IV",
          rule: "IV.BELOW_THRESHOLD",
          overrideLevel: null,
          forwardedTo: "BUDGET_COACH",
          forwardedTeamId: "budget-coach",
          revision: "RECOMPUTED",
          revisedBy: identities.sdvHaarlem.sub,
        },
      ]);
      expect(after.forwarding).toEqual({ target: "SWT", teamId: "haarlem-oost", forwardedOn: referralDay(now()) });
      // Not listed, not changed: the known-vulnerable household keeps its computed III under the old threshold's record.
      expect((await read(vulnerable)).priority).toMatchObject({ level: "III", threshold: { id: DEFAULT_THRESHOLD.id } });
    });

    it("after recomputation the preview no longer lists what was applied", async () => {
      const result = await sdv.query(identities.sdvHaarlem, PREVIEW, {});
      expect(result.data!.previewPriorityRecomputation.changes).toEqual([]);
    });

    it("a previewed threshold can be named, also an older one; a wrong id is refused", async () => {
      const back = await sdv.query(identities.sdvHaarlem, PREVIEW, { thresholdId: DEFAULT_THRESHOLD.id });
      expect(back.data!.previewPriorityRecomputation.changes.map((c: { signal: { id: string }; newLevel: string }) => [c.signal.id, c.newLevel])).toEqual([[below, "IV"]]);
      const wrong = await sdv.query(identities.sdvHaarlem, PREVIEW, { thresholdId: "00000000-0000-4000-8000-000000000000" });
      expect(wrong.errors?.[0]?.extensions?.code).toBe("THRESHOLD_NOT_FOUND");
    });
  });
});
