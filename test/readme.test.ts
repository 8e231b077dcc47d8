import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevTokenClaims } from "../gateway/src/auth/dev-issuer.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/** The README's example operations, run as the users it shows them for. */
const ROLE_OF: Record<string, DevTokenClaims> = {
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

const examples = [...readFileSync("README.md", "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the README's example queries", () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
  });
  afterAll(() => graph?.stop());

  it("are all known here", () => {
    const names = examples.map((text) => /^(?:query|mutation)\s+(\w+)/m.exec(text)?.[1]);
    expect(names.sort()).toEqual(Object.keys(ROLE_OF).sort());
  });

  for (const [name, claims] of Object.entries(ROLE_OF)) {
    it(`${name} runs without errors and returns data`, async () => {
      const text = examples.find((e) => new RegExp(`^(query|mutation)\\s+${name}\\b`, "m").test(e))!;
      const result = await graph.query(await graph.token(claims), text);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toMatch(/"edges":\[\]/);
    });
  }
});
