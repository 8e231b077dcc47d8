import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { corporationsSubgraph } from "../index.js";
import { RegisterEntryEntity, type RegisterEntryKind } from "../register-entry/register-entry.entity.js";

const MONTHS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on MonitoringMonth {
      month municipalityCode corporationId
      evictions { count suppressed }
      evictionsWithChildren { count suppressed }
      evictionsAged65Plus { count suppressed }
      evictionReasons { reason count { count suppressed } }
      keysReturned { count suppressed }
      evictionsPrevented { count suppressed }
    }
  }
}`;

const key = (month: string, municipalityCode: string, corporationId: string) => ({ month, municipalityCode, corporationId });
const ref = (month: string, municipalityCode: string, corporationId: string) => ({ __typename: "MonitoringMonth", ...key(month, municipalityCode, corporationId) });
/** A true count as published: 0 as 0, 5 and more rounded up to a multiple of 5. */
const shown = (count: number) => ({ count: Math.ceil(count / 5) * 5, suppressed: false });
const SUPPRESSED = { count: null, suppressed: true };

/**
 * The registers' part of the covenant's monitoring (Art. 6.4), reached from the sdv subgraph's
 * monitoring months. The data: Elan Wonen in Haarlem in 2026-03 evicted 6 households (5 for arrears,
 * 1 for nuisance; 5 with children, 1 aged 65+) and prevented 7 evictions; in 2026-04 it took back 4
 * sets of keys. Pré Wonen in Zandvoort prevented 5 evictions in 2026-03.
 */
describe("monitoring months in the corporations subgraph (the registers of Art. 6.4)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const zandvoortSdv: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    let n = 0;
    const entry = (corporationId: string, municipalityCode: string, kind: RegisterEntryKind, occurredOn: string, extra: Partial<RegisterEntryEntity> = {}) => ({
      corporationId,
      municipalityCode,
      kind,
      occurredOn,
      reference: `R-${++n}`,
      withChildren: "NO" as const,
      aged65Plus: "NO" as const,
      reason: kind === "EVICTION" ? "Huurachterstand" : null,
      ...extra,
    });
    await subgraph.db
      .getRepository(RegisterEntryEntity)
      .insert([
        ...[1, 2, 3, 4, 5].map((day) => entry("elan-wonen", "0392", "EVICTION", `2026-03-0${day}`, { withChildren: "YES" })),
        entry("elan-wonen", "0392", "EVICTION", "2026-03-31", { reason: "Overlast", aged65Plus: "YES" }),
        ...[1, 2, 3, 4, 5, 6, 7].map((day) => entry("elan-wonen", "0392", "EVICTION_PREVENTED", `2026-03-1${day}`)),
        ...[1, 2, 3, 4].map((day) => entry("elan-wonen", "0392", "KEYS_RETURNED", `2026-04-0${day}`)),
        ...[1, 2, 3, 4, 5].map((day) => entry("pre-wonen", "0473", "EVICTION_PREVENTED", `2026-03-2${day}`)),
      ]);
  });
  afterAll(() => subgraph?.stop());

  async function months(identity: Identity, representations: ReturnType<typeof ref>[]) {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, MONTHS, { representations });
    expect(result.errors).toBeUndefined();
    return { months: result.data!._entities as Record<string, unknown>[], statements: subgraph.statements() - before };
  }

  it("counts each register per month of occurrence, municipality and corporation, withholding 1 to 4 but not 0 or 5, and the wording of a rare reason", async () => {
    const { months: found } = await months(identities.analyst, [
      ref("2026-03", "0392", "elan-wonen"),
      ref("2026-04", "0392", "elan-wonen"),
      ref("2026-03", "0473", "pre-wonen"),
      ref("2026-03", "0392", "ymere"),
    ]);
    expect(JSON.stringify(found)).not.toContain("Overlast");
    expect(found).toEqual([
      {
        ...key("2026-03", "0392", "elan-wonen"),
        evictions: shown(6),
        evictionsWithChildren: shown(5),
        evictionsAged65Plus: SUPPRESSED,
        evictionReasons: [
          { reason: "Huurachterstand", count: shown(5) },
          { reason: null, count: SUPPRESSED },
        ],
        keysReturned: shown(0),
        evictionsPrevented: shown(7),
      },
      {
        ...key("2026-04", "0392", "elan-wonen"),
        evictions: shown(0),
        evictionsWithChildren: shown(0),
        evictionsAged65Plus: shown(0),
        evictionReasons: [],
        keysReturned: SUPPRESSED,
        evictionsPrevented: shown(0),
      },
      {
        ...key("2026-03", "0473", "pre-wonen"),
        evictions: shown(0),
        evictionsWithChildren: shown(0),
        evictionsAged65Plus: shown(0),
        evictionReasons: [],
        keysReturned: shown(0),
        evictionsPrevented: shown(5),
      },
      {
        ...key("2026-03", "0392", "ymere"),
        evictions: shown(0),
        evictionsWithChildren: shown(0),
        evictionsAged65Plus: shown(0),
        evictionReasons: [],
        keysReturned: shown(0),
        evictionsPrevented: shown(0),
      },
    ]);
  });

  it("an SDV reads the months of the municipalities it serves; those of another come back without counts", async () => {
    const { months: found } = await months(zandvoortSdv, [ref("2026-03", "0473", "pre-wonen"), ref("2026-03", "0392", "elan-wonen")]);
    expect(found[0]).toMatchObject({ municipalityCode: "0473", evictionsPrevented: shown(5) });
    expect(found[1]).toEqual({
      month: "2026-03",
      municipalityCode: "0392",
      corporationId: "elan-wonen",
      evictions: null,
      evictionsWithChildren: null,
      evictionsAged65Plus: null,
      evictionReasons: [],
      keysReturned: null,
      evictionsPrevented: null,
    });
  });

  it("a corporation, an SWT and the budget coach are refused the monitoring counts, even of the corporation's own registers", async () => {
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.budgetCoach]) {
      const result = await subgraph.query(identity, MONTHS, { representations: [ref("2026-03", "0392", "elan-wonen")] });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      expect(JSON.stringify(result.data)).not.toContain('"count":');
    }
  });

  it("36 months of every municipality and corporation take as many statements as one month", async () => {
    const one = await months(identities.coordinator, [ref("2026-03", "0392", "elan-wonen")]);
    const grid = [];
    for (let m = 0; m < 36; m++) {
      const month = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
      for (const municipality of ["0392", "0473"]) for (const corporation of ["elan-wonen", "pre-wonen", "ymere"]) grid.push(ref(month, municipality, corporation));
    }
    const many = await months(identities.coordinator, grid);
    expect(many.months).toHaveLength(216);
    expect(many.months.find((month) => month.month === "2026-03" && month.corporationId === "elan-wonen")).toMatchObject({ evictions: shown(6) });
    expect(many.statements).toBe(one.statements);
  });
});
