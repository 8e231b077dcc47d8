import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import type { SdvContext } from "../context.js";
import { SetThresholdInput, Threshold } from "./threshold.type.js";

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

  @ReadableBy("SDV", "COORDINATOR")
  @Mutation(() => Threshold, {
    description:
      "Adds an entry to the threshold history (Art. 5.3, footnote 1), with the reason. It applies to signals received from validFrom on; stored priorities keep theirs until SDV recomputes them.",
  })
  setThreshold(@Arg("input", () => SetThresholdInput) input: SetThresholdInput, @Ctx() ctx: SdvContext) {
    return ctx.services.thresholds.set(input);
  }
}
