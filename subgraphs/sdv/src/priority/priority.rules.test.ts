import { describe, expect, it } from "vitest";
import type { PriorityInputsRecord } from "./priority.entity.js";
import { prioritise } from "./priority.rules.js";

const stored: PriorityInputsRecord = {
  signalDate: "2026-11-02",
  amountCents: 40_000,
  phase: "COLLECTION",
  bailiffHandoverOn: null,
  thresholdCents: 60_000,
  bailiffWindowDays: 14,
  knownVulnerableAtSwt: false,
};

describe("sdv's priority of the inputs it stores, without a database", () => {
  it("gives level III for the SWT's derived fact alone, naming both groups as the SWT's finding rather than guessing one", () => {
    expect(prioritise({ ...stored, knownVulnerableAtSwt: true })).toEqual({
      level: "III",
      rule: "III.KNOWN_VULNERABLE",
      reason: "The SWT reports that the household is known there and has children under 18 or a member aged 65+.",
    });
  });

  it("uses the covenant's 14 days when a stored priority has no bailiff window of its own", () => {
    expect(prioritise({ ...stored, bailiffWindowDays: null, bailiffHandoverOn: "2026-11-16" }).level).toBe("I");
    expect(prioritise({ ...stored, bailiffWindowDays: null, bailiffHandoverOn: "2026-11-17" }).level).toBe("IV");
  });

  it("applies the threshold stored with the inputs, not today's", () => {
    expect(prioritise({ ...stored, thresholdCents: 40_000 }).level).toBe("II");
    expect(prioritise(stored).level).toBe("IV");
  });
});
