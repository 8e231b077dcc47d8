import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import type { PriorityInputsRecord } from "../priority/priority.entity.js";
import { prioritise } from "../priority/priority.rules.js";
import { DEFAULT_THRESHOLD } from "../threshold/threshold.defaults.js";

const ANALYSIS = `query($from: YearMonth!, $to: YearMonth!, $candidates: [Int!]!) {
  thresholdAnalysis(fromMonth: $from, toMonth: $to, candidatesCents: $candidates) {
    fromMonth toMonth signals households suppressed
    candidates { thresholdCents levels { level signals households suppressed } }
  }
}`;

describe("the threshold analysis of covenant phase I", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;

  /** A signal of `month` with a stored priority; amounts in euros. */
  async function signal(month: string, euros: number, extra: Partial<PriorityInputsRecord> = {}, municipalityCode = "0392") {
    const inputs: PriorityInputsRecord = {
      signalDate: `${month}-15`,
      amountCents: euros * 100,
      phase: "ARREARS",
      bailiffHandoverOn: null,
      thresholdCents: DEFAULT_THRESHOLD.amountCents,
      bailiffWindowDays: 14,
      knownVulnerableAtSwt: false,
      ...extra,
    };
    const computed = prioritise(inputs);
    const [row] = await subgraph.db.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase)
       values ($1, 'elan-wonen', $2, $3, $4, 'VPS', now(), $5, $6) returning id`,
      [randomUUID(), municipalityCode, month, inputs.signalDate, inputs.amountCents, inputs.phase],
    );
    await subgraph.db.query(`insert into priority (signal_id, level, rule, reason, inputs, threshold_id, computed_at) values ($1, $2, $3, $4, $5, $6, now())`, [
      row.id,
      computed.level,
      computed.rule,
      computed.reason,
      inputs,
      DEFAULT_THRESHOLD.id,
    ]);
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    // April-May 2021: 6 households at EUR 40, 6 at EUR 60, 6 at EUR 100, 2 with the bailiff at EUR 20, 1 known-vulnerable at EUR 30.
    for (let i = 0; i < 6; i++) {
      await signal("2021-04", 40);
      await signal("2021-05", 60);
      await signal("2021-05", 100);
    }
    await signal("2021-04", 20, { phase: "BAILIFF" });
    await signal("2021-05", 20, { phase: "BAILIFF" });
    await signal("2021-05", 30, { knownVulnerableAtSwt: true });
    // Outside the period, and in Zandvoort:
    await signal("2021-07", 500);
    await signal("2021-05", 500, {}, "0473");
  });
  afterAll(() => subgraph?.stop());

  async function analyse(identity: Identity, candidates: number[], from = "2021-04", to = "2021-06") {
    const result = await subgraph.query(identity, ANALYSIS, { from, to, candidates });
    expect(result.errors).toBeUndefined();
    return result.data!.thresholdAnalysis;
  }

  const levels = (candidate: { levels: { level: string; signals: number | null }[] }) => Object.fromEntries(candidate.levels.map((l) => [l.level, l.signals]));

  it("counts, per candidate threshold, the period's signals in each level, recomputed from the stored inputs", async () => {
    const onlyHaarlem: Identity = { sub: "sdv-haarlem", role: "SDV", orgs: ["0392"] };
    const analysis = await analyse(onlyHaarlem, [5_000, 7_500, 10_000]);
    expect(analysis).toMatchObject({ fromMonth: "2021-04", toMonth: "2021-06", signals: 25, households: 25, suppressed: false });
    expect(analysis.candidates.map((c: { thresholdCents: number }) => c.thresholdCents)).toEqual([5_000, 7_500, 10_000]);
    // Fewer than 5 households in a cell: suppressed (the 2 bailiff cases, the 1 known-vulnerable one);
    // the others rounded up to a multiple of 5 (21 signals published as 25, 12 as 15, 6 as 10).
    expect(levels(analysis.candidates[0])).toEqual({ I: null, II: 15, III: null, IV: 10 });
    expect(levels(analysis.candidates[1])).toEqual({ I: null, II: 10, III: null, IV: 15 });
    // Exactly EUR 100 is at the threshold of EUR 100: level II.
    expect(levels(analysis.candidates[2])).toEqual({ I: null, II: 10, III: null, IV: 15 });
    expect(analysis.candidates[0].levels[0]).toEqual({ level: "I", signals: null, households: null, suppressed: true });
  });

  it("analysts and the coordinator count the whole covenant, an SDV only the municipalities it serves", async () => {
    expect((await analyse(identities.analyst, [7_500])).signals).toBe(25);
    expect((await analyse(identities.coordinator, [7_500])).signals).toBe(25);
    expect((await analyse({ sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] }, [7_500])).suppressed).toBe(true);
  });

  it("is no business of corporations, SWT teams or the budget coach", async () => {
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.budgetCoach]) {
      const result = await subgraph.query(identity, ANALYSIS, { from: "2021-04", to: "2021-06", candidates: [7_500] });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
    }
  });

  it("refuses a period given back to front, and candidates that are no amounts", async () => {
    for (const [from, to, candidates] of [
      ["2021-06", "2021-04", [7_500]],
      ["2021-04", "2021-06", []],
      ["2021-04", "2021-06", [0]],
    ] as const) {
      const result = await subgraph.query(identities.analyst, ANALYSIS, { from, to, candidates });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });

  it("takes one SQL statement whatever the number of candidates", async () => {
    const count = async (candidates: number[]) => {
      const before = subgraph.statements();
      await analyse(identities.analyst, candidates);
      return subgraph.statements() - before;
    };
    expect(await count([7_500])).toBe(1);
    expect(await count(Array.from({ length: 20 }, (_, i) => (i + 1) * 1_000))).toBe(1);
  });
});
