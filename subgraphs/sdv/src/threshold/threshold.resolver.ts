import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";
import type { SdvContext } from "../context.js";
import { Threshold } from "./threshold.type.js";

@Resolver(() => Threshold)
export class ThresholdResolver {
  @Query(() => [Threshold], { description: "The history of the threshold amount, newest first." })
  thresholds(@Ctx() ctx: SdvContext) {
    return ctx.services.thresholds.list();
  }

  @Query(() => Threshold, {
    nullable: true,
    description: "The threshold valid on a date (default: today in the Netherlands); null before the covenant's first threshold.",
  })
  currentThreshold(@Arg("on", () => DateScalar, { nullable: true }) on: string | null | undefined, @Ctx() ctx: SdvContext) {
    return ctx.services.thresholds.validOn(on ?? undefined);
  }
}
