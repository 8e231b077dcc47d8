import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { SUPPRESSION_THRESHOLD } from "../../../shared/src/authorization.js";
import type { Identity } from "../../../shared/src/identity.js";
import { buildDemoWorld, demoId, type DemoCase, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { outcomeOf, seedDemo } from "../seed.js";
import { municipalityOfCase, zandvoortSdv } from "../testing.js";

const COUNTS = `query($groupBy: [CaseGroup!]!, $filter: CaseCountFilter) {
  caseCounts(groupBy: $groupBy, filter: $filter) { month teamId municipalityCode status outcome contactMade takenIntoTreatment households suppressed }
}`;

type Cell = Record<string, string | boolean | number | null>;
const KEYS = ["month", "teamId", "municipalityCode", "status", "outcome", "contactMade", "takenIntoTreatment"] as const;
const GROUP_KEY = {
  MONTH_OPENED: "month",
  TEAM: "teamId",
  MUNICIPALITY: "municipalityCode",
  STATUS: "status",
  OUTCOME: "outcome",
  CONTACT_MADE: "contactMade",
  TAKEN_INTO_TREATMENT: "takenIntoTreatment",
} as const;

describe("case counts for monitoring, with small cells suppressed", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  let municipalityOf: ReturnType<typeof municipalityOfCase>;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    municipalityOf = municipalityOfCase(world);
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  /** The cells the demo world should give: distinct households per combination of keys, small ones withheld. */
  /** A count of 5 or more as published: rounded up to a multiple of 5. */
  const roundedUp = (count: number) => Math.ceil(count / 5) * 5;

  function expectedCells(cases: DemoCase[], groupBy: (keyof typeof GROUP_KEY)[]): Cell[] {
    const valueOf: Record<(typeof KEYS)[number], (c: DemoCase) => string | boolean | null> = {
      month: (c) => c.openedOn.slice(0, 7),
      teamId: (c) => c.teamId,
      municipalityCode: (c) => municipalityOf(c),
      status: (c) => c.status,
      outcome: (c) => outcomeOf(c),
      contactMade: (c) => c.feedback?.contactMade ?? null,
      takenIntoTreatment: (c) => c.feedback?.takenIntoTreatment ?? null,
    };
    const grouped = new Set(groupBy.map((g) => GROUP_KEY[g]));
    const cells = new Map<string, { keys: Cell; tenants: Set<string> }>();
    for (const kase of cases) {
      const keys = Object.fromEntries(KEYS.map((k) => [k, grouped.has(k) ? valueOf[k](kase) : null]));
      const id = JSON.stringify(keys);
      if (!cells.has(id)) cells.set(id, { keys, tenants: new Set() });
      cells.get(id)!.tenants.add(kase.tenantId);
    }
    return [...cells.values()].map(({ keys, tenants }) =>
      tenants.size < SUPPRESSION_THRESHOLD ? { ...keys, households: null, suppressed: true } : { ...keys, households: roundedUp(tenants.size), suppressed: false },
    );
  }

  async function counts(identity: Identity, groupBy: string[], filter?: Record<string, unknown>) {
    const before = subgraph.statements();
    const result = await subgraph.query<{ caseCounts: Cell[] }>(identity, COUNTS, { groupBy, filter });
    expect(result.errors).toBeUndefined();
    return { cells: result.data!.caseCounts, statements: subgraph.statements() - before };
  }

  const sorted = (cells: Cell[]) => [...cells].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it("an analyst counts households per team and status in one statement, with every cell under 5 suppressed and the others shown", async () => {
    const { cells, statements } = await counts(identities.analyst, ["TEAM", "STATUS"]);
    expect(statements).toBe(1);
    expect(sorted(cells)).toEqual(sorted(expectedCells(world.cases, ["TEAM", "STATUS"])));
    expect(cells.some((cell) => cell.suppressed && cell.households === null)).toBe(true);
    expect(cells.some((cell) => !cell.suppressed && (cell.households as number) >= SUPPRESSION_THRESHOLD)).toBe(true);
  });

  it("a cell of 4 households is suppressed and one of 5 is shown, counting households rather than cases", async () => {
    // Both in January 2020, before any demo case: 4 households with 6 cases in one team, 5 households in another.
    const rows: [string, string][] = [
      ...[0, 1, 2, 3, 0, 1].map((n): [string, string] => ["zandvoort", demoId(`count-test:four:${n}`)]),
      ...[0, 1, 2, 3, 4].map((n): [string, string] => ["haarlem-oost", demoId(`count-test:five:${n}`)]),
    ];
    for (const [team, tenant] of rows) {
      await subgraph.db.query(
        `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on)
         values ($1, $2, 'ymere', (select municipality_code from team where id = $1), 'OPEN', '2020-01-15', '2020-01-15', 'ARREARS', '2020-01-29')`,
        [team, tenant],
      );
    }
    try {
      const { cells } = await counts(identities.coordinator, ["TEAM", "MONTH_OPENED"], { openedFrom: "2020-01-01", openedTo: "2020-01-31" });
      expect(cells).toEqual([
        { ...nulls(), month: "2020-01", teamId: "haarlem-oost", households: 5, suppressed: false },
        { ...nulls(), month: "2020-01", teamId: "zandvoort", households: null, suppressed: true },
      ]);
    } finally {
      await subgraph.db.query(`delete from "case" where opened_on = '2020-01-15'`);
    }
  });

  it("every grouping key and filter gives the cells the cases hold", async () => {
    const all = Object.keys(GROUP_KEY) as (keyof typeof GROUP_KEY)[];
    for (const key of all) {
      expect(sorted((await counts(identities.coordinator, [key])).cells), key).toEqual(sorted(expectedCells(world.cases, [key])));
    }
    expect(sorted((await counts(identities.coordinator, ["MUNICIPALITY", "CONTACT_MADE", "TAKEN_INTO_TREATMENT"])).cells)).toEqual(
      sorted(expectedCells(world.cases, ["MUNICIPALITY", "CONTACT_MADE", "TAKEN_INTO_TREATMENT"])),
    );
    const filter = { openedFrom: "2026-07-01", openedTo: "2026-09-30", municipalityCode: "0392", teamId: "budget-coach" };
    const filtered = world.cases.filter((c) => c.openedOn >= "2026-07-01" && c.openedOn <= "2026-09-30" && municipalityOf(c) === "0392" && c.teamId === "budget-coach");
    expect(filtered.length).toBeGreaterThan(0);
    expect(sorted((await counts(identities.coordinator, ["MONTH_OPENED"], filter)).cells)).toEqual(sorted(expectedCells(filtered, ["MONTH_OPENED"])));
  });

  it("without grouping keys there is one total, and no key is filled in", async () => {
    const { cells } = await counts(identities.analyst, []);
    expect(cells).toEqual([{ ...nulls(), households: roundedUp(new Set(world.cases.map((c) => c.tenantId)).size), suppressed: false }]);
  });

  it("SDV counts only the cases of the municipalities it serves", async () => {
    const { cells } = await counts(zandvoortSdv, ["TEAM"]);
    expect(sorted(cells)).toEqual(
      sorted(
        expectedCells(
          world.cases.filter((c) => municipalityOf(c) === "0473"),
          ["TEAM"],
        ),
      ),
    );
    const { cells: haarlem } = await counts(zandvoortSdv, ["TEAM"], { municipalityCode: "0392" });
    expect(haarlem).toEqual([]);
  });

  it("an SWT worker, the budget coach and a corporation are refused case counts", async () => {
    for (const identity of [identities.swtSchalkwijk, identities.budgetCoach, identities.elanWonen]) {
      const result = await subgraph.query(identity, COUNTS, { groupBy: ["TEAM"] });
      expect(
        result.errors?.map((e) => e.extensions?.code),
        identity.role,
      ).toEqual(["FORBIDDEN"]);
    }
  });

  it("a period that ends before it starts, or a municipality that is not a CBS code, is refused with a message that says what to fix", async () => {
    const period = await subgraph.query(identities.analyst, COUNTS, { groupBy: ["TEAM"], filter: { openedFrom: "2026-09-01", openedTo: "2026-08-01" } });
    expect(period.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(period.errors?.[0]?.message).toMatch(/swap/);
    const municipality = await subgraph.query(identities.analyst, COUNTS, { groupBy: ["TEAM"], filter: { municipalityCode: "Haarlem" } });
    expect(municipality.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(municipality.errors?.[0]?.message).toMatch(/four digits/);
  });
});

function nulls(): Cell {
  return Object.fromEntries(KEYS.map((k) => [k, null]));
}
