import { computePriority, type PriorityResult } from "../../../shared/src/covenant/priority.js";
import { DEFAULT_BAILIFF_WINDOW_DAYS } from "./priority.config.js";
import type { PriorityInputsRecord } from "./priority.entity.js";

/**
 * The covenant's priority rule (Art. 5.3, the shared `computePriority`) applied to the inputs sdv
 * stores. sdv keeps only the derived fact "priority III applies" of the SWT's household profile, not
 * which of children under 18 or a member aged 65+ holds, so the level III reason names both as the SWT's
 * finding instead of guessing one. Intake, the recomputation preview, recomputation and the threshold
 * analysis all go through here, so they cannot disagree.
 */
export function prioritise(inputs: PriorityInputsRecord): PriorityResult {
  const result = computePriority({
    signalDate: inputs.signalDate,
    phase: inputs.phase,
    bailiffHandoverOn: inputs.bailiffHandoverOn,
    amountCents: inputs.amountCents,
    thresholdCents: inputs.thresholdCents,
    bailiffWindowDays: inputs.bailiffWindowDays ?? DEFAULT_BAILIFF_WINDOW_DAYS,
    knownAtSwt: inputs.knownVulnerableAtSwt,
    childrenUnder18: inputs.knownVulnerableAtSwt,
    member65Plus: false,
  });
  if (result.rule === "III.KNOWN_VULNERABLE") {
    return { ...result, reason: "The SWT reports that the household is known there and has children under 18 or a member aged 65+." };
  }
  return result;
}
