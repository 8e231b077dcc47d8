import { randomUUID } from "node:crypto";
import { answering, startFakePeer, type FakePeer, type PeerCall } from "../../../../test/support/peers.js";
import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { sdvSubgraph } from "../index.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import type { ReferralForCase } from "../referral/case-opening-request.js";
import { intakeFacts } from "../../../shared/src/contracts/corporations.js";
import { householdFacts, openCasesForReferrals } from "../../../shared/src/contracts/swt.js";
import { COLLECTION_STEPS, type IntakeFacts } from "./intake.rules.js";

/**
 * Test stand-ins for the corporations and swt subgraphs (not used by the running subgraph). The fake
 * corporations answers `intakeFacts` from the tenants a test registers, only for the caller's own
 * corporation, as the real one does; the fake swt answers `householdFacts` from a set of tenants
 * for whom priority III applies, and `openCasesForReferrals` as the real one does: one case per
 * signal (asked again, the same case), a household's later signal joins its case, and only for a
 * corporation's own signals or an SDV's municipalities. Both record every call and can be made to fail.
 */
export type PeerOfSdv = FakePeer<{ query: string; variables: Record<string, unknown>; role: string; orgs: string[] }>;

/** What the fixture's tests read of a call: the operation's text and variables, and the caller's role and organisations. */
const asCalled = ({ query, variables, claims }: PeerCall) => ({ query, variables, role: claims.role, orgs: claims.orgs });

/** A date `days` days before today in the Netherlands. */
export function daysAgo(days: number): string {
  return addDays(todayInNetherlands(), -days);
}

/**
 * The facts of a tenant who may be signalled today: 60 days of EUR 250 arrears, all four steps, in
 * Haarlem-Oost. The steps belong to these arrears: taken 50 to 35 days ago, or on the day the
 * arrears began when that is later (a step before it would not count, Art. 3.2).
 */
export function tenantFacts(overrides: Partial<IntakeFacts> & { reference: string }): IntakeFacts {
  const arrears: IntakeFacts["arrears"] =
    overrides.arrears === undefined ? { amountCents: 25_000, since: daysAgo(60), phase: "ARREARS", bailiffHandoverOn: null } : overrides.arrears;
  const stepOn = (day: string) => (arrears && arrears.since > day ? arrears.since : day);
  return {
    tenantId: randomUUID(),
    corporationId: "elan-wonen",
    municipalityCode: "0392",
    postcode: "2033 AB",
    houseNumber: "12",
    arrears,
    collectionSteps: COLLECTION_STEPS.map((step, i) => ({ kind: step.kind, takenOn: stepOn(daysAgo(50 - i * 5)) })),
    hasStandingObjection: false,
    ...overrides,
  };
}

/**
 * The sdv subgraph on a fresh database with fake corporations and swt peers, called the way the
 * gateway calls it: its own token plus a token for each peer, all for the caller's identity.
 */
export async function startSdvWithPeers() {
  /** Tenants the fake corporations subgraph knows, by reference. */
  const tenants = new Map<string, IntakeFacts>();
  /** Tenants for whom the fake swt says priority III applies. */
  const vulnerable = new Set<string>();
  const corporations: PeerOfSdv = await startFakePeer(
    "corporations",
    [
      answering(intakeFacts, (variables, claims) =>
        variables.references
          .map((reference) => tenants.get(reference))
          .filter((f): f is IntakeFacts => !!f && f.corporationId === variables.corporationId && claims.orgs.includes(f.corporationId)),
      ),
    ],
    { record: asCalled },
  );
  /** The cases the fake swt opened: case id per signal id, and the household's case per tenant id. */
  const cases = { bySignal: new Map<string, string>(), byTenant: new Map<string, string>(), teamOf: new Map<string, string>() };
  const allowed = (claims: { role: string; orgs: string[] }) => (r: ReferralForCase) =>
    claims.orgs.includes(claims.role === "CORPORATION" ? r.corporationId : claims.role === "SDV" || claims.role === "COORDINATOR" ? r.municipalityCode : "");
  const swt: PeerOfSdv = await startFakePeer(
    "swt",
    [
      answering(openCasesForReferrals, (variables, claims) =>
        variables.referrals.filter(allowed(claims)).map((r) => {
          const known = cases.bySignal.get(r.signalId);
          if (known) return { signalId: r.signalId, caseId: known, teamId: cases.teamOf.get(known) ?? r.teamId, joinedExisting: true };
          const household = cases.byTenant.get(r.tenantId);
          const caseId = household ?? randomUUID();
          cases.byTenant.set(r.tenantId, caseId);
          cases.bySignal.set(r.signalId, caseId);
          if (!cases.teamOf.has(caseId)) cases.teamOf.set(caseId, r.teamId);
          return { signalId: r.signalId, caseId, teamId: cases.teamOf.get(caseId)!, joinedExisting: household !== undefined };
        }),
      ),
      answering(householdFacts, (variables) =>
        variables.households
          .map(({ tenantId }) => tenantId)
          .filter((tenantId) => vulnerable.has(tenantId))
          .map((tenantId) => ({ tenantId, priorityThreeApplies: true })),
      ),
    ],
    { record: asCalled },
  );
  // Its scheduled jobs call the fake peers in sdv's own name (runJob; nothing runs on a timer here).
  const running = await startTestSubgraph(sdvSubgraph, { peers: { corporations, swt }, signsOwnCalls: true });
  return {
    ...running,
    tenants,
    vulnerable,
    cases,
    /** Registers tenants with the fake corporations subgraph; returns them. */
    register(...facts: IntakeFacts[]): IntakeFacts[] {
      for (const f of facts) tenants.set(f.reference, f);
      return facts;
    },
  };
}

export type SdvWithPeers = Awaited<ReturnType<typeof startSdvWithPeers>>;
