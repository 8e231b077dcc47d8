import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal } from "../signal/signal.fixture.js";

const VISIBLE = `query($ids: [ID!]) { visibleTenantIds(ids: $ids) }`;

/**
 * visibleTenantIds: how the corporations subgraph learns, on the caller's behalf, which tenants have
 * a live signal the caller may see, and so whose contact data it may read.
 */
describe("tenants with a live signal the caller may see (visibleTenantIds)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const tenant = {
    received: randomUUID(),
    forwarded: randomUUID(),
    withdrawn: randomUUID(),
    closed: randomUUID(),
    closedThenSignalledAgain: randomUUID(),
    zandvoort: randomUUID(),
    toCoach: randomUUID(),
  };
  const sdvOnlyHaarlem: Identity = { sub: "sdv-haarlem-only", role: "SDV", orgs: ["0392"] };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const db = subgraph.db;
    await insertSignal(db, { tenantId: tenant.received, corporationId: "elan-wonen", status: "RECEIVED" });
    await insertSignal(db, {
      tenantId: tenant.forwarded,
      corporationId: "ymere",
      status: "FORWARDED",
      forwardedTo: { target: "SWT", teamId: "haarlem-schalkwijk" },
    });
    await insertSignal(db, { tenantId: tenant.withdrawn, corporationId: "elan-wonen", status: "WITHDRAWN" });
    await insertSignal(db, { tenantId: tenant.closed, corporationId: "elan-wonen", status: "CLOSED", forwardedTo: { target: "SWT", teamId: "haarlem-schalkwijk" } });
    await insertSignal(db, { tenantId: tenant.closedThenSignalledAgain, corporationId: "elan-wonen", reportingMonth: "2026-08", status: "CLOSED" });
    await insertSignal(db, { tenantId: tenant.closedThenSignalledAgain, corporationId: "elan-wonen", reportingMonth: "2026-09", status: "RECEIVED" });
    await insertSignal(db, { tenantId: tenant.zandvoort, corporationId: "pre-wonen", municipalityCode: "0473", status: "RECEIVED" });
    await insertSignal(db, { tenantId: tenant.toCoach, corporationId: "pre-wonen", status: "FORWARDED", forwardedTo: { target: "BUDGET_COACH" } });
  });
  afterAll(() => subgraph?.stop());

  async function visible(identity: Identity, ids: string[] | null): Promise<string[]> {
    const result = await subgraph.query(identity, VISIBLE, { ids });
    expect(result.errors).toBeUndefined();
    return [...result.data!.visibleTenantIds].sort();
  }
  const sorted = (...ids: string[]) => [...ids].sort();

  it("an SDV gets the tenants with a received or forwarded signal in the municipalities it serves, and none whose signals are withdrawn or closed", async () => {
    expect(await visible(sdvOnlyHaarlem, null)).toEqual(sorted(tenant.received, tenant.forwarded, tenant.closedThenSignalledAgain, tenant.toCoach));
    expect(await visible(identities.sdvHaarlem, null)).toEqual(sorted(tenant.received, tenant.forwarded, tenant.closedThenSignalledAgain, tenant.toCoach, tenant.zandvoort));
  });

  it("of the ids asked, only those visible and live come back; an id that is no tenant id is ignored", async () => {
    expect(await visible(sdvOnlyHaarlem, [tenant.received, tenant.withdrawn, tenant.closed, tenant.zandvoort, randomUUID(), "EW-100007"])).toEqual([tenant.received]);
    expect(await visible(sdvOnlyHaarlem, [])).toEqual([]);
  });

  it("a corporation gets its own tenants with a live signal, an SWT team those forwarded to it, the budget coach its referrals", async () => {
    expect(await visible(identities.elanWonen, null)).toEqual(sorted(tenant.received, tenant.closedThenSignalledAgain));
    expect(await visible(identities.ymere, null)).toEqual([tenant.forwarded]);
    // The closed signal was forwarded to Schalkwijk too, but no longer opens the tenant's data.
    expect(await visible(identities.swtSchalkwijk, null)).toEqual([tenant.forwarded]);
    expect(await visible(identities.budgetCoach, null)).toEqual([tenant.toCoach]);
  });

  it("answers with one SQL statement however many tenants are asked", async () => {
    const before = subgraph.statements();
    await visible(identities.sdvHaarlem, Object.values(tenant));
    expect(subgraph.statements() - before).toBe(1);
  });

  it("analysts and the coordinator are refused: they never learn who has a signal", async () => {
    for (const identity of [identities.analyst, identities.coordinator]) {
      const result = await subgraph.query(identity, VISIBLE, { ids: null });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      expect(result.data?.visibleTenantIds, identity.role).toBeUndefined();
    }
  });

  it("is hidden from the public graph: the subgraph's schema marks it @inaccessible", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, `{ _service { sdl } }`);
    const line = (result.data!._service.sdl as string).split("\n").find((l) => l.includes("visibleTenantIds("));
    expect(line).toContain("@inaccessible");
  });
});
