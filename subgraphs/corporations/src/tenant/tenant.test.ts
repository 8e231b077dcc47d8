import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { corporationsSubgraph } from "../index.js";
import { insertArrearsAndSteps, insertTenants } from "./tenant.fixture.js";

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

  it("an identical repeat of an upsert changes nothing, not even the time of the last change", async () => {
    await subgraph.query(identities.elanWonen, UPSERT, { input: input({ reference: "EW-3" }) });
    const before = await subgraph.db.query(`select * from tenant where reference = 'EW-3'`);
    const again = await subgraph.query(identities.elanWonen, UPSERT, { input: input({ reference: "EW-3" }) });
    expect(again.errors).toBeUndefined();
    expect(await subgraph.db.query(`select * from tenant where reference = 'EW-3'`)).toEqual(before);
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

  describe("reached by reference from another subgraph", () => {
    const ENTITIES = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Tenant { id reference arrears { amountCents phase } collectionSteps { kind } objections { reference } } }
    }`;
    let pre: string[];
    let ymere: string[];
    beforeAll(async () => {
      pre = await insertTenants(subgraph.db, "pre-wonen", "PW-E", 100);
      ymere = await insertTenants(subgraph.db, "ymere", "YM-E", 3);
      await insertArrearsAndSteps(subgraph.db, "pre-wonen", pre);
      await insertArrearsAndSteps(subgraph.db, "ymere", ymere);
    });
    const representations = (ids: string[]) => ids.map((id) => ({ __typename: "Tenant", id }));

    it("many tenants asked by id at once cost as many SQL statements as one", async () => {
      const run = async (ids: string[]) => {
        const before = subgraph.statements();
        const result = await subgraph.query(identities.preWonen, ENTITIES, { representations: representations(ids) });
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities.map((t: { id: string }) => t.id)).toEqual(ids);
        expect(result.data?._entities.every((t: any) => t.arrears.amountCents === 12_345 && t.collectionSteps.length === 4)).toBe(true);
        return subgraph.statements() - before;
      };
      const one = await run(pre.slice(0, 1));
      const hundred = await run(pre);
      expect(hundred).toBe(one);
    });

    it("a corporation gets null for another corporation's tenant, in place, and no error that confirms it exists", async () => {
      const ids = [pre[0]!, ymere[0]!, pre[1]!, "00000000-0000-4000-8000-000000000000", "not-a-uuid"];
      const result = await subgraph.query(identities.preWonen, ENTITIES, { representations: representations(ids) });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities.map((t: { id: string } | null) => t?.id ?? null)).toEqual([pre[0], null, pre[1], null, null]);
    });

    it.each([
      ["an analyst", identities.analyst],
      ["the coordinator", identities.coordinator],
    ])("%s walking in by reference finds no tenant, and no error says one exists", async (_who, identity) => {
      const result = await subgraph.query(identity, ENTITIES, { representations: representations([pre[0]!, ymere[0]!]) });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([null, null]);
    });

    it("an SDV worker whose sdv service cannot be asked gets no tenant, and an error that says the service could not be asked", async () => {
      // No peer tokens come with a single subgraph's request, so the sdv service cannot be asked.
      const result = await subgraph.query(identities.sdvHaarlem, ENTITIES, { representations: representations([pre[0]!, ymere[0]!]) });
      expect(result.data?._entities).toEqual([null, null]);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["SUBGRAPH_UNAVAILABLE", "SUBGRAPH_UNAVAILABLE"]);
      expect(JSON.stringify(result)).not.toMatch(/PW-E/);
    });
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
