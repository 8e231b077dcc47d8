import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { HouseholdFact } from "./household-profile.type.js";

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
    description: "The facts derived from the household profiles of the given tenants; tenants without a profile are left out.",
  })
  householdFacts(@Arg("tenantIds", () => [ID]) tenantIds: string[], @Ctx() ctx: SwtContext) {
    return ctx.services.householdProfiles.factsByTenantIds(tenantIds);
  }
}
