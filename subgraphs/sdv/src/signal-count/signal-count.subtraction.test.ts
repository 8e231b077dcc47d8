import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { publishCount } from "../../../shared/src/authorization.js";
import type { PriorityLevelValue } from "../priority/priority.entity.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal } from "../signal/signal.fixture.js";

const COUNTS = `query($groupBy: [SignalGroup!]!, $filter: SignalCountFilter) {
  signalCounts(groupBy: $groupBy, filter: $filter) { month municipalityCode corporationId priorityLevel status households signals suppressed }
}`;

type Key = "month" | "municipalityCode" | "corporationId" | "priorityLevel" | "status";
const GROUPS: Record<string, Key> = { MONTH: "month", MUNICIPALITY: "municipalityCode", CORPORATION: "corporationId", PRIORITY: "priorityLevel", STATUS: "status" };
type Seeded = Record<Key, string> & { tenant: number };
type Filter = { fromMonth?: string; toMonth?: string; municipalityCode?: string; corporationId?: string };

/** What a caller learns of a true count from what is published: the values it may have. */
function window(published: { households: number | null; suppressed: boolean }): [number, number] {
  if (published.suppressed) return [1, 4];
  const shown = published.households!;
  if (shown === 0) return [0, 0];
  // Rounded up to a multiple of 5 from 5 on: 5 stands for 5 only, 10 for 6..10, 15 for 11..15.
  return shown === 5 ? [5, 5] : [shown - 4, shown];
}

/** A tiny deterministic random source, so that the data is the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Small counts stay hidden under subtraction: whatever two count queries a caller combines
 * (another grouping, another filter, the total), a difference of published counts never gives the
 * exact value of a cell that was withheld. The data is made to have many small cells.
 */
