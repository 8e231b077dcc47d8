import { z } from "zod";
import { calendarDate, collectionStepKind, peerContract, phase } from "./contract.js";

/*
 * The internal endpoints the corporations subgraph answers (subgraphs/corporations/src/internal/).
 * Both are asked by sdv: the tenant facts a signal is checked against, and the address facts of the
 * DDAS export. The corporation's register stays the only copy; sdv keeps what it decided, not them.
 */

/** sdv's intake of a batch of signals, on the submitting corporation's behalf (Art. 1, 3, 4, 5.2). */
export const intakeFacts = peerContract({
  peer: "corporations",
  field: "intakeFacts",
  operation: `query IntakeFacts($corporationId: ID!, $references: [String!]!) {
  intakeFacts(corporationId: $corporationId, references: $references) {
    reference tenantId corporationId municipalityCode postcode houseNumber
    arrears { amountCents since phase bailiffHandoverOn }
    collectionSteps { kind takenOn }
    hasStandingObjection
  }
}`,
  variables: z.object({ corporationId: z.string(), references: z.array(z.string()) }),
  answer: z.array(
    z.object({
      reference: z.string(),
      tenantId: z.string(),
      corporationId: z.string(),
      municipalityCode: z.string(),
      postcode: z.string(),
      houseNumber: z.string(),
      arrears: z.object({ amountCents: z.number().int(), since: calendarDate, phase, bailiffHandoverOn: calendarDate.nullable() }).nullable(),
      collectionSteps: z.array(z.object({ kind: collectionStepKind, takenOn: calendarDate })),
      hasStandingObjection: z.boolean(),
    }),
  ),
});

/** sdv's DDAS export of a municipality, on the coordinator's behalf: the tenants by address. */
export const ddasClients = peerContract({
  peer: "corporations",
  field: "ddasClients",
  operation: `query DdasClients($tenantIds: [ID!]!) {
  ddasClients(tenantIds: $tenantIds) { tenantId postcode houseNumber houseNumberAddition arrearsSince }
}`,
  variables: z.object({ tenantIds: z.array(z.string()) }),
  answer: z.array(
    z.object({
      tenantId: z.string(),
      postcode: z.string(),
      houseNumber: z.string(),
      houseNumberAddition: z.string().nullable(),
      arrearsSince: calendarDate.nullable(),
    }),
  ),
});
