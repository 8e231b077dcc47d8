import { COLLECTION_STEP_KINDS, type CollectionStepKind } from "../../../shared/src/covenant/collection-steps.js";
import { COVENANT_START } from "../../../shared/src/covenant/covenant-calendar.js";
import { isCovenantMunicipality, MUNICIPALITIES } from "../../../shared/src/covenant/organisations.js";
import { daysBetween } from "../../../shared/src/covenant/working-days.js";
import type { SignalChannelValue } from "../signal/signal.entity.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { intakeFacts } from "../../../shared/src/contracts/corporations.js";

/** Phase II, the regular phase (Art. 5.1, 6.2): from this day signals arrive through VPS only. */
export const PHASE_TWO_START = "2021-07-01";
/** A tenant is in the target group from 30 days of arrears on (Art. 1). */
export const MIN_DAYS_IN_ARREARS = 30;
/** The largest batch one call takes; a corporation with more tenants in arrears sends several. */
export const MAX_BATCH_ITEMS = 20_000;

/** How a refusal names each step of socially responsible collection (MVI, Art. 3.2 a-d). */
const COLLECTION_STEP_LABELS: Record<CollectionStepKind, string> = {
  PAYMENT_REMINDER: "a written payment reminder",
  PERSONAL_CONTACT_ATTEMPT: "an attempt at personal contact",
  DEBT_HELP_REFERRAL: "a referral to debt help",
  DATA_SHARING_NOTICE: "the notice that the tenant's data are passed to the municipality",
};

/** The four steps, in the covenant's order. The kinds are the shared list's, the one the corporations subgraph stores: a kind added there needs a label here, or this does not compile. */
export const COLLECTION_STEPS: { kind: CollectionStepKind; label: string }[] = COLLECTION_STEP_KINDS.map((kind) => ({ kind, label: COLLECTION_STEP_LABELS[kind] }));

export type RefusalCodeValue =
  "TENANT_NOT_FOUND" | "ARREARS_TOO_RECENT" | "COLLECTION_STEPS_INCOMPLETE" | "OBJECTION_ON_RECORD" | "OUTSIDE_COVENANT" | "CHANNEL_NOT_ALLOWED" | "DUPLICATE_IN_BATCH";

export interface Refusal {
  code: RefusalCodeValue;
  message: string;
}

/**
 * What the corporations subgraph holds of one tenant, as `intakeFacts` answers it: the peer contract
 * is its one description (the house number as registered, with letter or addition: "12a").
 */
export type IntakeFacts = AnswerOf<typeof intakeFacts>[number];

/** Whether the channel may carry a signal made on `signalDate` (Art. 5.1, 6.2); null when it may. */
export function channelRefusal(channel: SignalChannelValue, signalDate: string): Refusal | null {
  if (signalDate < COVENANT_START) {
    return {
      code: "CHANNEL_NOT_ALLOWED",
      message: `No channel takes signals made before the covenant took effect on ${COVENANT_START}; the signal date is ${signalDate}.`,
    };
  }
  if (channel === "EMAIL" && signalDate >= PHASE_TWO_START) {
    return {
      code: "CHANNEL_NOT_ALLOWED",
      message: `E-mail was allowed only in covenant phase I (${COVENANT_START} to 2021-06-30); a signal made on ${signalDate} must come through VPS.`,
    };
  }
  return null;
}

/**
 * Every reason the covenant gives to refuse this tenant's signal (Art. 1, 3.2-3.4, 4, 5.1), all of them,
 * so an integrator can fix everything at once. `channel` is the batch's channel refusal, the same for
 * every item. Facts of another corporation's tenant never reach here: they count as not found.
 */
