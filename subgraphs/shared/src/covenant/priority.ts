import { daysBetween } from "./working-days.js";

/**
 * Priority of a signal (Art. 5.3), highest applicable level wins:
 *  I   the household is with the bailiff (deurwaarder) or about to be handed over;
 *  II  arrears at or above the threshold amount (drempelbedrag);
 *  III already known at the SWT and children under 18 or a member aged 65+;
 *  IV  otherwise (arrears under the threshold): the budget coach.
 * The threshold counts "from": an amount equal to it is level II.
 */
export type PriorityLevel = "I" | "II" | "III" | "IV";
export type Phase = "ARREARS" | "COLLECTION" | "BAILIFF";

export interface PriorityInput {
  signalDate: string;
  phase: Phase;
  bailiffHandoverOn: string | null;
  amountCents: number;
  thresholdCents: number;
  /** Days before a planned bailiff hand-over during which level I applies. */
  bailiffWindowDays: number;
  knownAtSwt: boolean;
  childrenUnder18: boolean;
  member65Plus: boolean;
}

export interface PriorityResult {
  level: PriorityLevel;
  rule: string;
  reason: string;
}

/** Where a level is forwarded (Art. 5.3): I-III to an SWT team, IV to the budget coach. */
export function targetOfLevel(level: PriorityLevel): "SWT" | "BUDGET_COACH" {
  return level === "IV" ? "BUDGET_COACH" : "SWT";
}

/** An amount as the reasons of a priority write it: EUR 1234.56. */
export function euros(cents: number): string {
  return `EUR ${(cents / 100).toFixed(2)}`;
}

export function computePriority(input: PriorityInput): PriorityResult {
  if (input.phase === "BAILIFF") {
    return { level: "I", rule: "I.BAILIFF", reason: "The arrears are with the bailiff." };
  }
  if (input.bailiffHandoverOn !== null) {
    const days = daysBetween(input.signalDate, input.bailiffHandoverOn);
    if (days <= input.bailiffWindowDays) {
      return {
        level: "I",
        rule: "I.BAILIFF_IMMINENT",
        reason: `Hand-over to the bailiff is planned on ${input.bailiffHandoverOn}, within ${input.bailiffWindowDays} days of the signal.`,
      };
    }
  }
  if (input.amountCents >= input.thresholdCents) {
    return {
      level: "II",
      rule: "II.ABOVE_THRESHOLD",
      reason: `Arrears of ${euros(input.amountCents)} are at or above the threshold of ${euros(input.thresholdCents)}.`,
    };
  }
  if (input.knownAtSwt && (input.childrenUnder18 || input.member65Plus)) {
    const who = [input.childrenUnder18 ? "children under 18" : null, input.member65Plus ? "a member aged 65+" : null].filter(Boolean).join(" and ");
    return { level: "III", rule: "III.KNOWN_VULNERABLE", reason: `The household is known at the SWT and has ${who}.` };
  }
  return {
    level: "IV",
    rule: "IV.BELOW_THRESHOLD",
    reason: `Arrears of ${euros(input.amountCents)} are under the threshold of ${euros(input.thresholdCents)}.`,
  };
}
