import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import { COUNT_READERS, REGISTER_COUNT_READERS } from "./statistics.policy.js";
import { ArrearsCountCell, ArrearsCountsArgs, ObjectionCountCell, ObjectionCountsArgs, RegisterCountCell, RegisterCountsArgs } from "./statistics.type.js";

@Resolver()
export class StatisticsResolver {
  @ReadableBy(...COUNT_READERS)
  @Query(() => [ArrearsCountCell], {
    description:
      "Counts of tenants with rent arrears by the keys asked: analysts and the coordinator over the whole covenant, a corporation over its own tenants. Cells under 5 households are suppressed.",
  })
  arrearsCounts(@Args() args: ArrearsCountsArgs, @Ctx() ctx: CorporationsContext) {
    return ctx.services.statistics.arrearsCounts(args);
  }

  @ReadableBy(...COUNT_READERS)
  @Query(() => [ObjectionCountCell], {
    description:
      "Counts of tenants who objected to data exchange (Art. 3.4) by the keys asked: analysts and the coordinator over the whole covenant, a corporation over its own tenants. Cells under 5 households are suppressed.",
  })
  objectionCounts(@Args() args: ObjectionCountsArgs, @Ctx() ctx: CorporationsContext) {
    return ctx.services.statistics.objectionCounts(args);
  }

  @ReadableBy(...REGISTER_COUNT_READERS)
  @Query(() => [RegisterCountCell], {
    description:
      "Counts of the entries of the registers of Art. 6.4 by the keys asked: analysts and the coordinator over the whole covenant, an SDV over the municipalities it serves, a corporation over its own. Cells under 5 households are suppressed.",
  })
  registerCounts(@Args() args: RegisterCountsArgs, @Ctx() ctx: CorporationsContext) {
    return ctx.services.statistics.registerCounts(args);
  }
}
