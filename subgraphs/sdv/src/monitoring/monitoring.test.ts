import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal, type SignalSeed } from "../signal/signal.fixture.js";
import { addRefusalsToTally, addSignalsToTally, type RefusalKey } from "../tally/signal-tally.js";

const MONITORING = `query($from: String!, $to: String!, $municipalityCode: String, $corporationId: ID) {
  monitoring(from: $from, to: $to, municipalityCode: $municipalityCode, corporationId: $corporationId) {
    month municipalityCode corporationId
    signalsReceived { count suppressed }
    signalsRefused { count suppressed }
    refusedByReason { code count { count suppressed } }
    signalsPerPriority { level count { count suppressed } }
    forwardedToSwt { count suppressed }
    forwardedToBudgetCoach { count suppressed }
    signalsWithdrawn { count suppressed }
  }
}`;

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on MonitoringMonth { month municipalityCode corporationId signalsReceived { count } } }
}`;

/** A true count as published: 0 as 0, 5 and more rounded up to a multiple of 5. */
const shown = (count: number) => ({ count: Math.ceil(count / 5) * 5, suppressed: false });
const SUPPRESSED = { count: null, suppressed: true };
const ZERO = shown(0);
const perPriority = (I: object, II: object, III: object, IV: object) => Object.entries({ I, II, III, IV }).map(([level, count]) => ({ level, count }));
const EMPTY = {
  signalsReceived: ZERO,
  signalsRefused: ZERO,
  refusedByReason: [],
  signalsPerPriority: perPriority(ZERO, ZERO, ZERO, ZERO),
  forwardedToSwt: ZERO,
  forwardedToBudgetCoach: ZERO,
  signalsWithdrawn: ZERO,
};

type Month = Record<string, any>;

/**
 * The covenant's monitoring as sdv lists it (Art. 5.3, 6.3). The data: Elan Wonen's signals for
 * Haarlem of 2026-03: 6 of priority II forwarded to an SWT team (one overridden to I) and 2 of
 * priority IV forwarded to the budget coach; 5 tenants refused for incomplete collection steps, 2 of
 * them also for arrears too recent, and 1 tenant not found (no municipality: in no cell). Pré Wonen's
 * for Zandvoort of 2026-04: 5 received, not yet prioritised.
 */
describe("monitoring of the covenant in the sdv subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const zandvoortSdv: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };
  const refusals: RefusalKey[] = [];

  async function refuse(corporationId: string, reportingMonth: string, reference: string, code: string, municipalityCode: string | null = "0392") {
    const referenceDigest = createHash("sha256").update(`${corporationId}\n${reference}`).digest("hex");
    await subgraph.db.query(
      `insert into intake_refusal (corporation_id, reporting_month, reference_digest, code, municipality_code) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [corporationId, reportingMonth, referenceDigest, code, municipalityCode],
    );
    refusals.push({ corporationId, reportingMonth, referenceDigest, code });
  }

  async function signals(n: number, seed: SignalSeed): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await insertSignal(subgraph.db, seed)).id);
    return ids;
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const elan = { corporationId: "elan-wonen", municipalityCode: "0392", reportingMonth: "2026-03" };
    const [overridden] = await signals(6, { ...elan, priority: "II", status: "FORWARDED", forwardedTo: { target: "SWT", teamId: "haarlem-oost" } });
    await subgraph.db.query(
      `update priority set override_level = 'I', override_reason = 'Bailiff date known by phone.', overridden_by = 'sdv-worker', overridden_at = now() where signal_id = $1`,
      [overridden],
    );
    await signals(2, { ...elan, priority: "IV", amountCents: 5_000, status: "FORWARDED", forwardedTo: { target: "BUDGET_COACH" } });
    for (let i = 0; i < 5; i++) await refuse("elan-wonen", "2026-03", `EW-${i}`, "COLLECTION_STEPS_INCOMPLETE");
    for (let i = 0; i < 2; i++) await refuse("elan-wonen", "2026-03", `EW-${i}`, "ARREARS_TOO_RECENT");
    await refuse("elan-wonen", "2026-03", "EW-unknown", "TENANT_NOT_FOUND", null);
    // The same batch sent again: the same refusals, counted once.
    await refuse("elan-wonen", "2026-03", "EW-0", "COLLECTION_STEPS_INCOMPLETE");
    await signals(5, { corporationId: "pre-wonen", municipalityCode: "0473", reportingMonth: "2026-04" });
  });
  afterAll(() => subgraph?.stop());

  async function monitoring(identity: Identity, variables: Record<string, unknown>) {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, MONITORING, variables);
    expect(result.errors).toBeUndefined();
    return { months: result.data!.monitoring as Month[], statements: subgraph.statements() - before };
  }

  const find = (months: Month[], month: string, municipalityCode: string, corporationId: string) =>
    months.find((m) => m.month === month && m.municipalityCode === municipalityCode && m.corporationId === corporationId);

  it("lists every month × municipality × corporation of the period, empty ones included, in order", async () => {
    const { months } = await monitoring(identities.analyst, { from: "2026-03", to: "2026-04" });
    expect(months.map((m) => `${m.month} ${m.municipalityCode} ${m.corporationId}`)).toEqual(
      ["2026-03", "2026-04"].flatMap((month) =>
        ["0392", "0473"].flatMap((municipality) => ["elan-wonen", "pre-wonen", "ymere"].map((corporation) => `${month} ${municipality} ${corporation}`)),
      ),
    );
    expect(find(months, "2026-03", "0473", "ymere")).toMatchObject(EMPTY);
  });

  it("counts signals by reporting month, municipality and corporation, by the level that counts and the forwarding, withholding 1 to 4 but not 0 or 5", async () => {
    const { months } = await monitoring(identities.coordinator, { from: "2026-03", to: "2026-04" });
    expect(find(months, "2026-03", "0392", "elan-wonen")).toEqual({
      month: "2026-03",
      municipalityCode: "0392",
      corporationId: "elan-wonen",
      signalsReceived: shown(8),
      signalsRefused: shown(5),
      refusedByReason: [
        { code: "ARREARS_TOO_RECENT", count: SUPPRESSED },
        { code: "COLLECTION_STEPS_INCOMPLETE", count: shown(5) },
      ],
      signalsPerPriority: perPriority(SUPPRESSED, shown(5), ZERO, SUPPRESSED),
      forwardedToSwt: shown(6),
      forwardedToBudgetCoach: SUPPRESSED,
      signalsWithdrawn: ZERO,
    });
    expect(find(months, "2026-04", "0473", "pre-wonen")).toMatchObject({ ...EMPTY, signalsReceived: shown(5) });
  });

  it("an SDV lists only the municipalities it serves, and a municipality it does not serve is simply not in its list", async () => {
    const { months } = await monitoring(zandvoortSdv, { from: "2026-03", to: "2026-04" });
    expect(months).toHaveLength(6);
    expect(new Set(months.map((m) => m.municipalityCode))).toEqual(new Set(["0473"]));
    expect(find(months, "2026-04", "0473", "pre-wonen")).toMatchObject({ signalsReceived: shown(5) });
    expect((await monitoring(zandvoortSdv, { from: "2026-03", to: "2026-04", municipalityCode: "0392" })).months).toEqual([]);
    const narrowed = await monitoring(identities.sdvHaarlem, { from: "2026-03", to: "2026-03", municipalityCode: "0392", corporationId: "elan-wonen" });
    expect(narrowed.months).toHaveLength(1);
    expect(narrowed.months[0]).toMatchObject({ signalsReceived: shown(8) });
  });

  it("a corporation, an SWT and the budget coach are refused the monitoring", async () => {
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.budgetCoach]) {
      const result = await subgraph.query(identity, MONITORING, { from: "2026-03", to: "2026-03" });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      expect(result.data?.monitoring ?? null).toBeNull();
      const entities = await subgraph.query(identity, ENTITIES, {
        representations: [{ __typename: "MonitoringMonth", month: "2026-03", municipalityCode: "0392", corporationId: "elan-wonen" }],
      });
      expect(JSON.stringify(entities.data ?? null)).not.toContain('"count":');
    }
  });

  it.each([
    ["a month that is not YYYY-MM", { from: "2026-3", to: "2026-04" }, "from"],
    ["month 13", { from: "2026-01", to: "2026-13" }, "to"],
    ["a period that runs backwards", { from: "2026-04", to: "2026-03" }, "from"],
    ["more than 36 months", { from: "2023-01", to: "2026-01" }, "to"],
    ["a municipality outside the covenant", { from: "2026-03", to: "2026-03", municipalityCode: "0363" }, "municipalityCode"],
    ["an unknown corporation", { from: "2026-03", to: "2026-03", corporationId: "eigen-haard" }, "corporationId"],
  ])("%s is refused with BAD_USER_INPUT naming the argument", async (_name, variables, argument) => {
    const result = await subgraph.query(identities.analyst, MONITORING, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });

  it("36 months take as many statements as one, and 36 months is allowed", async () => {
    const one = await monitoring(identities.analyst, { from: "2026-03", to: "2026-03" });
    const many = await monitoring(identities.analyst, { from: "2024-01", to: "2026-12" });
    expect(one.months).toHaveLength(6);
    expect(many.months).toHaveLength(36 * 6);
    expect(find(many.months, "2026-03", "0392", "elan-wonen")).toMatchObject({ signalsReceived: shown(8) });
    expect(many.statements).toBe(one.statements);
  });

  it("months reached by reference resolve batched, and one the caller may not read is absent", async () => {
    const representations = ["2026-03", "2026-04"].flatMap((month) =>
      ["0392", "0473"].map((municipalityCode) => ({ __typename: "MonitoringMonth", month, municipalityCode, corporationId: "elan-wonen" })),
    );
    const result = await subgraph.query(zandvoortSdv, ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      null,
      { month: "2026-03", municipalityCode: "0473", corporationId: "elan-wonen", signalsReceived: { count: 0 } },
      null,
      { month: "2026-04", municipalityCode: "0473", corporationId: "elan-wonen", signalsReceived: { count: 0 } },
    ]);
  });

  it("the anonymous tally adds to the live signals, and erasing signals after tallying them changes no figure but the withdrawn", async () => {
    const cell = { from: "2026-05", to: "2026-05", municipalityCode: "0392", corporationId: "ymere" };
    const ids = await signals(6, {
      corporationId: "ymere",
      municipalityCode: "0392",
      reportingMonth: "2026-05",
      priority: "II",
      forwardedTo: { target: "SWT", teamId: "haarlem-noord" },
    });
    // Two signals of the month erased earlier, one of them withdrawn.
    await subgraph.db.query(
      `insert into signal_tally (month, municipality_code, corporation_id, metric, count) values
         ('2026-05', '0392', 'ymere', 'RECEIVED', 2), ('2026-05', '0392', 'ymere', 'PRIORITY_III', 2), ('2026-05', '0392', 'ymere', 'WITHDRAWN', 1)`,
    );
    const before = (await monitoring(identities.analyst, cell)).months[0]!;
    expect(before).toMatchObject({ signalsReceived: shown(8), signalsPerPriority: perPriority(ZERO, shown(6), SUPPRESSED, ZERO), signalsWithdrawn: SUPPRESSED });

    const erase = (signalIds: string[], metrics: "all" | "withdrawn") =>
      subgraph.db.transaction(async (manager) => {
        const counted = await addSignalsToTally(manager, signalIds, metrics);
        await manager.query(`delete from signal where id = any($1::uuid[])`, [signalIds]);
        return counted;
      });
    // An objection withdraws 4 signals: only the withdrawn count moves (1 + 4).
    expect(await erase(ids.slice(0, 4), "withdrawn")).toBe(4);
    expect((await monitoring(identities.analyst, cell)).months[0]).toEqual({ ...before, signalsWithdrawn: shown(5) });
    // Retention erases the rest: nothing moves; a retry counts nothing twice.
    expect(await erase(ids.slice(4), "all")).toBe(2);
    expect(await erase(ids, "all")).toBe(0);
    expect((await monitoring(identities.analyst, cell)).months[0]).toEqual({ ...before, signalsWithdrawn: shown(5) });
    expect(await subgraph.db.query(`select count(*)::int as count from signal where corporation_id = 'ymere'`)).toEqual([{ count: 0 }]);
  });

  it("erasing intake refusals after tallying them changes no refusal figure, even when an item's reasons go one by one", async () => {
    const cell = { from: "2026-03", to: "2026-03", municipalityCode: "0392", corporationId: "elan-wonen" };
    const before = (await monitoring(identities.analyst, cell)).months[0]!;
    // As the erasure does it: tally, then delete, in one transaction.
    const erase = (keys: RefusalKey[]) =>
      subgraph.db.transaction(async (manager) => {
        const counted = await addRefusalsToTally(manager, keys);
        await manager.query(`delete from intake_refusal r using unnest($1::text[], $2::text[]) as k(digest, code) where r.reference_digest = k.digest and r.code = k.code`, [
          keys.map((k) => k.referenceDigest),
          keys.map((k) => k.code),
        ]);
        return counted;
      });
    const distinct = [...new Map(refusals.map((r) => [`${r.referenceDigest}|${r.code}`, r])).values()];
    const tooRecent = distinct.filter((r) => r.code === "ARREARS_TOO_RECENT");
    // First only the second reason of two items: those items stay refused through their other reason.
    expect(await erase(tooRecent)).toBe(2);
    expect((await monitoring(identities.analyst, cell)).months[0]).toEqual(before);
    // Then everything, the row without a municipality too (counted nowhere), and once more as a retry.
    expect(await erase(distinct)).toBe(5);
    expect(await erase(distinct)).toBe(0);
    expect((await monitoring(identities.analyst, cell)).months[0]).toEqual(before);
    expect(await subgraph.db.query(`select count(*)::int as count from intake_refusal`)).toEqual([{ count: 0 }]);
  });
});
