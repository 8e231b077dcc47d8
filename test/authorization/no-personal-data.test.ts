import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoWorld } from "../../subgraphs/shared/src/demo/world.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/**
 * Every way an analyst or the coordinator might phrase a question about people: root fields,
 * walks through the federation, aliases, named and inline fragments, variables. None may return a
 * name, address, birth date, phone, e-mail or exact amount of a person.
 */
const ATTEMPTS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  "tenants list": {
    query: `{ tenants(first: 500) { edges { node { id name birthDate phone email address { street houseNumber postcode city } arrears { amountCents since } } } } }`,
  },
  aliases: { query: `{ t: tenants(first: 500) { e: edges { n: node { who: name born: birthDate tel: phone mail: email where: address { s: street p: postcode } } } } }` },
  "named fragment": {
    query: `query Q { tenants(first: 500) { edges { node { ...Person } } } } fragment Person on Tenant { name phone email birthDate address { postcode } arrears { amountCents } }`,
  },
  "inline fragment": { query: `{ tenants(first: 500) { edges { node { ... on Tenant { name email } } } } }` },
  "through signals": { query: `{ signals(first: 500) { edges { node { deliveredAmountCents tenant { name phone address { postcode } arrears { amountCents } } } } } }` },
  "through cases": { query: `{ cases(first: 500) { edges { node { tenant { name email householdProfile { childrenUnder18 } } contactAttempts { on } notes { text } } } } }` },
  "by id with a variable": { query: `query($id: ID!) { tenant(id: $id) { name phone } }`, variables: { id: "__TENANT__" } },
  "through a signal by id": { query: `query($id: ID!) { signal(id: $id) { deliveredAmountCents tenant { name email } } }`, variables: { id: "__SIGNAL__" } },
  "skip directive and typename": { query: `query($no: Boolean! = false) { tenants(first: 500) { edges { node { __typename name @skip(if: $no) } } } }` },
  aggregates: {
    query: `{ arrearsCounts(groupBy: [PHASE, MUNICIPALITY, CORPORATION, AMOUNT_BAND]) { households suppressed } signalCounts(groupBy: [MONTH, MUNICIPALITY, PRIORITY]) { households signals suppressed } caseCounts(groupBy: [STATUS, TEAM]) { households suppressed } }`,
  },
};

describe("an analyst and the coordinator cannot obtain a person's data by any query", () => {
  let graph: TestGraph;
  const world = buildDemoWorld();
  const secrets = new Set<string>();
  for (const tenant of world.tenants) {
    secrets.add(tenant.name);
    secrets.add(tenant.phone);
    if (tenant.email) secrets.add(tenant.email);
    if (tenant.birthDate) secrets.add(tenant.birthDate);
    secrets.add(tenant.address.postcode);
    secrets.add(`${tenant.address.street}`);
  }

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
  });
  afterAll(() => graph?.stop());

  for (const role of ["ANALYST", "COORDINATOR"] as const) {
    for (const [name, attempt] of Object.entries(ATTEMPTS)) {
      it(`${role}: ${name}`, async () => {
        const token = await graph.token({ role, orgs: ["0392", "0473"] });
        const variables = JSON.parse(
          JSON.stringify(attempt.variables ?? {})
            .replace("__TENANT__", world.signals[0]!.tenantId)
            .replace("__SIGNAL__", world.signals[0]!.id),
        );
        const result = await graph.query(token, attempt.query, variables);
        const text = JSON.stringify(result.data ?? null);
        const leaked = [...secrets].filter((secret) => text.includes(JSON.stringify(secret)));
        expect(leaked).toEqual([]);
        // No exact amount either: every amount field is null or absent.
        const amounts = [...text.matchAll(/"(amountCents|deliveredAmountCents)":(\d+)/g)];
        expect(amounts).toEqual([]);
        // Every refusal is a clean FORBIDDEN, not a crash.
        for (const error of result.errors ?? []) expect(error.extensions?.code).toBe("FORBIDDEN");
      });
    }
  }
});
