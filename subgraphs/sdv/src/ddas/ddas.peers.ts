import { GraphQLError } from "graphql";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import type { DdasCaseFacts, DdasClientFacts } from "./ddas.mapping.js";

const DDAS_CLIENTS = `query DdasClients($tenantIds: [ID!]!) {
  ddasClients(tenantIds: $tenantIds) { tenantId postcode houseNumber houseNumberAddition arrearsSince }
}`;

const DDAS_CASES = `query DdasCases($signalIds: [ID!]!) {
  ddasCases(signalIds: $signalIds) { id signalIds outcome openedOn contactAttempts { kind reached on partOfDay } }
}`;

function malformed(peer: string, what: string): GraphQLError {
  logger.warn({ peer, what }, "peer answered in an unexpected shape");
  return new GraphQLError(`The ${peer} service answered ${what} in an unexpected shape; no export was made. Try again later.`, {
    extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: peer },
  });
}

const isString = (value: unknown): value is string => typeof value === "string";
const isDate = (value: unknown): value is string => isString(value) && /^\d{4}-\d{2}-\d{2}$/.test(value);

function isClient(value: unknown): value is DdasClientFacts {
  const v = value as DdasClientFacts;
  return (
    !!v &&
    isString(v.tenantId) &&
    isString(v.postcode) &&
    isString(v.houseNumber) &&
    (v.houseNumberAddition === null || isString(v.houseNumberAddition)) &&
    (v.arrearsSince === null || isDate(v.arrearsSince))
  );
}

function isCase(value: unknown): value is DdasCaseFacts {
  const v = value as DdasCaseFacts;
  if (!v || !isString(v.id) || !isDate(v.openedOn) || (v.outcome !== null && !isString(v.outcome))) return false;
  if (!Array.isArray(v.signalIds) || !v.signalIds.every(isString)) return false;
  return (
    Array.isArray(v.contactAttempts) &&
    v.contactAttempts.every((a) => a && isString(a.kind) && typeof a.reached === "boolean" && isDate(a.on) && isString(a.partOfDay))
  );
}

/**
 * The address (postcode, house number) and arrears start of the given tenants, as DDAS wants them,
 * asked of the corporations subgraph in one call on the coordinator's behalf. That subgraph answers
 * only the coordinator and records every tenant it answers about in its access log.
 */
export async function ddasClientsOf(peers: PeerClient, tenantIds: string[]): Promise<DdasClientFacts[]> {
  if (tenantIds.length === 0) return [];
  const answer = await peers.query<{ ddasClients: unknown }>("corporations", DDAS_CLIENTS, { tenantIds });
  if (!Array.isArray(answer.ddasClients) || !answer.ddasClients.every(isClient)) throw malformed("corporations", "ddasClients");
  return answer.ddasClients;
}

/** The cases that hold any of the given signals, in DDAS's words, asked of the swt subgraph in one call. */
export async function ddasCasesOf(peers: PeerClient, signalIds: string[]): Promise<DdasCaseFacts[]> {
  if (signalIds.length === 0) return [];
  const answer = await peers.query<{ ddasCases: unknown }>("swt", DDAS_CASES, { signalIds });
  if (!Array.isArray(answer.ddasCases) || !answer.ddasCases.every(isCase)) throw malformed("swt", "ddasCases");
  return answer.ddasCases;
}
