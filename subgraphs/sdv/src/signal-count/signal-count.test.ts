import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal } from "../signal/signal.fixture.js";

const COUNTS = `query($groupBy: [SignalGroup!]!, $filter: SignalCountFilter) {
  signalCounts(groupBy: $groupBy, filter: $filter) {
    month municipalityCode corporationId priorityLevel status channel forwardedTo households signals suppressed
  }
}`;

const EMPTY_KEYS = { month: null, municipalityCode: null, corporationId: null, priorityLevel: null, status: null, channel: null, forwardedTo: null };

/**
 * Counts for analysts, the coordinator and SDV: cells, never rows, and no cell small enough to point
 * at a household. The data: in 2026-09, Zandvoort has 5 households (one signalled twice by two
 * corporations, so 6 signals), Haarlem 4; in 2026-08 Haarlem has 7.
 */
describe("counts of signals (signalCounts)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const zandvoortSdv: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const db = subgraph.db;
    const twiceSignalled = randomUUID();
    await insertSignal(db, { tenantId: twiceSignalled, municipalityCode: "0473", corporationId: "pre-wonen", priority: "II", forwardedTo: { target: "SWT", teamId: "zandvoort" } });
    await insertSignal(db, { tenantId: twiceSignalled, municipalityCode: "0473", corporationId: "ymere", priority: "II", forwardedTo: { target: "SWT", teamId: "zandvoort" } });
    for (let i = 0; i < 4; i++) {
      await insertSignal(db, { municipalityCode: "0473", corporationId: "pre-wonen", priority: "II", forwardedTo: { target: "SWT", teamId: "zandvoort" } });
    }
    for (let i = 0; i < 4; i++) {
      await insertSignal(db, { municipalityCode: "0392", corporationId: "elan-wonen", priority: "IV", amountCents: 5_000, forwardedTo: { target: "BUDGET_COACH" } });
    }
    for (let i = 0; i < 7; i++) {
      await insertSignal(db, { municipalityCode: "0392", corporationId: "elan-wonen", reportingMonth: "2026-08", priority: i < 5 ? "I" : "III" });
    }
  });
  afterAll(() => subgraph?.stop());

  async function counts(identity: Identity, groupBy: string[], filter?: Record<string, unknown>) {
    const result = await subgraph.query(identity, COUNTS, { groupBy, filter });
    expect(result.errors).toBeUndefined();
    return result.data!.signalCounts as Record<string, unknown>[];
  }

  it("a cell of fewer than 5 households is suppressed, and one of 5 or more is shown with households counted once", async () => {
    expect(await counts(identities.analyst, ["MUNICIPALITY"], { fromMonth: "2026-09", toMonth: "2026-09" })).toEqual([
      { ...EMPTY_KEYS, municipalityCode: "0392", households: null, signals: null, suppressed: true },
      { ...EMPTY_KEYS, municipalityCode: "0473", households: 5, signals: 10, suppressed: false },
    ]);
  });

  it("grouping by month, priority and forwarding follows the reporting month, the level that counts and the forwarding target", async () => {
    const cells = await counts(identities.coordinator, ["MONTH", "PRIORITY", "FORWARDED_TO"]);
    expect(cells).toEqual([
      { ...EMPTY_KEYS, month: "2026-08", priorityLevel: "I", households: 5, signals: 5, suppressed: false },
      { ...EMPTY_KEYS, month: "2026-08", priorityLevel: "III", households: null, signals: null, suppressed: true },
      { ...EMPTY_KEYS, month: "2026-09", priorityLevel: "II", forwardedTo: "SWT", households: 5, signals: 10, suppressed: false },
      { ...EMPTY_KEYS, month: "2026-09", priorityLevel: "IV", forwardedTo: "BUDGET_COACH", households: null, signals: null, suppressed: true },
    ]);
  });

  it("an SDV of Zandvoort counts only Zandvoort's signals, even when it asks for Haarlem", async () => {
    expect(await counts(zandvoortSdv, [])).toEqual([{ ...EMPTY_KEYS, households: 5, signals: 10, suppressed: false }]);
    expect(await counts(zandvoortSdv, ["MUNICIPALITY", "STATUS", "CHANNEL"])).toEqual([
      { ...EMPTY_KEYS, municipalityCode: "0473", status: "RECEIVED", channel: "VPS", households: 5, signals: 10, suppressed: false },
    ]);
    expect(await counts(zandvoortSdv, ["CORPORATION"], { municipalityCode: "0392" })).toEqual([]);
  });

  it("the filters narrow the signals counted", async () => {
    expect(await counts(identities.analyst, [], { fromMonth: "2026-08", toMonth: "2026-08" })).toEqual([{ ...EMPTY_KEYS, households: 10, signals: 10, suppressed: false }]);
    expect(await counts(identities.analyst, ["CORPORATION"], { municipalityCode: "0473", corporationId: "pre-wonen" })).toEqual([
      { ...EMPTY_KEYS, corporationId: "pre-wonen", households: 5, signals: 5, suppressed: false },
    ]);
    const reversed = await subgraph.query(identities.analyst, COUNTS, { groupBy: [], filter: { fromMonth: "2026-09", toMonth: "2026-08" } });
    expect(reversed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("is one SQL statement, whatever the keys", async () => {
    const before = subgraph.statements();
    await counts(identities.coordinator, ["MONTH", "MUNICIPALITY", "CORPORATION", "PRIORITY", "STATUS", "CHANNEL", "FORWARDED_TO"]);
    expect(subgraph.statements() - before).toBe(1);
  });

  it("partners that work with rows (corporations, SWT, the budget coach) are refused the counts", async () => {
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.budgetCoach]) {
      const result = await subgraph.query(identity, COUNTS, { groupBy: ["MUNICIPALITY"] });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
    }
  });
});
