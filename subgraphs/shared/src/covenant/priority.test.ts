import { describe, expect, it } from "vitest";
import { computePriority, targetOfLevel, type PriorityInput } from "./priority.js";

/** A signal under the threshold, not with the bailiff, not known at the SWT: level IV unless a case below says otherwise. */
const base: PriorityInput = {
  signalDate: "2026-11-02",
  phase: "ARREARS",
  bailiffHandoverOn: null,
  amountCents: 40_000,
  thresholdCents: 60_000,
  bailiffWindowDays: 14,
  knownAtSwt: false,
  childrenUnder18: false,
  member65Plus: false,
};

const level = (change: Partial<PriorityInput>) => computePriority({ ...base, ...change }).level;

describe("the priority of a signal (Art. 5.3), without a database", () => {
  it("is I when the arrears are with the bailiff, whatever the amount", () => {
    expect(computePriority({ ...base, phase: "BAILIFF", amountCents: 1 })).toMatchObject({ level: "I", rule: "I.BAILIFF" });
  });

  it("is I when a hand-over to the bailiff is planned within the window, up to and including its last day", () => {
    expect(computePriority({ ...base, phase: "COLLECTION", bailiffHandoverOn: "2026-11-16" })).toMatchObject({
      level: "I",
      rule: "I.BAILIFF_IMMINENT",
      reason: "Hand-over to the bailiff is planned on 2026-11-16, within 14 days of the signal.",
    });
    expect(level({ phase: "COLLECTION", bailiffHandoverOn: "2026-11-17" })).toBe("IV");
  });

  it("follows the window it is given, not a fixed 14 days", () => {
    expect(level({ bailiffHandoverOn: "2026-11-09", bailiffWindowDays: 7 })).toBe("I");
    expect(level({ bailiffHandoverOn: "2026-11-10", bailiffWindowDays: 7 })).toBe("IV");
  });

  it("is II from the threshold on: an amount equal to it counts, a cent less does not", () => {
    expect(computePriority({ ...base, amountCents: 60_000 })).toMatchObject({
      level: "II",
      rule: "II.ABOVE_THRESHOLD",
      reason: "Arrears of EUR 600.00 are at or above the threshold of EUR 600.00.",
    });
    expect(level({ amountCents: 59_999 })).toBe("IV");
  });

  it("is III when the household is known at the SWT with children under 18 or a member aged 65+, and names which", () => {
    expect(computePriority({ ...base, knownAtSwt: true, childrenUnder18: true })).toMatchObject({
      level: "III",
      reason: "The household is known at the SWT and has children under 18.",
    });
    expect(computePriority({ ...base, knownAtSwt: true, childrenUnder18: true, member65Plus: true }).reason).toBe(
      "The household is known at the SWT and has children under 18 and a member aged 65+.",
    );
    expect(level({ knownAtSwt: true, member65Plus: true })).toBe("III");
  });

  it("is not III for a household known at the SWT without children or an older member, nor for one not known there", () => {
    expect(level({ knownAtSwt: true })).toBe("IV");
    expect(level({ childrenUnder18: true, member65Plus: true })).toBe("IV");
  });

  it("takes the highest level that applies", () => {
    const everything: Partial<PriorityInput> = { amountCents: 90_000, knownAtSwt: true, childrenUnder18: true };
    expect(level(everything)).toBe("II");
    expect(level({ ...everything, bailiffHandoverOn: "2026-11-03" })).toBe("I");
    expect(level({ ...everything, phase: "BAILIFF" })).toBe("I");
  });

  it("is IV otherwise, with the amount and the threshold in the reason", () => {
    expect(computePriority(base)).toEqual({
      level: "IV",
      rule: "IV.BELOW_THRESHOLD",
      reason: "Arrears of EUR 400.00 are under the threshold of EUR 600.00.",
    });
  });

  it("sends I to III to an SWT team and IV to the budget coach", () => {
    expect((["I", "II", "III", "IV"] as const).map(targetOfLevel)).toEqual(["SWT", "SWT", "SWT", "BUDGET_COACH"]);
  });
});
