import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { buildDemoWorld, type DemoCase, type DemoWorld } from "../../../shared/src/demo/world.js";
import { DDAS_OUTCOME, type DdasCaseOutcome } from "../case/case.enums.js";
import { DDAS_CONTACT_KIND, DDAS_PART_OF_DAY, type ContactKind, type PartOfDay } from "../contact-attempt/contact-attempt.enums.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";

const DDAS_CASES = `query($signalIds: [ID!]!) {
  ddasCases(signalIds: $signalIds) { id signalIds outcome openedOn contactAttempts { kind reached on partOfDay } }
}`;

type DdasCase = { id: string; signalIds: string[]; outcome: string | null; openedOn: string; contactAttempts: { kind: string; reached: boolean; on: string; partOfDay: string }[] };

const DAY_ORDER = ["MORNING", "AFTERNOON", "EVENING"];

describe("cases as the DDAS export reports them, in the swt subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  let bundled: DemoCase;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    await seedDemo(subgraph.db, world);
    bundled = world.cases.find((kase) => kase.signalIds.length >= 3 && kase.contactAttempts.length >= 2)!;
    expect(bundled).toBeDefined();
  });
  afterAll(() => subgraph?.stop());

  it("the coordinator reads a case by any of its signals: all its signals (the opening one first), day taken up and contact attempts in DDAS's words", async () => {
    const result = await subgraph.query<{ ddasCases: DdasCase[] }>(identities.coordinator, DDAS_CASES, { signalIds: [bundled.signalIds[1]] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.ddasCases).toHaveLength(1);
    const [kase] = result.data!.ddasCases;
    const attempts = [...bundled.contactAttempts].sort((a, b) => a.on.localeCompare(b.on) || DAY_ORDER.indexOf(a.partOfDay) - DAY_ORDER.indexOf(b.partOfDay));
    expect(kase).toMatchObject({
      id: bundled.id,
      signalIds: bundled.signalIds,
      openedOn: bundled.openedOn,
      contactAttempts: attempts.map((attempt) => ({
        kind: DDAS_CONTACT_KIND[attempt.kind as ContactKind],
        reached: attempt.reached,
        on: attempt.on,
        partOfDay: DDAS_PART_OF_DAY[attempt.partOfDay as PartOfDay],
      })),
    });
  });

  it("gives the end result as DDAS writes it, and null while a case has none", async () => {
    await subgraph.db.query(`update "case" set outcome = 'NOT_TAKEN_UP_REPEATED_SIGNAL' where id = $1`, [bundled.id]);
    const open = world.cases.find((kase) => kase.status === "OPEN" && kase.id !== bundled.id)!;
    await subgraph.db.query(`update "case" set outcome = null where id = $1`, [open.id]);
    const result = await subgraph.query<{ ddasCases: DdasCase[] }>(identities.coordinator, DDAS_CASES, {
      signalIds: [bundled.signalIds[0], open.signalIds[0]],
    });
    expect(result.errors).toBeUndefined();
    const byId = new Map(result.data!.ddasCases.map((kase) => [kase.id, kase]));
    expect(byId.get(bundled.id)!.outcome).toBe(DDAS_OUTCOME["NOT_TAKEN_UP_REPEATED_SIGNAL" as DdasCaseOutcome]);
    expect(byId.get(bundled.id)!.outcome).toBe("Niet opgepakt: herhaalde melding");
    expect(byId.get(open.id)!.outcome).toBeNull();
  });

  it("answers each case once however many of its signals are asked, by the day taken up, and nothing for unknown ids", async () => {
    const asked = world.cases.slice(0, 40);
    const signalIds = [...asked.flatMap((kase) => kase.signalIds), "99999999-9999-4999-8999-999999999999", "not-a-uuid"];
    const result = await subgraph.query<{ ddasCases: DdasCase[] }>(identities.coordinator, DDAS_CASES, { signalIds });
    expect(result.errors).toBeUndefined();
    const ids = result.data!.ddasCases.map((kase) => kase.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(asked.map((kase) => kase.id).sort());
    const days = result.data!.ddasCases.map((kase) => kase.openedOn);
    expect(days).toEqual([...days].sort());
  });

  it("refuses every other role with FORBIDDEN", async () => {
    // The SDV may: it makes its municipality's export too (through sdv, which checks the municipality).
    for (const identity of [identities.swtSchalkwijk, identities.budgetCoach, identities.analyst, identities.elanWonen]) {
      const result = await subgraph.query(identity, DDAS_CASES, { signalIds: bundled.signalIds });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      expect(result.data?.ddasCases ?? null).toBeNull();
    }
  });
});
