import { randomUUID } from "node:crypto";
import type { GraphQLResponse } from "../../../test/support/subgraph.js";
import type { Identity } from "../../shared/src/identity.js";
import type { DemoCase, DemoWorld } from "../../shared/src/demo/world.js";
import { todayInNetherlands } from "../../shared/src/clock.js";

/** Identities for swt's own tests, beside the shared ones: a worker of any team, a coach of one municipality. */
export const swtWorkerOf = (team: string): Identity => ({ sub: `swt-worker-${team}`, role: "SWT", orgs: [], team });
export const zandvoortCoach: Identity = { sub: "coach-zandvoort", role: "BUDGET_COACH", orgs: ["0473"] };
export const zandvoortSdv: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };

/** The municipality a demo case belongs to: that of the signal that opened it, as the seed writes it. */
export function municipalityOfCase(world: DemoWorld): (kase: DemoCase) => string {
  const ofSignal = new Map(world.signals.map((signal) => [signal.id, signal.municipalityCode]));
  return (kase) => ofSignal.get(kase.signalIds[0]!)!;
}

export function sortedIds(rows: { id: string }[]): string[] {
  return rows.map((row) => row.id).sort();
}

/** Anything that answers GraphQL for an identity: a test subgraph, or one started with a fake peer. */
export interface Queryable {
  query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** A signal forwarded to a team, as sdv sends it to swt. */
export interface TestReferral {
  signalId: string;
  tenantId: string;
  corporationId: string;
  municipalityCode: string;
  teamId: string;
  forwardedOn: string;
  phase: "ARREARS" | "COLLECTION" | "BAILIFF";
  /** Forwarded anew to another holder: the signal leaves its case. */
  move?: boolean;
}

/** A referral of a new signal of a new household of Elan Wonen in Haarlem, forwarded today to Schalkwijk's team. */
export function testReferral(overrides: Partial<TestReferral> = {}): TestReferral {
  return {
    signalId: randomUUID(),
    tenantId: randomUUID(),
    corporationId: "elan-wonen",
    municipalityCode: "0392",
    teamId: "haarlem-schalkwijk",
    forwardedOn: todayInNetherlands(),
    phase: "ARREARS",
    ...overrides,
  };
}

export const OPEN_CASES = `mutation($referrals: [ReferralInput!]!) {
  openCasesForReferrals(referrals: $referrals) { signalId caseId joinedExisting }
}`;

/** Opens (or joins) cases for the referrals as `identity` would through sdv; fails the test on any error. */
export async function openCases(
  graph: Queryable,
  referrals: TestReferral[],
  identity: Identity = { sub: "sdv-worker", role: "SDV", orgs: ["0392", "0473"] },
): Promise<{ signalId: string; caseId: string; joinedExisting: boolean }[]> {
  const result = await graph.query<{ openCasesForReferrals: { signalId: string; caseId: string; joinedExisting: boolean }[] }>(identity, OPEN_CASES, { referrals });
  if (result.errors?.length) throw new Error(`openCasesForReferrals failed: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.data!.openCasesForReferrals;
}

/** Opens one case for a new household and answers its id. */
export async function openTestCase(graph: Queryable, overrides: Partial<TestReferral> = {}): Promise<{ caseId: string; referral: TestReferral }> {
  const referral = testReferral(overrides);
  const [opened] = await openCases(graph, [referral]);
  return { caseId: opened!.caseId, referral };
}
