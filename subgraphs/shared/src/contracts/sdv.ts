import { z } from "zod";
import { calendarDate, idList, peerContract, rowCount, tenantIdsOrEvery } from "./contract.js";

/*
 * The internal endpoints the sdv subgraph answers (subgraphs/sdv/src/internal/): which tenants an
 * SDV or budget coach may see (asked by corporations), what became of forwarded signals at the SWT
 * (told by swt), and the withdrawal after an objection (told by corporations in its own name).
 */

/** corporations' tenant policy: the tenants with a live signal the SDV serves, or referred to the budget coach. */
export const sdvVisibleTenantIds = peerContract({
  peer: "sdv",
  field: "visibleTenantIds",
  operation: `query VisibleTenantIds($ids: [ID!]) { visibleTenantIds(ids: $ids) }`,
  variables: tenantIdsOrEvery,
  answer: idList,
});

/** swt tells which cases closed, so that sdv closes their signals. */
export const recordCaseClosures = peerContract({
  peer: "sdv",
  field: "recordCaseClosures",
  operation: `mutation RecordCaseClosures($closures: [CaseClosureInput!]!) {
  recordCaseClosures(closures: $closures)
}`,
  variables: z.object({ closures: z.array(z.object({ signalIds: z.array(z.string()), closedOn: z.string() })) }),
  answer: rowCount,
});

/** swt tells which signals a team handed to another, so that sdv records the forwarding. */
export const recordHandOvers = peerContract({
  peer: "sdv",
  field: "recordHandOvers",
  operation: `mutation RecordHandOvers($handOvers: [HandOverInput!]!) {
  recordHandOvers(handOvers: $handOvers)
}`,
  variables: z.object({
    handOvers: z.array(z.object({ signalIds: z.array(z.string()), caseId: z.string(), teamId: z.string(), forwardedOn: calendarDate, reason: z.string() })),
  }),
  answer: rowCount,
});

/** corporations, in its own name after an objection (Art. 3.4): withdraw the tenants' signals. */
export const withdrawSignalsOfTenants = peerContract({
  peer: "sdv",
  field: "withdrawSignalsOfTenants",
  operation: `mutation WithdrawSignalsOfTenants($tenantIds: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $tenantIds) }`,
  variables: z.object({ tenantIds: z.array(z.string()) }),
  answer: rowCount,
});
