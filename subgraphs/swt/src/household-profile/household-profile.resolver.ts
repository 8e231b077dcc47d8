import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { householdFacts } from "../../../shared/src/contracts/swt.js";
import { HouseholdAddressInput, HouseholdFact, HouseholdInput, HouseholdKeyInput, HouseholdProfile } from "./household-profile.type.js";

@Resolver(() => HouseholdProfile)
export class HouseholdProfileResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => HouseholdProfile, {
    description:
      "Records what your team knows of the household at an address (known since, children under 18, a member aged 65+), before and apart from any signal, or updates it: one profile per address. An SWT team records addresses in its own municipality, the budget coach any address of the covenant. A signal for a tenant at that address then gets priority III when it applies (Art. 5.3).",
  })
  recordHousehold(@Arg("household", () => HouseholdInput) household: HouseholdInput, @Ctx() ctx: SwtContext) {
    ctx.loaders.householdProfile.clearAll();
    return ctx.services.householdProfiles.record(household);
  }

  @ReadableBy("SWT", "BUDGET_COACH")
  @Query(() => HouseholdProfile, { nullable: true, description: "What your team knows of the household at an address; null when nothing is recorded there that is yours to see." })
  household(@Arg("address", () => HouseholdAddressInput) address: HouseholdAddressInput, @Ctx() ctx: SwtContext) {
    return ctx.services.householdProfiles.byAddress(address);
  }
}

@Resolver(() => HouseholdFact)
export class HouseholdFactResolver {
  /**
   * For the sdv subgraph, which asks it while it sets the priority of a batch of signals (Art. 5.3),
   * on behalf of the SDV worker or of the corporation submitting the batch; hidden from the public
   * graph. An SWT worker is not among the readers: it reads the profile itself.
   */
  @Directive("@inaccessible")
  @ReadableBy("CORPORATION", "SDV")
  @Query(() => [HouseholdFact], {
    description:
      "The households of the given tenants for which priority III applies, found by address (as the corporation registered it) or by a tenant linked to a profile; others are left out. tenantIds alone finds only tenant-linked profiles.",
  })
  householdFacts(
    @Arg("tenantIds", () => [ID], { nullable: true }) tenantIds: string[] | null,
    @Arg("households", () => [HouseholdKeyInput], { nullable: true }) households: HouseholdKeyInput[] | null,
    @Ctx() ctx: SwtContext,
  ): Promise<AnswerOf<typeof householdFacts>> {
    return ctx.services.householdProfiles.facts([...(households ?? []), ...(tenantIds ?? []).map((tenantId) => ({ tenantId }))]);
  }
}
