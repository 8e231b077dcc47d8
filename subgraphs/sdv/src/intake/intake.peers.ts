import type { PeerClient } from "../../../shared/src/peer-client.js";
import type { IntakeFacts } from "./intake.rules.js";
import { askPeerOrRefuse, type PeerContract } from "../../../shared/src/contracts/contract.js";
import { intakeFacts } from "../../../shared/src/contracts/corporations.js";
import { householdFacts } from "../../../shared/src/contracts/swt.js";

/** Asks a contract; an answer outside it is refused, and this request does nothing with it. */
const ask = <F extends string, V, A>(peers: PeerClient, contract: PeerContract<F, V, A>, variables: V): Promise<A> =>
  askPeerOrRefuse(peers, contract, variables, "nothing of this batch was stored. Send it again later.");

/**
 * The tenants' facts the corporation recorded (arrears, collection steps, objection, address), read
 * from the corporations subgraph in one call for the whole batch, on the submitting corporation's
 * behalf: that subgraph answers only for the caller's own tenants. Keyed by reference; a reference
 * it does not answer, or answers for another corporation, is a tenant not found.
 */
export async function intakeFactsOf(peers: PeerClient, corporationId: string, references: string[]): Promise<Map<string, IntakeFacts>> {
  if (references.length === 0) return new Map();
  const answer: IntakeFacts[] = await ask(peers, intakeFacts, { corporationId, references });
  return new Map(answer.filter((f) => f.corporationId === corporationId).map((f) => [f.reference, f]));
}

/**
 * Of the given tenants, those for whom priority III applies (known at the SWT, with children under 18
 * or a member aged 65+), asked of the swt subgraph in one call. The SWT knows a household by its
 * address, so each tenant travels with the address the corporation registered. Only the derived fact
 * crosses back, never the household profile; a tenant the SWT does not answer for is not known there.
 */
export async function knownVulnerableAtSwt(peers: PeerClient, households: { tenantId: string; postcode: string; houseNumber: string }[]): Promise<Set<string>> {
  if (households.length === 0) return new Set();
  const facts = await ask(peers, householdFacts, { households });
  return new Set(facts.filter((f) => f.priorityThreeApplies).map((f) => f.tenantId));
}
