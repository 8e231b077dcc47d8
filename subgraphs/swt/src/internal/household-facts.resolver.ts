import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { householdFacts } from "../../../shared/src/contracts/swt.js";
import type { SwtContext } from "../context.js";
import { HouseholdFact, HouseholdKeyInput } from "../household-profile/household-profile.type.js";

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
