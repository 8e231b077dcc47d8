import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { swtVisibleTenantIds } from "../../../shared/src/contracts/swt.js";
import type { SwtContext } from "../context.js";

/** Which tenants have a case the caller may see, for the corporations subgraph's tenant policy. */
@Resolver()
export class VisibleTenantIdsResolver {
  /**
   * For the corporations subgraph, which asks it on the caller's behalf to decide which tenants an
   * SDV, SWT or budget coach may see; hidden from the public graph. sdv answers a field of the same
   * name from its signals. Shareable only so that both may declare it: being inaccessible, the gateway
   * never plans it, and corporations asks each subgraph directly.
   */
  @Directive("@shareable")
  @Directive("@inaccessible")
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Query(() => [ID], {
    description: "Of the given tenants (all when null), those with a case that is not closed and that you may see.",
  })
  visibleTenantIds(@Arg("ids", () => [ID], { nullable: true }) ids: string[] | null, @Ctx() ctx: SwtContext): Promise<AnswerOf<typeof swtVisibleTenantIds>> {
    return ctx.services.cases.visibleTenantIds(ids ?? null);
  }
}
