import { Arg, Ctx, Directive, ID, Int, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { eraseHouseholdsOfTenants } from "../../../shared/src/contracts/swt.js";
import type { SwtContext } from "../context.js";

@Resolver()
export class ErasureResolver {
  /**
   * For the corporations subgraph, which calls it on the corporation's behalf right after a tenant's
   * objection is recorded (Art. 3.4), and again for objections whose erasure is not yet done; hidden
   * from the public graph.
   */
  @Directive("@inaccessible")
  @ReadableBy("CORPORATION")
  @Mutation(() => Int, {
    description:
      "Erases the given tenants' cases of your corporation (with their signals, contact attempts, notes and feedback) and their household profiles, unless the tenant still has a case that is not your corporation's; at most 1000 tenants per call. Answers the number of cases erased; repeating the call erases 0.",
  })
  eraseHouseholdsOfTenants(@Arg("tenantIds", () => [ID]) tenantIds: string[], @Ctx() ctx: SwtContext): Promise<AnswerOf<typeof eraseHouseholdsOfTenants>> {
    return ctx.services.erasure.eraseHouseholdsOfTenants(tenantIds);
  }
}