describe("a withheld count cannot be recovered by subtracting published counts", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const next = random(20261201);
    const pick = <T>(values: readonly T[], weights: readonly number[]) => {
      let r = next() * weights.reduce((a, b) => a + b, 0);
      for (let i = 0; i < values.length; i++) if ((r -= weights[i]!) < 0) return values[i]!;
      return values.at(-1)!;
    };
    for (let tenant = 0; tenant < 140; tenant++) {
      const signal = {
        month: pick(["2026-07", "2026-08", "2026-09"], [5, 3, 2]),
        municipalityCode: pick(["0392", "0473"], [4, 1]),
        corporationId: pick(["elan-wonen", "pre-wonen", "ymere"], [5, 2, 1]),
        priorityLevel: pick(["I", "II", "III", "IV"], [1, 5, 1, 3]),
        status: pick(["RECEIVED", "FORWARDED"], [1, 3]),
      };
      seeded.push({ ...signal, tenant });
      const { tenantId } = await insertSignal(subgraph.db, {
        ...signal,
        reportingMonth: signal.month,
        priority: signal.priorityLevel as PriorityLevelValue,
        status: signal.status as never,
      });
      // Some households are signalled again a later month: cells by month then share households.
      if (tenant % 9 === 0 && signal.month !== "2026-09") {
        const again = { ...signal, month: "2026-09" };
        seeded.push({ ...again, tenant });
        await insertSignal(subgraph.db, { ...again, tenantId, reportingMonth: "2026-09", priority: again.priorityLevel as PriorityLevelValue, status: again.status as never });
      }
    }
  }, 120_000);
  afterAll(() => subgraph?.stop());

  /** Every grouping of up to two keys, with no filter and with each filter alone. */
  function queries(): { groupBy: string[]; filter: Filter }[] {
    const names = Object.keys(GROUPS);
    const groupings: string[][] = [[], ...names.map((n) => [n]), ...names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b]))];
    const filters: Filter[] = [
      {},
      { municipalityCode: "0392" },
      { municipalityCode: "0473" },
      { corporationId: "elan-wonen" },
      { corporationId: "pre-wonen" },
      { corporationId: "ymere" },
      { fromMonth: "2026-08" },
      { toMonth: "2026-08" },
      { fromMonth: "2026-09", toMonth: "2026-09" },
    ];
    return groupings.flatMap((groupBy) => filters.map((filter) => ({ groupBy, filter })));
  }

  /** The true households of each cell of a query, from the seeded data, as a bit set of tenants. */
  function trueCells(groupBy: string[], filter: Filter): Map<string, bigint> {
    const cells = new Map<string, bigint>();
    for (const s of seeded) {
      if (filter.municipalityCode && s.municipalityCode !== filter.municipalityCode) continue;
      if (filter.corporationId && s.corporationId !== filter.corporationId) continue;
      if (filter.fromMonth && s.month < filter.fromMonth) continue;
      if (filter.toMonth && s.month > filter.toMonth) continue;
      const key = groupBy.map((g) => s[GROUPS[g]!]).join("|");
      cells.set(key, (cells.get(key) ?? 0n) | (1n << BigInt(s.tenant)));
    }
    return cells;
  }

  const size = (set: bigint) =>
    set
      .toString(2)
      .split("")
      .filter((bit) => bit === "1").length;

  interface Cell {
    households: bigint;
    published: { households: number | null; suppressed: boolean };
  }

  /**
   * The attacker: wherever a cell of one answer holds exactly the households of some cells of the
   * other (or of the same) answer, the whole is the sum of its parts; a withheld count among them
   * is then the whole minus the others. Returns, per withheld count, the values it can still have.
   */
  function attack(answers: Cell[][], learn: (cell: Cell) => [number, number]): { range: [number, number]; truth: number }[] {
    const found: { range: [number, number]; truth: number }[] = [];
    for (const wholes of answers) {
      for (const parts of answers) {
        for (const whole of wholes) {
          const inside = parts.filter((part) => part !== whole && (part.households & ~whole.households) === 0n);
          const union = inside.reduce((all, part) => all | part.households, 0n);
          if (union !== whole.households || inside.length === 0) continue;
          if (inside.reduce((sum, part) => sum + size(part.households), 0) !== size(whole.households)) continue; // parts overlap: no sum
          const [wholeMin, wholeMax] = learn(whole);
          const bounds = inside.map(learn);
          const partsMin = bounds.reduce((sum, [min]) => sum + min, 0);
          const partsMax = bounds.reduce((sum, [, max]) => sum + max, 0);
          if (whole.published.suppressed) found.push({ range: [Math.max(1, partsMin), Math.min(4, partsMax)], truth: size(whole.households) });
          inside.forEach((part, i) => {
            if (!part.published.suppressed) return;
            const [min, max] = bounds[i]!;
            found.push({ range: [Math.max(1, wholeMin - (partsMax - max)), Math.min(4, wholeMax - (partsMin - min))], truth: size(part.households) });
          });
        }
      }
    }
    return found;
  }

  it("publishes every cell of every grouping and filter by the rule: 1 to 4 withheld, the rest rounded up to a multiple of 5", async () => {
    for (const { groupBy, filter } of queries()) {
      const result = await subgraph.query(identities.analyst, COUNTS, { groupBy, filter });
      expect(result.errors).toBeUndefined();
      const published = result.data!.signalCounts as (Record<Key, string | null> & { households: number | null; suppressed: boolean })[];
      const truth = trueCells(groupBy, filter);
      expect(published).toHaveLength(truth.size);
      for (const cell of published) {
        const households = size(truth.get(groupBy.map((g) => cell[GROUPS[g]!]).join("|"))!);
        if (households < 5) expect(cell).toMatchObject({ households: null, suppressed: true });
        else expect(cell).toMatchObject({ households: Math.ceil(households / 5) * 5, suppressed: false });
      }
    }
  });

  it("no pair of count queries, nor one alone, pins a withheld cell to one value", async () => {
    const answers: Cell[][] = [];
    for (const { groupBy, filter } of queries()) {
      const result = await subgraph.query(identities.analyst, COUNTS, { groupBy, filter });
      const truth = trueCells(groupBy, filter);
      answers.push(
        (result.data!.signalCounts as (Record<Key, string | null> & { households: number | null; suppressed: boolean })[]).map((cell) => ({
          households: truth.get(groupBy.map((g) => cell[GROUPS[g]!]).join("|"))!,
          published: { households: cell.households, suppressed: cell.suppressed },
        })),
      );
    }
    let withheld = 0;
    let exactRecoveries = 0;
    let pairs = 0;
    for (let a = 0; a < answers.length; a++) {
      for (let b = a; b < answers.length; b++) {
        pairs += 1;
        const pair = a === b ? [answers[a]!] : [answers[a]!, answers[b]!];
        for (const { range, truth } of attack(pair, (cell) => window(cell.published))) {
          withheld += 1;
          expect(truth).toBeGreaterThanOrEqual(range[0]);
          expect(truth).toBeLessThanOrEqual(range[1]);
          expect(range[1] - range[0], `a withheld ${truth} was pinned by queries ${a} and ${b}`).toBeGreaterThanOrEqual(1);
        }
        // The same attack on exact counts (what was published before rounding) does recover cells.
        for (const { range } of attack(pair, (cell) => (cell.published.suppressed ? [1, 4] : [size(cell.households), size(cell.households)]))) {
          if (range[0] === range[1]) exactRecoveries += 1;
        }
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
    expect(withheld).toBeGreaterThan(1_000);
    expect(exactRecoveries).toBeGreaterThan(100);
  }, 240_000);

  it("rounds each count on its own: 0 stays 0, 1 to 4 is withheld, 5 is 5, 6 to 10 are 10", () => {
    expect(publishCount(0)).toEqual({ count: 0, suppressed: false });
    for (const n of [1, 2, 3, 4]) expect(publishCount(n)).toEqual({ count: null, suppressed: true });
    expect(publishCount(5)).toEqual({ count: 5, suppressed: false });
    for (const n of [6, 7, 8, 9, 10]) expect(publishCount(n)).toEqual({ count: 10, suppressed: false });
    for (const n of [11, 13, 15]) expect(publishCount(n)).toEqual({ count: 15, suppressed: false });
    expect(publishCount(1001)).toEqual({ count: 1005, suppressed: false });
  });
});