export function refusalsFor(facts: IntakeFacts, signalDate: string, channel: Refusal | null): Refusal[] {
  const refusals: Refusal[] = [];
  const arrears = facts.arrears;
  if (!arrears) {
    refusals.push({
      code: "ARREARS_TOO_RECENT",
      message: `No arrears are recorded for tenant "${facts.reference}"; a signal needs arrears of at least ${MIN_DAYS_IN_ARREARS} days (Art. 1). Record them with upsertArrears first.`,
    });
  } else {
    const days = daysBetween(arrears.since, signalDate);
    if (days < MIN_DAYS_IN_ARREARS) {
      refusals.push({
        code: "ARREARS_TOO_RECENT",
        message: `The arrears of tenant "${facts.reference}" (since ${arrears.since}) are ${Math.max(days, 0)} days old on the signal date ${signalDate}; a signal needs at least ${MIN_DAYS_IN_ARREARS} days (Art. 1).`,
      });
    }
  }

  // A step counts only for the arrears it was taken about (Art. 3.2, Wgs): on or after the day these
  // arrears began, and no later than the signal date. A reminder from an earlier episode of arrears,
  // paid off since, says nothing about today's; without arrears there is no episode to bound it by
  // (the signal is refused for that already).
  const since = arrears?.since ?? null;
  const missing: string[] = [];
  const late: string[] = [];
  const early: string[] = [];
  for (const step of COLLECTION_STEPS) {
    const taken = facts.collectionSteps
      .filter((s) => s.kind === step.kind)
      .map((s) => s.takenOn)
      .sort();
    if (taken.some((on) => (since === null || on >= since) && on <= signalDate)) continue;
    const thisEpisode = since === null ? taken : taken.filter((on) => on >= since);
    if (thisEpisode.length > 0) late.push(`${step.label} (${step.kind}, taken on ${thisEpisode[0]})`);
    else if (taken.length > 0) early.push(`${step.label} (${step.kind}, taken on ${taken[taken.length - 1]})`);
    else missing.push(`${step.label} (${step.kind})`);
  }
  if (missing.length || late.length || early.length) {
    const parts = [
      missing.length ? `missing: ${missing.join("; ")}` : null,
      early.length ? `taken before these arrears began on ${since}, so it predates these arrears and does not count for them: ${early.join("; ")}` : null,
      late.length ? `dated after the signal date ${signalDate}: ${late.join("; ")}` : null,
    ].filter(Boolean);
    refusals.push({
      code: "COLLECTION_STEPS_INCOMPLETE",
      message: `Socially responsible collection (MVI, Art. 3.2) is not complete for tenant "${facts.reference}": ${parts.join(". ")}. Record each step of these arrears with upsertCollectionStep; without all four a signal may not be made (Art. 3.3, Wgs).`,
    });
  }

  if (facts.hasStandingObjection) {
    refusals.push({
      code: "OBJECTION_ON_RECORD",
      message: `Tenant "${facts.reference}" has objected to the exchange of their data with the municipality, and the objection stands; such a tenant may not appear in any signal (Art. 3.4).`,
    });
  }

  if (!isCovenantMunicipality(facts.municipalityCode)) {
    refusals.push({
      code: "OUTSIDE_COVENANT",
      message: `The address of tenant "${facts.reference}" lies in municipality ${facts.municipalityCode}, which is not a party to the covenant (${MUNICIPALITIES.map((m) => `${m.code} ${m.name}`).join(", ")}).`,
    });
  }

  if (channel) refusals.push(channel);
  return refusals;
}

export function notFound(reference: string, corporationId: string): Refusal {
  return {
    code: "TENANT_NOT_FOUND",
    message: reference
      ? `No tenant with reference "${reference}" is registered for ${corporationId}; register the tenant with upsertTenant first, under your own corporation.`
      : "tenantReference is empty; name the tenant by your own tenant reference.",
  };
}

export function duplicate(reference: string, first: number): Refusal {
  return {
    code: "DUPLICATE_IN_BATCH",
    message: `Tenant reference "${reference}" already appears at items[${first}] of this batch; each tenant is signalled once per batch, and only that first item is processed.`,
  };
}

/** The four-digit postcode area of a postcode ("2033 AB" → "2033"), or null when it has none. */
export function postcodeArea(postcode: string): string | null {
  const area = postcode.replace(/\s+/g, "").slice(0, 4);
  return /^[1-9]\d{3}$/.test(area) ? area : null;
}
