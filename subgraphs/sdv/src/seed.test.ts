import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSubgraph } from "../../../test/support/subgraph.js";
import { buildDemoWorld, type DemoWorld } from "../../shared/src/demo/world.js";
import { sdvSubgraph } from "./index.js";
import { seedDemo } from "./seed.js";

describe("the demo seed of sdv", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    world = buildDemoWorld();
  });
  afterAll(() => subgraph?.stop());

  async function counts() {
    const [row] = await subgraph.db.query(`select
      (select count(*) from signal) as signals,
      (select count(*) from signal where previous_signal_id is not null) as repeated,
      (select count(*) from priority) as priorities,
      (select count(*) from referral) as referrals,
      (select count(*) from threshold) as thresholds`);
    return row as Record<string, number>;
  }

  it("writes the world's signals, priorities and forwardings once: seeding again changes nothing", async () => {
    expect(await seedDemo(subgraph.db, world)).toEqual({ signals: world.signals.length });
    const first = await counts();
    expect(first).toEqual({
      signals: world.signals.length,
      repeated: world.signals.filter((s) => s.previousSignalId).length,
      priorities: world.signals.length,
      referrals: world.signals.length,
      thresholds: 1,
    });
    expect(await seedDemo(subgraph.db, world)).toEqual({ signals: world.signals.length });
    expect(await counts()).toEqual(first);
  });

  it("each forwarding carries the case the swt slice of the world opens for it, so none awaits its case", async () => {
    const rows: { signal_id: string; case_id: string | null }[] = await subgraph.db.query(`select signal_id, case_id from referral`);
    const caseOf = new Map(world.cases.flatMap((kase) => kase.signalIds.map((id) => [id, kase.id] as const)));
    expect(rows.filter((row) => row.case_id === null)).toEqual([]);
    for (const row of rows) expect(row.case_id).toBe(caseOf.get(row.signal_id));
  });

  it("each priority keeps the facts it was computed from and the threshold it used", async () => {
    const signal = world.signals.find((s) => s.priority.level === "I" && s.bailiffHandoverOn)!;
    const [row] = await subgraph.db.query(
      `select p.level, p.rule, p.inputs, t.amount_cents as threshold_cents from priority p join threshold t on t.id = p.threshold_id where p.signal_id = $1`,
      [signal.id],
    );
    expect(row).toEqual({
      level: "I",
      rule: signal.priority.rule,
      threshold_cents: 7_500,
      inputs: {
        signalDate: signal.receivedAt.slice(0, 10),
        amountCents: signal.amountCents,
        phase: signal.phase,
        bailiffHandoverOn: signal.bailiffHandoverOn,
        thresholdCents: 7_500,
        bailiffWindowDays: 14,
        knownVulnerableAtSwt: signal.priority.knownVulnerableAtSwt,
      },
    });
  });
});
