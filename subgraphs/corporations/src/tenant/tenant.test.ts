import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";

const UPSERT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id reference name address { postcode municipalityCode } corporation { id } } }`;
const input = (overrides: Record<string, unknown> = {}) => ({
  reference: "EW-1",
  name: "Anna de Vries",
  birthDate: "1980-02-03",
  phone: "0612345678",
  email: "anna@example.nl",
  address: { street: "Zomervaart", houseNumber: "12", postcode: "2033ab", city: "Haarlem", municipalityCode: "0392" },
  sector: "SOCIAL",
  ...overrides,
});

describe("tenants in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it("a repeated upsert with the same reference updates the tenant instead of adding one", async () => {
    const first = await subgraph.query(identities.elanWonen, UPSERT, { input: input() });
    const second = await subgraph.query(identities.elanWonen, UPSERT, { input: input({ name: "Anna de Vries-Bos" }) });
    expect(first.errors).toBeUndefined();
    expect(second.data?.upsertTenant.id).toBe(first.data?.upsertTenant.id);
    expect(second.data?.upsertTenant.name).toBe("Anna de Vries-Bos");
    expect(second.data?.upsertTenant.address.postcode).toBe("2033 AB");
    const [{ count }] = await subgraph.db.query(`select count(*)::int as count from tenant where reference = 'EW-1'`);
    expect(count).toBe(1);
  });

  it("a postcode that is not Dutch is refused with a message that says how to write it, and nothing is written", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: input({ reference: "EW-2", address: { ...input().address, postcode: "ABC" } }) });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/four digits and two letters/);
    const [{ count }] = await subgraph.db.query(`select count(*)::int as count from tenant where reference = 'EW-2'`);
    expect(count).toBe(0);
  });

  it("a corporation cannot register a tenant for another corporation", async () => {
    const result = await subgraph.query(identities.elanWonen, UPSERT, { input: input({ reference: "YM-1", corporationId: "ymere" }) });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a request without the gateway's token is refused before any resolver runs", async () => {
    const response = await fetch(subgraph.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ tenants(first: 1) { edges { node { id } } } }" }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
  });
});
