import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { HouseholdAddressInput, HouseholdInput, HouseholdProfile } from "./household-profile.type.js";

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
