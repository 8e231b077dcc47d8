import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { SignalCountCell, SignalCountsArgs } from "./signal-count.type.js";

@Resolver(() => SignalCountCell)
export class SignalCountResolver {
  @ReadableBy("ANALYST", "COORDINATOR", "SDV")
  @Query(() => [SignalCountCell], {
    description:
      "Counts of signals by the keys asked: analysts and the coordinator over the whole covenant, an SDV over the municipalities it serves. Cells under 5 households are suppressed.",
  })
  signalCounts(@Args() args: SignalCountsArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.signalCounts.count(args);
  }
}
