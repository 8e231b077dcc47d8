import { GraphQLError } from "graphql";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import type { IntakeFacts } from "./intake.rules.js";

const INTAKE_FACTS = `query IntakeFacts($corporationId: ID!, $references: [String!]!) {
  intakeFacts(corporationId: $corporationId, references: $references) {
    reference tenantId corporationId municipalityCode postcode houseNumber
    arrears { amountCents since phase bailiffHandoverOn }
    collectionSteps { kind takenOn }
    hasStandingObjection
  }
}`;

const HOUSEHOLD_FACTS = `query HouseholdFacts($households: [HouseholdKeyInput!]!) {
  householdFacts(households: $households) { tenantId priorityThreeApplies }
}`;

function malformed(peer: string, what: string): GraphQLError {
  logger.warn({ peer, what }, "peer answered in an unexpected shape");
  return new GraphQLError(`The ${peer} service answered ${what} in an unexpected shape; nothing of this batch was stored. Send it again later.`, {
    extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: peer },
  });
}

const isString = (value: unknown): value is string => typeof value === "string";
const isDate = (value: unknown): value is string => isString(value) && /^\d{4}-\d{2}-\d{2}$/.test(value);

function isFacts(value: unknown): value is IntakeFacts {
  const v = value as IntakeFacts;
  if (!v || !isString(v.reference) || !isString(v.tenantId) || !isString(v.corporationId) || !isString(v.municipalityCode)) return false;
  if (!isString(v.postcode) || !isString(v.houseNumber) || typeof v.hasStandingObjection !== "boolean" || !Array.isArray(v.collectionSteps)) return false;
  if (!v.collectionSteps.every((s) => s && isString(s.kind) && isDate(s.takenOn))) return false;
  if (v.arrears !== null) {
    const a = v.arrears;
    if (!a || !Number.isInteger(a.amountCents) || !isDate(a.since) || !["ARREARS", "COLLECTION", "BAILIFF"].includes(a.phase)) return false;
    if (a.bailiffHandoverOn !== null && !isDate(a.bailiffHandoverOn)) return false;
  }
  return true;
}

/**
 * The tenants' facts the corporation recorded (arrears, collection steps, objection, address), read
 * from the corporations subgraph in one call for the whole batch, on the submitting corporation's
 * behalf: that subgraph answers only for the caller's own tenants. Keyed by reference; a reference
 * it does not answer, or answers for another corporation, is a tenant not found.
 */
export async function intakeFactsOf(peers: PeerClient, corporationId: string, references: string[]): Promise<Map<string, IntakeFacts>> {
  if (references.length === 0) return new Map();
  const answer = await peers.query<{ intakeFacts: unknown }>("corporations", INTAKE_FACTS, { corporationId, references });
  if (!Array.isArray(answer.intakeFacts) || !answer.intakeFacts.every(isFacts)) throw malformed("corporations", "intakeFacts");
  return new Map(answer.intakeFacts.filter((f) => f.corporationId === corporationId).map((f) => [f.reference, f]));
}

/**
 * Of the given tenants, those for whom priority III applies (known at the SWT, with children under 18
 * or a member aged 65+), asked of the swt subgraph in one call. The SWT knows a household by its
 * address, so each tenant travels with the address the corporation registered. Only the derived fact
 * crosses back, never the household profile; a tenant the SWT does not answer for is not known there.
 */
export async function knownVulnerableAtSwt(peers: PeerClient, households: { tenantId: string; postcode: string; houseNumber: string }[]): Promise<Set<string>> {
  if (households.length === 0) return new Set();
  const answer = await peers.query<{ householdFacts: unknown }>("swt", HOUSEHOLD_FACTS, { households });
  const facts = answer.householdFacts as { tenantId?: unknown; priorityThreeApplies?: unknown }[];
  if (!Array.isArray(facts) || !facts.every((f) => f && isString(f.tenantId) && typeof f.priorityThreeApplies === "boolean")) {
    throw malformed("swt", "householdFacts");
  }
  return new Set(facts.filter((f) => f.priorityThreeApplies === true).map((f) => f.tenantId as string));
}
