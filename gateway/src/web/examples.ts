import type { DevTokenClaims } from "../auth/dev-issuer.js";

/**
 * The README's example operations and the caller each is written for. The README is where they are
 * explained; the explorer offers the same ones, per role, from gateway/public/examples.json, which
 * `npm run docs` writes from the README and test/readme.test.ts keeps equal to it.
 */
export const EXAMPLE_CALLERS: Record<string, DevTokenClaims> = {
  RegisterTenant: { role: "CORPORATION", orgs: ["elan-wonen"] },
  RegisterAnEviction: { role: "CORPORATION", orgs: ["elan-wonen"] },
  SubmitSignals: { role: "CORPORATION", orgs: ["elan-wonen"] },
  MySignalsAwaitingFeedback: { role: "CORPORATION", orgs: ["elan-wonen"] },
  FeedbackOnMySignals: { role: "CORPORATION", orgs: ["elan-wonen"] },
  PhaseCheck: { role: "SDV", orgs: ["0392", "0473"] },
  RaiseThreshold: { role: "SDV", orgs: ["0392", "0473"] },
  NewSignals: { role: "SDV", orgs: ["0392", "0473"] },
  RoutingTable: { role: "SDV", orgs: ["0392", "0473"] },
  MyTeamsOpenCases: { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
  WorkACase: { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
  RecordHousehold: { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
  FollowUpFeedback: { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
  CovenantMonitoring: { role: "ANALYST", orgs: ["0392", "0473"] },
  CovenantCalendar: { role: "CORPORATION", orgs: ["elan-wonen"] },
  DdasDelivery: { role: "COORDINATOR", orgs: ["0392", "0473"] },
  MonthlyPicture: { role: "ANALYST", orgs: ["0392", "0473"] },
  WhoReadWhat: { role: "COORDINATOR", orgs: ["0392", "0473"] },
};

export interface Example {
  name: string;
  kind: "query" | "mutation";
  /** The role the example is written for, and the organisations and team it assumes. */
  role: DevTokenClaims["role"];
  orgs: string[];
  team?: string;
  /** The operation, as the README shows it. */
  operation: string;
}

/** The README's example operations (its ```graphql blocks), each with its caller. */
export function readmeExamples(readme: string): Example[] {
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => {
    const operation = match[1]!;
    const head = /^(query|mutation)\s+(\w+)/m.exec(operation);
    if (!head) throw new Error(`A README example has no named query or mutation:\n${operation.slice(0, 200)}`);
    const [, kind, name] = head;
    const caller = EXAMPLE_CALLERS[name!];
    if (!caller) throw new Error(`The README example ${name} has no caller in gateway/src/web/examples.ts (EXAMPLE_CALLERS).`);
    return { name: name!, kind: kind as Example["kind"], role: caller.role, orgs: caller.orgs ?? [], ...(caller.team ? { team: caller.team } : {}), operation };
  });
}

/** gateway/public/examples.json as `npm run docs` writes it. */
export function examplesFile(readme: string): string {
  return `${JSON.stringify(readmeExamples(readme), null, 2)}\n`;
}
