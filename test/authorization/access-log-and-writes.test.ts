import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickTargets, type Targets } from "./targets.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

describe("the access log, through the gateway", () => {
  let graph: TestGraph;
  let targets: Targets;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    targets = pickTargets();
  });
  afterAll(() => graph?.stop());

  it("records who read which fields of whom, in which operation, without the data, and the coordinator can read it", async () => {
    const sdv = await graph.token({ role: "SDV", orgs: ["0392"], sub: "caseworker-17" });
    const read = await graph.query(sdv, `query CheckSignalHousehold($id: ID!) { tenant(id: $id) { name phone arrears { amountCents } } }`, { id: targets.elanTenant });
    expect(read.errors).toBeUndefined();
    const name = read.data!.tenant.name as string;

    const coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"] });
    const log = await graph.query(
      coordinator,
      `query($id: ID!) { accessLog(first: 10, filter: { personId: $id }) { edges { node { subject role organisations personId fields operationName } } } }`,
      { id: targets.elanTenant },
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data!.accessLog.edges.map((e: any) => e.node);
    expect(entries).toContainEqual({
      subject: "caseworker-17",
      role: "SDV",
      organisations: ["0392"],
      personId: targets.elanTenant,
      fields: ["Tenant.arrears", "Tenant.name", "Tenant.phone"],
      operationName: "CheckSignalHousehold",
    });
    expect(JSON.stringify(log.data)).not.toContain(name);
  });

  it("cannot be changed or emptied, not even by the service's own database user", async () => {
    const db = graph.subgraphs.corporations.dataSource;
    const [{ count }] = await db.query(`select count(*)::int as count from access_log`);
    expect(count).toBeGreaterThan(0);
    await expect(db.query(`update access_log set subject = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from access_log`)).rejects.toThrow(/append-only/);
    await expect(db.query(`truncate access_log`)).rejects.toThrow(/append-only/);
    const [{ after }] = await db.query(`select count(*)::int as after from access_log`);
    expect(after).toBe(count);
  });
});

describe("writing outside one's own rows, through the gateway", () => {
  let graph: TestGraph;
  let targets: Targets;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    targets = pickTargets();
  });
  afterAll(() => graph?.stop());

  const tenantInput = (reference: string, corporationId?: string) => ({
    ...(corporationId ? { corporationId } : {}),
    reference,
    name: "Intruder Test",
    address: { street: "Kerkstraat", houseNumber: "1", postcode: "2042 AB", city: "Zandvoort", municipalityCode: "0473" },
    sector: "SOCIAL",
  });

  it("a corporation cannot write a tenant for another corporation; nothing changes", async () => {
    const elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"] });
    const ymereTenant = targets.world.tenants.find((t) => t.id === targets.ymereTenant)!;
    const result = await graph.query(elan, `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`, { input: tenantInput(ymereTenant.reference, "ymere") });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(result.errors?.[0]?.message).toMatch(/ymere/);
    const [row] = await graph.subgraphs.corporations.dataSource.query(`select name from tenant where id = $1`, [targets.ymereTenant]);
    expect(row.name).toBe(ymereTenant.name);
  });

  it("a corporation cannot change another corporation's tenant's arrears by using its reference", async () => {
    const elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"] });
    const ymereTenant = targets.world.tenants.find((t) => t.id === targets.ymereTenant)!;
    const result = await graph.query(elan, `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`, {
      input: { tenantReference: ymereTenant.reference, amountCents: 1, since: "2026-01-01", phase: "ARREARS" },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe("TENANT_NOT_FOUND");
    const [row] = await graph.subgraphs.corporations.dataSource.query(`select amount_cents from arrears where tenant_id = $1`, [targets.ymereTenant]);
    expect(row.amount_cents).toBe(ymereTenant.arrears!.amountCents);
  });

  it("roles that may not write get FORBIDDEN from the gateway, and nothing reaches a subgraph", async () => {
    for (const role of ["SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR"] as const) {
      const token = await graph.token({ role, orgs: ["0392"], team: role === "SWT" ? targets.elanTeam : undefined });
      const before = graph.statements();
      const result = await graph.query(token, `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`, { input: tenantInput(`X-${role}`, "elan-wonen") });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(result.data).toBeNull();
      expect(graph.statements()).toBe(before);
    }
  });
});
