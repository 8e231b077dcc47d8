import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { CasePolicy } from "../case/case.policy.js";
import { swtSubgraph } from "../index.js";
import { HouseholdProfileService } from "./household-profile.service.js";

const FACTS = `query($tenantIds: [ID!]!) { householdFacts(tenantIds: $tenantIds) { tenantId priorityThreeApplies } }`;

describe("householdFacts: what the SDV may learn of a household profile for a signal's priority (Art. 5.3)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const tenant = {
    knownWithChildren: randomUUID(),
    knownWith65Plus: randomUUID(),
    knownWithNeither: randomUUID(),
    unknownWithChildren: randomUUID(),
    withoutProfile: randomUUID(),
  };

  async function facts(identity: Identity, tenantIds: string[]) {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, FACTS, { tenantIds });
    expect(result.errors).toBeUndefined();
    return { facts: result.data!.householdFacts as Record<string, unknown>[], statements: subgraph.statements() - before };
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    await subgraph.db.query(
      `insert into household_profile (tenant_id, known_since, children_under_18, member_65_plus)
       values ($1, '2024-03-01', true, false), ($2, '2025-09-15', false, true), ($3, '2023-01-10', false, false), ($4, null, true, true)`,
      [tenant.knownWithChildren, tenant.knownWith65Plus, tenant.knownWithNeither, tenant.unknownWithChildren],
    );
  });
  afterAll(() => subgraph?.stop());

  it("the SDV is told only of the households for which priority III applies, in the order asked: not which others are known", async () => {
    const asked = [tenant.unknownWithChildren, tenant.withoutProfile, tenant.knownWithNeither, tenant.knownWith65Plus, tenant.knownWithChildren, "not-a-uuid"];
    const { facts: answer } = await facts(identities.sdvHaarlem, asked);
    expect(answer).toEqual([
      { tenantId: tenant.knownWith65Plus, priorityThreeApplies: true },
      { tenantId: tenant.knownWithChildren, priorityThreeApplies: true },
    ]);
  });

  it("the corporation on whose behalf the sdv subgraph takes in a batch gets the same derived facts", async () => {
    const { facts: answer } = await facts(identities.elanWonen, [tenant.knownWithChildren, tenant.unknownWithChildren]);
    expect(answer).toEqual([{ tenantId: tenant.knownWithChildren, priorityThreeApplies: true }]);
  });

  describe("households known by address, and by a case at an SWT team", () => {
    const byAddress = { children: randomUUID(), senior: randomUUID(), nextDoor: randomUUID() };
    const earlierCase = { swt: randomUUID(), coachOnly: randomUUID() };

    beforeAll(async () => {
      await subgraph.db.query(
        `insert into household_profile (postcode, house_number, house_number_addition, municipality_code, recorded_by_team, known_since, children_under_18, member_65_plus)
         values ('2034 AB', 7, 'A', '0392', 'haarlem-schalkwijk', '2025-02-01', true, false), ('2042 JB', 3, '2', '0473', 'zandvoort', '2024-06-01', false, true)`,
      );
      // Profiles from before addresses, that never said since when the household was known.
      await subgraph.db.query(`insert into household_profile (tenant_id, known_since, children_under_18, member_65_plus) values ($1, null, true, false), ($2, null, false, true)`, [
        earlierCase.swt,
        earlierCase.coachOnly,
      ]);
      const kase = (tenantId: string, teamId: string) =>
        subgraph.db.query(
          `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, closed_on, forwarded_on, feedback_phase, feedback_due_on)
           values ($2, $1, 'elan-wonen', '0392', 'CLOSED', '2025-01-06', '2025-03-01', '2025-01-06', 'ARREARS', '2025-01-20')`,
          [tenantId, teamId],
        );
      await kase(earlierCase.swt, "haarlem-noord");
      await kase(earlierCase.coachOnly, "budget-coach");
    });

    it("a household is found by the address the corporation registered, however its house number is written", async () => {
      const service = new HouseholdProfileService(subgraph.db, new CasePolicy(identities.sdvHaarlem));
      const answer = await service.facts([
        { tenantId: byAddress.children, postcode: "2034ab", houseNumber: "7a" },
        { tenantId: byAddress.senior, postcode: "2042 JB", houseNumber: "3-2" },
        { tenantId: byAddress.nextDoor, postcode: "2034 AB", houseNumber: "7" },
      ]);
      expect(answer).toEqual([
        { tenantId: byAddress.children, priorityThreeApplies: true },
        { tenantId: byAddress.senior, priorityThreeApplies: true },
      ]);
    });

    it("a household with an earlier case at an SWT team counts as known; one the budget coach had does not", async () => {
      const service = new HouseholdProfileService(subgraph.db, new CasePolicy(identities.sdvHaarlem));
      expect(await service.facts([{ tenantId: earlierCase.coachOnly }, { tenantId: earlierCase.swt }])).toEqual([{ tenantId: earlierCase.swt, priorityThreeApplies: true }]);
    });

    it("the facts of 500 households asked by address are read in one SQL statement", async () => {
      const asked = Array.from({ length: 500 }, (_, i) => ({ tenantId: randomUUID(), postcode: "2034 AB", houseNumber: String(i + 1) }));
      asked[6]!.houseNumber = "7 A";
      const before = subgraph.statements();
      const result = await subgraph.query(identities.sdvHaarlem, `query($households: [HouseholdKeyInput!]!) { householdFacts(households: $households) { tenantId } }`, {
        households: asked,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.householdFacts).toEqual([{ tenantId: asked[6]!.tenantId }]);
      expect(subgraph.statements() - before).toBe(1);
    });
  });

  it("a household fact has no field of the profile itself: not since when, not children, not 65+", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, `{ __type(name: "HouseholdFact") { fields { name } } }`);
    expect(result.data?.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(["priorityThreeApplies", "tenantId"]);
  });

  it("the facts of 1 and of 500 households are each read in one SQL statement", async () => {
    const many = Array.from({ length: 500 }, () => randomUUID());
    await subgraph.db.query(
      `insert into household_profile (tenant_id, known_since, children_under_18, member_65_plus) select id, '2024-01-01', true, false from unnest($1::uuid[]) id`,
      [many],
    );
    const one = await facts(identities.sdvHaarlem, many.slice(0, 1));
    const all = await facts(identities.sdvHaarlem, many);
    expect(one.facts).toHaveLength(1);
    expect(all.facts).toHaveLength(500);
    expect([one.statements, all.statements]).toEqual([1, 1]);
  });

  it("an empty list, or ids that are no tenant ids, are answered without asking the database", async () => {
    expect(await facts(identities.sdvHaarlem, [])).toEqual({ facts: [], statements: 0 });
    expect(await facts(identities.sdvHaarlem, ["not-a-uuid", "'; drop table household_profile; --"])).toEqual({ facts: [], statements: 0 });
  });

  it.each([
    ["an analyst", identities.analyst],
    ["an SWT worker, who reads the profile itself", identities.swtSchalkwijk],
    ["a budget coach", identities.budgetCoach],
    ["the coordinator", identities.coordinator],
  ])("%s is refused household facts, and nothing is read", async (_who, identity) => {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, FACTS, { tenantIds: [tenant.knownWithChildren] });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(result.data ?? null).toBeNull();
    expect(subgraph.statements() - before).toBe(0);
  });

  it("should a request ever get past the field rule, the row rule still derives no facts for any other role", async () => {
    const asked = Object.values(tenant);
    for (const identity of [identities.analyst, identities.swtSchalkwijk, identities.budgetCoach, identities.coordinator]) {
      const service = new HouseholdProfileService(subgraph.db, new CasePolicy(identity));
      expect(await service.facts(asked.map((tenantId) => ({ tenantId }))), identity.role).toEqual([]);
    }
    expect(await new HouseholdProfileService(subgraph.db, new CasePolicy(identities.sdvHaarlem)).facts(asked.map((tenantId) => ({ tenantId })))).toHaveLength(2);
  });
});
