import type { PeerClient } from "../../../shared/src/peer-client.js";
import { askPeerOrRefuse, type PeerContract } from "../../../shared/src/contracts/contract.js";
import { ddasClients } from "../../../shared/src/contracts/corporations.js";
import { ddasCases } from "../../../shared/src/contracts/swt.js";
import type { DdasCaseFacts, DdasClientFacts } from "./ddas.mapping.js";

/** Asks a contract; an answer outside it is refused, and this request does nothing with it. */
const ask = <F extends string, V, A>(peers: PeerClient, contract: PeerContract<F, V, A>, variables: V): Promise<A> =>
  askPeerOrRefuse(peers, contract, variables, "no export was made. Try again later.");

/**
 * The address (postcode, house number) and arrears start of the given tenants, as DDAS wants them,
 * asked of the corporations subgraph in one call on the coordinator's behalf. That subgraph answers
 * only the coordinator and records every tenant it answers about in its access log.
 */
export async function ddasClientsOf(peers: PeerClient, tenantIds: string[]): Promise<DdasClientFacts[]> {
  if (tenantIds.length === 0) return [];
  return ask(peers, ddasClients, { tenantIds });
}

/** The cases that hold any of the given signals, in DDAS's words, asked of the swt subgraph in one call. */
export async function ddasCasesOf(peers: PeerClient, signalIds: string[]): Promise<DdasCaseFacts[]> {
  if (signalIds.length === 0) return [];
  return ask(peers, ddasCases, { signalIds });
}
