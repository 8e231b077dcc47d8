import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { buildDemoWorld, demoId, type DemoCase, type DemoWorld } from "../../../shared/src/demo/world.js";
import { swtSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";
import { municipalityOfCase, swtWorkerOf, zandvoortSdv } from "../testing.js";

const VISIBLE = `query($ids: [ID!]) { visibleTenantIds(ids: $ids) }`;

describe("visibleTenantIds: which tenants a caller may see because of a case", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
    await seedDemo(subgraph.db, world);
  });
  afterAll(() => subgraph?.stop());

  const tenantsOf = (cases: DemoCase[]) => [...new Set(cases.filter((c) => c.status !== "CLOSED").map((c) => c.tenantId))].sort();

  async function visible(identity: Identity, ids: string[] | null) {
    const before = subgraph.statements();
    const result = await subgraph.query<{ visibleTenantIds: string[] }>(identity, VISIBLE, { ids });
    expect(result.errors).toBeUndefined();
    return { ids: [...result.data!.visibleTenantIds].sort(), statements: subgraph.statements() - before };
  }

  it("an SWT worker is told the tenants with a case of its team that is not closed, in one statement", async () => {
    // A tenant whose only case with the team is closed, so that the rule on closed cases is put to the test.
    const closedOnly = world.cases.find(
      (c) => c.teamId !== BUDGET_COACH_TEAM.id && c.status === "CLOSED" && !world.cases.some((o) => o.tenantId === c.tenantId && o.teamId === c.teamId && o.status !== "CLOSED"),
    )!;
    expect(closedOnly).toBeDefined();
    const team = closedOnly.teamId;
    const worker = swtWorkerOf(team);

    const all = await visible(worker, null);
    expect(all.ids.length).toBeGreaterThan(0);
    expect(all.ids).toEqual(tenantsOf(world.cases.filter((c) => c.teamId === team)));
    expect(all.ids).not.toContain(closedOnly.tenantId);
    expect(all.statements).toBe(1);

    const asked = [closedOnly.tenantId, all.ids[0]!, world.cases.find((c) => c.teamId !== team)!.tenantId, demoId("no such tenant"), "not-a-uuid"];
    const some = await visible(worker, asked);
    expect(some.ids).toEqual(tenantsOf(world.cases.filter((c) => c.teamId === team && asked.includes(c.tenantId))));
    expect(some.ids).toContain(all.ids[0]);
    expect(some.ids).not.toContain(closedOnly.tenantId);
    expect(some.statements).toBe(1);
  });

  it("the budget coach is told the tenants of its open referrals, and SDV those of open cases in its municipalities", async () => {
    expect((await visible(identities.budgetCoach, null)).ids).toEqual(tenantsOf(world.cases.filter((c) => c.teamId === BUDGET_COACH_TEAM.id)));
    const municipalityOf = municipalityOfCase(world);
    expect((await visible(zandvoortSdv, null)).ids).toEqual(tenantsOf(world.cases.filter((c) => municipalityOf(c) === "0473")));
  });

  it("an empty list of ids is answered without asking the database", async () => {
    const none = await visible(identities.swtSchalkwijk, []);
    expect(none).toEqual({ ids: [], statements: 0 });
  });

  it("a corporation, an analyst and the coordinator are refused", async () => {
    for (const identity of [identities.elanWonen, identities.analyst, identities.coordinator]) {
      const result = await subgraph.query(identity, VISIBLE, { ids: null });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    }
  });
});
