import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoWorld } from "../../shared/src/demo/world.js";
import { identities, startTestSubgraph } from "../../../test/support/subgraph.js";
import { corporationsSubgraph } from "./index.js";
import { seedDemo } from "./seed.js";

const TABLES = ["tenant", "arrears", "collection_step", "objection", "register_entry"] as const;

describe("the demo seed of the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const world = buildDemoWorld();
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = (await subgraph.db.query(`select count(*)::int as count from ${table}`))[0].count;
    return result;
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it("writes the whole world, and a second run changes nothing", async () => {
    const first = await seedDemo(subgraph.db, world);
    expect(first.tenants).toBe(world.tenants.length);
    const after = await counts();
    expect(after).toEqual({
      tenant: world.tenants.length,
      arrears: world.tenants.filter((t) => t.arrears).length,
      collection_step: world.tenants.reduce((n, t) => n + t.collectionSteps.length, 0),
      objection: world.tenants.filter((t) => t.objection).length,
      register_entry: world.registerEntries.length,
    });
    const snapshot = await subgraph.db.query(`select id, updated_at from tenant order by id`);

    const second = await seedDemo(subgraph.db, world);
    expect(second.tenants).toBe(0);
    expect(await counts()).toEqual(after);
    expect(await subgraph.db.query(`select id, updated_at from tenant order by id`)).toEqual(snapshot);
  });

  it("keeps the world's tenant ids, so the other subgraphs' slices point at them", async () => {
    const tenant = world.tenants.find((t) => t.arrears && t.collectionSteps.length === 4)!;
    const result = await subgraph.query(
      { sub: "demo", role: "CORPORATION", orgs: [tenant.corporationId] },
      `query($id: ID!) { tenant(id: $id) { reference arrears { amountCents since phase } collectionSteps { reference kind takenOn takenBy } } }`,
      { id: tenant.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenant).toEqual({
      reference: tenant.reference,
      arrears: { amountCents: tenant.arrears!.amountCents, since: tenant.arrears!.since, phase: tenant.arrears!.phase },
      collectionSteps: tenant.collectionSteps,
    });
  });

  it("seeded register entries are listed per corporation", async () => {
    const result = await subgraph.query(identities.elanWonen, `{ registerEntries(first: 500) { edges { node { reference } } } }`);
    expect(result.data?.registerEntries.edges).toHaveLength(world.registerEntries.filter((e) => e.corporationId === "elan-wonen").length);
  });
});
