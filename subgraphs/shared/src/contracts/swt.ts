import { z } from "zod";
import { isUuid } from "../input-rules.js";
import { calendarDate, idList, peerContract, phase, rowCount, tenantIdsOrEvery } from "./contract.js";

/*
 * The internal endpoints the swt subgraph answers (subgraphs/swt/src/internal/): which tenants a
 * team may see (asked by corporations), priority III and the cases of forwarded signals (asked by
 * sdv), the DDAS facts of cases (asked by sdv), and the erasure after an objection (told by
 * corporations in its own name).
 */

/** corporations' tenant policy: the tenants with a case of the caller's team. */
export const swtVisibleTenantIds = peerContract({
  peer: "swt",
  field: "visibleTenantIds",
  operation: `query VisibleTenantIds($ids: [ID!]) { visibleTenantIds(ids: $ids) }`,
  variables: tenantIdsOrEvery,
  answer: idList,
});

/** sdv's priority III (Art. 5.3): of these households by address, those known with children or a member aged 65+. Only the derived fact crosses. */
export const householdFacts = peerContract({
  peer: "swt",
  field: "householdFacts",
  operation: `query HouseholdFacts($households: [HouseholdKeyInput!]!) {
  householdFacts(households: $households) { tenantId priorityThreeApplies }
}`,
  variables: z.object({ households: z.array(z.object({ tenantId: z.string(), postcode: z.string(), houseNumber: z.string() })) }),
  answer: z.array(z.object({ tenantId: z.string(), priorityThreeApplies: z.boolean() })),
});

/** One forwarding as swt's `openCasesForReferrals` takes it (ReferralInput). */
export const referralForCase = z.object({
  signalId: z.string(),
  tenantId: z.string(),
  corporationId: z.string(),
  municipalityCode: z.string(),
  /** An SWT team slug, or budget-coach. */
  teamId: z.string(),
  /** Day zero of the feedback term (Art. 5.4). */
  forwardedOn: z.string(),
  /** The collection phase as delivered, which sets the feedback term: 5 or 10 working days. */
  phase,
  /** True when the signal was forwarded anew to another holder: swt moves it out of its old case. */
  move: z.boolean(),
});

/** sdv, after forwarding (Art. 5.3, 5.4): open a case per forwarded signal, or join the household's open one. */
export const openCasesForReferrals = peerContract({
  peer: "swt",
  field: "openCasesForReferrals",
  operation: `mutation OpenCasesForReferrals($referrals: [ReferralInput!]!) {
  openCasesForReferrals(referrals: $referrals) { signalId caseId teamId joinedExisting }
}`,
  variables: z.object({ referrals: z.array(referralForCase) }),
  answer: z.array(z.object({ signalId: z.string(), caseId: z.string().refine(isUuid, "a case id (uuid)"), teamId: z.string(), joinedExisting: z.boolean() })),
});

/** sdv's DDAS export: the cases holding these signals, in DDAS's words. */
export const ddasCases = peerContract({
  peer: "swt",
  field: "ddasCases",
  operation: `query DdasCases($signalIds: [ID!]!) {
  ddasCases(signalIds: $signalIds) { id signalIds outcome openedOn contactAttempts { kind reached on partOfDay } }
}`,
  variables: z.object({ signalIds: z.array(z.string()) }),
  answer: z.array(
    z.object({
      id: z.string(),
      signalIds: z.array(z.string()),
      outcome: z.string().nullable(),
      openedOn: calendarDate,
      contactAttempts: z.array(z.object({ kind: z.string(), reached: z.boolean(), on: calendarDate, partOfDay: z.string() })),
    }),
  ),
});

/** corporations, in its own name after an objection (Art. 3.4): erase the households' cases and profiles. */
export const eraseHouseholdsOfTenants = peerContract({
  peer: "swt",
  field: "eraseHouseholdsOfTenants",
  operation: `mutation EraseHouseholdsOfTenants($tenantIds: [ID!]!) { eraseHouseholdsOfTenants(tenantIds: $tenantIds) }`,
  variables: z.object({ tenantIds: z.array(z.string()) }),
  answer: rowCount,
});
