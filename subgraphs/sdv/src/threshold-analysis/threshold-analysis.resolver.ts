import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { ThresholdAnalysis, ThresholdAnalysisArgs } from "./threshold-analysis.type.js";

/**
 * The threshold analysis of covenant phase I: how candidate thresholds would divide the signals of
 * a period over the priority levels. It sits above both the threshold history and the priority rule.
 */
@Resolver(() => ThresholdAnalysis)
export class ThresholdAnalysisResolver {
  @ReadableBy("SDV", "COORDINATOR", "ANALYST")
  @Query(() => ThresholdAnalysis, {
    description:
      "For the signals of a period, how many would fall into each priority level under each candidate threshold: the analysis of covenant phase I. Cells under 5 households are suppressed.",
  })
  thresholdAnalysis(@Args() args: ThresholdAnalysisArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.thresholdAnalysis.analyse(args);
  }
}
