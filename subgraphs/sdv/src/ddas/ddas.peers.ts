import { GraphQLError } from "graphql";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import { askPeer, MalformedPeerAnswer, type PeerContract } from "../../../shared/src/contracts/contract.js";
import { ddasClients } from "../../../shared/src/contracts/corporations.js";
import { ddasCases } from "../../../shared/src/contracts/swt.js";
import type { DdasCaseFacts, DdasClientFacts } from "./ddas.mapping.js";

/** Asks a contract; an answer outside it means no export rather than a wrong one. */
async function ask<F extends string, V, A>(peers: PeerClient, contract: PeerContract<F, V, A>, variables: V): Promise<A> {
  try {
    return await askPeer(peers, contract, variables);
  } catch (error) {
    if (!(error instanceof MalformedPeerAnswer)) throw error;
    logger.warn({ peer: contract.peer, what: contract.field, issues: error.issues }, "peer answered in an unexpected shape");
    throw new GraphQLError(`The ${contract.peer} service answered ${contract.field} in an unexpected shape; no export was made. Try again later.`, {
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: contract.peer },
    });
  }
}

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
