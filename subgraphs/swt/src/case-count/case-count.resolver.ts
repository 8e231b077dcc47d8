import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { CaseCount, CaseCountFilter, CaseGroup } from "./case-count.type.js";

@Resolver(() => CaseCount)
export class CaseCountResolver {
  @ReadableBy("ANALYST", "COORDINATOR", "SDV")
  @Query(() => [CaseCount], {
    description: "Households with a case, grouped by the keys given (none: one total). Cells of fewer than 5 households are suppressed. SDV counts the municipalities it serves.",
  })
  caseCounts(
    @Arg("groupBy", () => [CaseGroup]) groupBy: CaseGroup[],
    @Arg("filter", () => CaseCountFilter, { nullable: true }) filter: CaseCountFilter | null,
    @Ctx() ctx: SwtContext,
  ) {
    return ctx.services.caseCounts.count(groupBy, filter);
  }
}
