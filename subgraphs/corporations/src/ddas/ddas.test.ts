import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { insertArrearsAndSteps, insertTenants } from "../tenant/tenant.fixture.js";

const DDAS_CLIENTS = `query($tenantIds: [ID!]!) {
  ddasClients(tenantIds: $tenantIds) { tenantId postcode houseNumber houseNumberAddition arrearsSince }
}`;

describe("tenants as the DDAS export identifies them, in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let tenants: string[];
  const logOf = (personIds: string[]) =>
    subgraph.db.query(`select person_id, subject, role, fields from access_log where person_id = ANY($1) order by person_id`, [personIds]) as Promise<
      { person_id: string; subject: string; role: string; fields: string[] }[]
    >;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    tenants = [...(await insertTenants(subgraph.db, "elan-wonen", "EW-D", 2)), ...(await insertTenants(subgraph.db, "ymere", "YM-D", 1))];
    await insertArrearsAndSteps(subgraph.db, "elan-wonen", [tenants[0]!]);
    await subgraph.db.query(`update tenant set address_house_number = '40-2', address_postcode = '2041 CD' where id = $1`, [tenants[1]]);
  });
  afterAll(() => subgraph?.stop());

  it("the coordinator reads postcode, house number, addition and arrears start of tenants of any corporation", async () => {
    const unknown = "99999999-9999-4999-8999-999999999999";
    const result = await subgraph.query(identities.coordinator, DDAS_CLIENTS, { tenantIds: [...tenants, unknown, "not-a-uuid"] });
    expect(result.errors).toBeUndefined();
    const byTenant = new Map(result.data!.ddasClients.map((client: { tenantId: string }) => [client.tenantId, client]));
    expect(byTenant.size).toBe(3);
    expect(byTenant.get(tenants[0]!)).toEqual({ tenantId: tenants[0], postcode: "2033AB", houseNumber: "1", houseNumberAddition: null, arrearsSince: "2026-01-01" });
    expect(byTenant.get(tenants[1]!)).toEqual({ tenantId: tenants[1], postcode: "2041CD", houseNumber: "40", houseNumberAddition: "2", arrearsSince: null });
    expect(byTenant.get(tenants[2]!)).toMatchObject({ postcode: "2033AB", houseNumber: "1" });
  });

  it("writes every tenant answered about to the access log, with the fields given out and none of the data", async () => {
    const rows = await logOf(tenants);
    expect(rows).toHaveLength(3);
    const byPerson = new Map(rows.map((row) => [row.person_id, row]));
    expect(byPerson.get(tenants[0]!)).toMatchObject({
      subject: identities.coordinator.sub,
      role: "COORDINATOR",
      fields: ["DdasClient.arrearsSince", "DdasClient.houseNumber", "DdasClient.postcode"],
    });
    expect(byPerson.get(tenants[1]!)!.fields).toEqual(["DdasClient.houseNumber", "DdasClient.houseNumberAddition", "DdasClient.postcode"]);
    // The postcodes' digits given out must not be logged; a random person id may hold them by chance.
    const withoutIds = rows.map(({ person_id: _person, ...rest }) => rest);
    expect(JSON.stringify(withoutIds)).not.toMatch(/2033|2041/);
  });

  it("withholds the address of a tenant with a standing objection, for the SDV and the coordinator alike, until it is withdrawn", async () => {
    const [objector] = await insertTenants(subgraph.db, "elan-wonen", "EW-DO", 1);
    await subgraph.db.query(`insert into objection (corporation_id, tenant_id, reference, recorded_on) values ('elan-wonen', $1, 'EW-DO-B', '2026-02-01')`, [objector]);
    for (const identity of [identities.sdvHaarlem, identities.coordinator]) {
      const result = await subgraph.query(identity, DDAS_CLIENTS, { tenantIds: [objector, tenants[0]] });
      expect(result.errors).toBeUndefined();
      expect(result.data!.ddasClients.map((client: { tenantId: string }) => client.tenantId)).toEqual([tenants[0]]);
    }
    await subgraph.db.query(`update objection set withdrawn_on = '2026-03-01' where reference = 'EW-DO-B'`);
    const after = await subgraph.query(identities.sdvHaarlem, DDAS_CLIENTS, { tenantIds: [objector] });
    expect(after.data!.ddasClients).toHaveLength(1);
  });

  it("refuses every other role with FORBIDDEN, and logs nothing for them", async () => {
    const before = (await logOf(tenants)).length;
    // The SDV may: it makes its municipality's export too (through sdv, which checks the municipality).
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.budgetCoach, identities.analyst]) {
      const result = await subgraph.query(identity, DDAS_CLIENTS, { tenantIds: tenants });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      expect(result.data?.ddasClients ?? null).toBeNull();
    }
    expect((await logOf(tenants)).length).toBe(before);
  });
});
